// host-match: each --host is covered by the body's subject alternative names.
#include "rules/rules.hpp"

#include <openssl/x509v3.h>

#include <idn2.h>

#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "common/shared_library.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "host-match",
    Severity::Error,
    "Each --host name is covered by the certificate's subject alternative names",
    "RFC 6125 6.4 (wildcards match one whole left-most label) and RFC 5280 4.2.1.6; a certificate that does not "
    "name the host uploads fine but fails every TLS handshake (AWS-RULES.md 1d)",
    "reissue the certificate with the missing name in its subjectAltName extension",
};

bool is_ip(const std::string& host) {
    ossl::clear_errors();
    ASN1_OCTET_STRING* ip = a2i_IPADDRESS(host.c_str());
    ossl::clear_errors();
    if (ip == nullptr) return false;
    ASN1_OCTET_STRING_free(ip);
    return true;
}

// The form of a --host name that certificates carry: one trailing dot dropped (example.com. is the
// same fully qualified name as example.com), and an internationalised name written in Unicode
// (U-labels) turned into its A-labels, as RFC 5280 7.2 wants dNSNames written (bücher.example is
// xn--bcher-kva.example; IDNA2008 with UTS #46 non-transitional mapping, by libidn2). Nothing, with
// the reason in `why`, for a name that cannot be converted.
std::optional<std::string> certificate_form(const std::string& host, std::string& why) {
    std::string name = host;
    if (name.size() > 1 && name.back() == '.') name.pop_back();
    if (name.empty() || name.back() == '.' || name.front() == '.' || name.find("..") != std::string::npos) {
        why = "a name with an empty label";
        return std::nullopt;
    }
    bool ascii = true;
    for (const char c : name) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return name;
    // libidn2 is loaded here, the first time a name needs it, not at every start.
    static SharedLibrary libidn2{"libidn2.so.0"};
    std::string missing;
    decltype(&idn2_to_ascii_8z) to_ascii = nullptr;
    decltype(&idn2_free) release = nullptr;
    decltype(&idn2_strerror) error_text = nullptr;
    if (!libidn2.bind(to_ascii, "idn2_to_ascii_8z", missing) || !libidn2.bind(release, "idn2_free", missing) ||
        !libidn2.bind(error_text, "idn2_strerror", missing)) {
        why = fmt::format("internationalised names need libidn2: {}", missing);
        return std::nullopt;
    }
    char* out = nullptr;
    const int rc = to_ascii(name.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
    const std::unique_ptr<char, decltype(&idn2_free)> holder(out, release);
    if (rc != IDN2_OK || out == nullptr) {
        why = fmt::format("not a valid internationalised domain name ({})", error_text(rc));
        return std::nullopt;
    }
    return std::string{out};
}

std::string san_list(X509* x) {
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
    ossl::clear_errors();
    if (names == nullptr) return "none: it has no subjectAltName extension, and clients do not match the subject CN";
    std::string out;
    int shown = 0;
    const int n = sk_GENERAL_NAME_num(names);
    for (int i = 0; i < n && shown < 5; ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
        if (gn->type != GEN_DNS) continue;
        const auto* s = gn->d.dNSName;
        std::string name(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), static_cast<std::size_t>(ASN1_STRING_length(s)));
        bool printable = true;
        for (const char c : name) printable = printable && c > 0x20 && c < 0x7f;
        if (!printable) continue;
        if (!out.empty()) out += ", ";
        out += name;
        ++shown;
    }
    if (n > shown && shown > 0) out += ", ...";
    GENERAL_NAMES_free(names);
    return out.empty() ? std::string{"no DNS names"} : out;
}

// The certificate's IP address SANs, for a message ("" when it has none).
std::string ip_list(X509* x) {
    std::string out;
    for (const std::string& name : x509::subject_alt_names(x)) {
        if (!name.starts_with("IP:")) continue;
        if (!out.empty()) out += ", ";
        out += name.substr(3);
    }
    return out;
}

// An IPv6 address as URLs write it ([::1]) is that address.
std::string unbracketed(const std::string& host) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        std::string inner = host.substr(1, host.size() - 2);
        if (is_ip(inner)) return inner;
    }
    return host;
}

class HostMatch final : public Rule {
public:
    HostMatch() : Rule(kInfo, "no --host given") {}
    bool applies(const Material& m, const Context&) const override {
        return !m.request.hosts.empty();
    }
    Result check(const Material& m, const Context&) const override {
        if (m.leaf() == nullptr) return Result::not_applicable("no certificate in the body could be read");
        const Certificate& c = *m.leaf();
        X509* x = c.x509.get();
        std::vector<std::string> missing;
        for (const std::string& host : m.request.hosts) {
            int ok = 0;
            std::string shown = host;
            if (const std::string ip = unbracketed(host); is_ip(ip)) {
                ok = X509_check_ip_asc(x, ip.c_str(), 0);
            } else {
                std::string why;
                const auto name = certificate_form(host, why);
                if (!name) {
                    shown = fmt::format("{} ({})", host, why);
                } else {
                    if (*name != host && !(host.size() == name->size() + 1 && host.starts_with(*name))) {
                        shown = fmt::format("{} ({})", host, *name);
                    }
                    ok = X509_check_host(x, name->c_str(), name->size(),
                                         X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr);
                }
            }
            ossl::clear_errors();
            if (ok != 1) missing.push_back(shown);
        }
        const auto where = at_file(m.body, c.line);
        if (missing.empty()) {
            return Result::pass(fmt::format("{} host name{} covered by the certificate's SANs", m.request.hosts.size(),
                                            m.request.hosts.size() == 1 ? " is" : "s are"),
                                where);
        }
        std::string list;
        for (const auto& h : missing) list += (list.empty() ? "" : ", ") + h;
        const std::string ips = ip_list(x);
        return Result::fail(fmt::format("{} not covered by {} (its DNS names: {}{})", list, c.label, san_list(x),
                                        ips.empty() ? std::string{} : "; its IP addresses: " + ips),
                            where);
    }
};

}  // namespace

// catalogue: 260
std::unique_ptr<Validator> make_host_match() { return std::make_unique<HostMatch>(); }

}  // namespace certcheck::rules
