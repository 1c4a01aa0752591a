// What Roles Anywhere makes of a certificate: principal tags, source identity, session name
// (AWS-RULES.md 5c: ra-tag-subject, ra-tag-issuer, ra-tag-san, ra-tag-multivalue,
// ra-tag-charset, ra-source-identity, ra-session-name).
#include <algorithm>
#include <cctype>
#include <cstdint>

#include <fmt/format.h>
#include <openssl/x509v3.h>

#include "certcheck/openssl.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "common/utf8.hpp"

namespace certcheck {
namespace {

// The RDNs AWS shows in its mapping examples (AWS-RULES.md Open question 12: the full list is not given).
constexpr std::pair<int, std::string_view> kMappedRdns[] = {
    {NID_countryName, "C"},
    {NID_organizationName, "O"},
    {NID_organizationalUnitName, "OU"},
    {NID_stateOrProvinceName, "ST"},
    {NID_localityName, "L"},
    {NID_commonName, "CN"},
};

std::string_view rdn_name(int nid) {
    for (const auto& [n, name] : kMappedRdns) {
        if (n == nid) return name;
    }
    return {};
}

std::string to_utf8(const ASN1_STRING* s) {
    unsigned char* out = nullptr;
    const int n = ASN1_STRING_to_UTF8(&out, s);
    if (n < 0) {
        ossl::clear_errors();
        return {};
    }
    std::string text(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
    OPENSSL_free(out);
    return text;
}

// Decodes UTF-8 into code points; false when it is not valid UTF-8.
bool code_points(std::string_view s, std::vector<std::uint32_t>& out) {
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8_decode(s, i, cp);
        if (len == 0) return false;
        out.push_back(cp);
        i += len;
    }
    return true;
}

// [\p{L}\p{Z}\p{N}_.:/=+\-@]: exact for ASCII and Latin-1; beyond that, punctuation, symbols,
// controls, surrogates and private use are refused and other code points are taken as letters
// (certcheck carries no Unicode database; see docs/rules/ra-tag-values.md).
bool tag_char(std::uint32_t c) {
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view{" _.:/=+-@"}.find(static_cast<char>(c)) != std::string_view::npos;
    }
    if (c < 0xA0) return false;
    if (c < 0xC0) return c == 0xA0 || c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA ||
                         (c >= 0xBC && c <= 0xBE);
    if (c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x206F) return c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F;
    if (c >= 0x20A0 && c <= 0x2BFF) return false;  // currency, arrows, mathematical and other symbols
    if (c >= 0xD800 && c <= 0xF8FF) return false;  // surrogates, private use
    if (c >= 0xFE00 && c <= 0xFE0F) return false;  // variation selectors
    if (c >= 0xFFF0) return false;
    return true;
}

void judge(SessionTag& t) {
    std::vector<std::uint32_t> cps;
    if (!code_points(t.value, cps)) {
        t.dropped = true;
        t.why_dropped = "not valid UTF-8";
        return;
    }
    if (cps.size() > kMaxTagValueChars) {
        t.dropped = true;
        t.why_dropped = fmt::format("{} characters, over the {}-character limit", cps.size(), kMaxTagValueChars);
        return;
    }
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (!tag_char(cps[i])) {
            t.dropped = true;
            t.why_dropped = cps[i] < 0x80 && cps[i] >= 0x20
                                ? fmt::format("character '{}' (position {}) is outside the session-tag pattern",
                                              static_cast<char>(cps[i]), i + 1)
                                : fmt::format("character U+{:04X} (position {}) is outside the session-tag pattern", cps[i], i + 1);
            return;
        }
    }
}

bool has_spec(const std::vector<std::string>& specs, std::string_view name) {
    for (const std::string& sp : specs) {
        if (sp == "*" || (sp.size() == name.size() && std::equal(sp.begin(), sp.end(), name.begin(), [](char a, char b) {
                              return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
                          }))) {
            return true;
        }
    }
    return false;
}

std::string not_mapped(const AttributeMapping& m, std::string_view key) {
    return fmt::format("the attribute mapping from {} does not map {}", m.source, key);
}

// One tag per mapped RDN, values of repeated RDNs joined with '/' in certificate order; RDNs
// the mapping leaves out are recorded as unmapped. `field` is "x509Subject", "x509Issuer" or
// "x509SAN/Name"; `specs` are the mapping's specifiers for it (for x509SAN/Name: after "Name/").
void name_tags(const X509_NAME* name, const std::string& field, const std::vector<std::string>& specs,
               const AttributeMapping& mapping, SessionPreview& p) {
    if (name == nullptr) return;
    const std::size_t first = p.tags.size();
    std::vector<UnmappedValue> left_out;
    const int n = X509_NAME_entry_count(name);
    for (int i = 0; i < n; ++i) {
        const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
        const std::string_view rdn = rdn_name(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)));
        if (rdn.empty()) continue;
        const std::string key = field + "/" + std::string{rdn};
        const std::string value = to_utf8(X509_NAME_ENTRY_get_data(e));
        if (!has_spec(specs, rdn)) {
            const auto same = std::find_if(left_out.begin(), left_out.end(), [&](const UnmappedValue& u) { return u.what == key; });
            if (same != left_out.end()) same->value += "/" + value;
            else left_out.push_back(UnmappedValue{"aws:PrincipalTag/" + key, key, value, not_mapped(mapping, key)});
            continue;
        }
        SessionTag* tag = nullptr;
        for (std::size_t k = first; k < p.tags.size(); ++k) {
            if (p.tags[k].key == key) tag = &p.tags[k];
        }
        if (tag != nullptr) {
            tag->value += "/" + value;
        } else {
            p.tags.push_back(SessionTag{key, value, false, {}});
        }
    }
    p.unmapped.insert(p.unmapped.end(), left_out.begin(), left_out.end());
}

// The mapping's x509SAN specifiers for directory-name RDNs ("Name/*" -> "*", "Name/CN" -> "CN").
std::vector<std::string> dirname_specs(const std::vector<std::string>& san) {
    std::vector<std::string> out;
    for (const std::string& sp : san) {
        if (sp == "*") out.push_back("*");
        else if (sp.size() > 5 && (sp.starts_with("Name/") || sp.starts_with("name/"))) out.push_back(sp.substr(5));
    }
    return out;
}

void san_tags(X509* leaf, const AttributeMapping& mapping, SessionPreview& p) {
    auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(leaf, NID_subject_alt_name, nullptr, nullptr));
    ossl::clear_errors();
    bool dns = false;
    bool uri = false;
    bool dir = false;
    const auto first_of_kind = [&](bool& seen, std::string_view kind, std::string value) {
        const std::string key = fmt::format("x509SAN/{}", kind);
        const std::string what = fmt::format("{} SAN", kind);
        if (seen) {
            p.unmapped.push_back(UnmappedValue{"aws:PrincipalTag/" + key, what, std::move(value),
                                               fmt::format("Roles Anywhere maps only the first {} SAN", kind)});
        } else if (!has_spec(mapping.san, kind)) {
            p.unmapped.push_back(UnmappedValue{"aws:PrincipalTag/" + key, what, std::move(value), not_mapped(mapping, key)});
        } else {
            p.tags.push_back(SessionTag{key, std::move(value), false, {}});
        }
        seen = true;
    };
    const std::vector<std::string> name_specs = dirname_specs(mapping.san);
    for (int i = 0; sans != nullptr && i < sk_GENERAL_NAME_num(sans); ++i) {
        const GENERAL_NAME* g = sk_GENERAL_NAME_value(sans, i);
        if (g->type == GEN_DNS) {
            first_of_kind(dns, "DNS", to_utf8(g->d.dNSName));
        } else if (g->type == GEN_URI) {
            first_of_kind(uri, "URI", to_utf8(g->d.uniformResourceIdentifier));
        } else if (g->type == GEN_DIRNAME && !dir) {
            dir = true;
            name_tags(g->d.directoryName, "x509SAN/Name", name_specs, mapping, p);
        } else if (g->type == GEN_IPADD || g->type == GEN_EMAIL) {
            const bool ip = g->type == GEN_IPADD;
            std::string value;
            if (ip) {
                const ASN1_STRING* os = g->d.iPAddress;
                const unsigned char* d = ASN1_STRING_get0_data(os);
                const int len = ASN1_STRING_length(os);
                if (len == 4) {
                    value = fmt::format("{}.{}.{}.{}", d[0], d[1], d[2], d[3]);
                } else {
                    for (int k = 0; k + 1 < len; k += 2) value += fmt::format("{}{:x}", k == 0 ? "" : ":", (d[k] << 8) | d[k + 1]);
                }
            } else {
                value = to_utf8(g->d.rfc822Name);
            }
            const std::string_view kind = ip ? "IP" : "Email";
            p.unmapped.push_back(UnmappedValue{fmt::format("aws:PrincipalTag/x509SAN/{}", kind),
                                               fmt::format("{} SAN", ip ? "IP address" : "email"), std::move(value),
                                               "Roles Anywhere maps only DNS, URI and directory-name SANs"});
        }
    }
    GENERAL_NAMES_free(sans);
}

std::string serial_hex(X509* x) {
    const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
    if (serial == nullptr) return "00";
    std::string hex;
    const unsigned char* data = ASN1_STRING_get0_data(serial);
    const int len = ASN1_STRING_length(serial);
    for (int i = 0; i < len; ++i) hex += fmt::format("{:02x}", data[i]);
    return hex.empty() ? std::string{"00"} : hex;
}

}  // namespace

bool valid_tag_value(std::string_view utf8) {
    SessionTag t{"", std::string{utf8}, false, {}};
    judge(t);
    return !t.dropped;
}

AttributeMapping AttributeMapping::default_mapping() {
    return AttributeMapping{"", {"*"}, {"*"}, {"DNS", "URI", "Name/*"}};
}

SessionPreview issuer_only_session(X509* ca, const AttributeMapping* mapping) {
    SessionPreview p;
    if (ca == nullptr) return p;
    const AttributeMapping fallback = AttributeMapping::default_mapping();
    const AttributeMapping& m = mapping != nullptr ? *mapping : fallback;
    p.mapping = m.source.empty() ? std::string{"default attribute mapping"} : "attribute mapping from " + m.source;
    name_tags(X509_get_subject_name(ca), "x509Issuer", m.issuer, m, p);
    for (SessionTag& t : p.tags) judge(t);
    p.session_name = "01";
    p.source_identity = "ID=01";
    return p;
}

SessionPreview preview_session(X509* leaf, const AttributeMapping* mapping) {
    SessionPreview p;
    if (leaf == nullptr) return p;
    const AttributeMapping fallback = AttributeMapping::default_mapping();
    const AttributeMapping& m = mapping != nullptr ? *mapping : fallback;
    p.mapping = m.source.empty() ? std::string{"default attribute mapping"} : "attribute mapping from " + m.source;
    name_tags(X509_get_subject_name(leaf), "x509Subject", m.subject, m, p);
    name_tags(X509_get_issuer_name(leaf), "x509Issuer", m.issuer, m, p);
    san_tags(leaf, m, p);
    for (SessionTag& t : p.tags) judge(t);

    p.session_name = serial_hex(leaf);
    std::string cn;
    const X509_NAME* subject = X509_get_subject_name(leaf);
    const int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (idx >= 0) cn = to_utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx)));
    std::vector<std::uint32_t> cps;
    const std::size_t cn_chars = code_points(cn, cps) ? cps.size() : cn.size();
    if (idx < 0 || cn.empty()) {
        p.source_identity = "ID=" + p.session_name;
    } else if (cn_chars <= 61) {
        p.source_identity = "CN=" + cn;
    } else {
        p.source_identity = cn;
        if (cn_chars > 64) {
            p.source_identity_note = fmt::format(
                "the CN has {} characters; AWS documents the source identity only for a CN of up to 64 characters, so what "
                "Roles Anywhere sets here is not known",
                cn_chars);
        }
    }
    return p;
}

}  // namespace certcheck
