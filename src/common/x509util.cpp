#include "common/x509util.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "certcheck/openssl.hpp"
#include "common/der.hpp"
#include "openssl/bio.hpp"

namespace certcheck::x509 {
namespace {

std::string ip_text(const ASN1_OCTET_STRING* s) {
    const unsigned char* p = ASN1_STRING_get0_data(s);
    const int n = ASN1_STRING_length(s);
    if (n == 4) return fmt::format("{}.{}.{}.{}", p[0], p[1], p[2], p[3]);
    std::string out;
    for (int i = 0; i + 1 < n; i += 2) out += fmt::format("{}{:x}", i == 0 ? "" : ":", (p[i] << 8) | p[i + 1]);
    return out;
}

std::string printable(const ASN1_STRING* s) {
    std::string out(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), static_cast<std::size_t>(ASN1_STRING_length(s)));
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    return out;
}

}  // namespace

int oversized_rsa_exponent_bits(X509* x) {
    if (x == nullptr) return 0;
    const X509_PUBKEY* pub = X509_get_X509_PUBKEY(x);
    const unsigned char* bytes = nullptr;
    int len = 0;
    X509_ALGOR* alg = nullptr;
    ASN1_OBJECT* oid = nullptr;
    if (pub == nullptr || X509_PUBKEY_get0_param(&oid, &bytes, &len, &alg, pub) != 1 || bytes == nullptr || len <= 0) {
        ossl::clear_errors();
        return 0;
    }
    const int nid = OBJ_obj2nid(oid);
    if (nid != NID_rsaEncryption && nid != NID_rsassaPss) return 0;
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    const auto elements = der::sequence_elements(
        std::string_view(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(len)), 2);
    if (elements.size() < 2 || elements[1].tag != 0x02) return 0;  // malformed: OpenSSL refuses the key itself
    const std::string_view e = der::unsigned_integer(elements[1].content);
    if (e.empty()) return 0;
    int bits = static_cast<int>(e.size() - 1) * 8;
    for (auto top = static_cast<unsigned char>(e.front()); top != 0; top >>= 1) ++bits;
    return bits > kMaxRsaExponentBits ? bits : 0;
}

std::string oversized_rsa_exponent_problem(X509* x) {
    const int bits = oversized_rsa_exponent_bits(x);
    if (bits == 0) return {};
    return "its RSA public exponent has " + std::to_string(bits) + " bits, over certcheck's bound of " +
           std::to_string(kMaxRsaExponentBits) + " (exponents in use are 3 or 65537); no signature is verified with it";
}

bool issued_by(X509* child, X509* parent) {
    if (child == nullptr || parent == nullptr) return false;
    if (X509_NAME_cmp(X509_get_issuer_name(child), X509_get_subject_name(parent)) != 0) return false;
    if (oversized_rsa_exponent_bits(parent) != 0) return false;  // refused before any arithmetic
    EVP_PKEY* key = X509_get0_pubkey(parent);
    if (key == nullptr) {
        ossl::clear_errors();
        return false;
    }
    const bool ok = X509_verify(child, key) == 1;
    ossl::clear_errors();
    return ok;
}

bool self_signed(X509* x) { return issued_by(x, x); }

bool same_cert(X509* a, X509* b) { return a != nullptr && b != nullptr && X509_cmp(a, b) == 0; }

bool names_a_server(X509* x) {
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
    ossl::clear_errors();
    bool found = false;
    for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names) && !found; ++i) {
        const int type = sk_GENERAL_NAME_value(names, i)->type;
        found = type == GEN_DNS || type == GEN_IPADD;
    }
    GENERAL_NAMES_free(names);
    if (found) return true;
    // A dotted CN alone is weaker: roots are named like that too (CN=Izenpe.com in Debian's CA
    // store), but a root says it signs certificates; `openssl req -x509` writes no keyUsage.
    const bool cert_sign = (X509_get_extension_flags(x) & EXFLAG_KUSAGE) != 0 && (X509_get_key_usage(x) & KU_KEY_CERT_SIGN) != 0;
    if (cert_sign) return false;
    const X509_NAME* subject = X509_get_subject_name(x);
    const int at = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (at < 0) return false;
    const ASN1_STRING* cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, at));
    const std::string_view text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(cn)), static_cast<std::size_t>(ASN1_STRING_length(cn)));
    const bool host_chars = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '*';
    });
    return host_chars && text.find('.') != std::string_view::npos && text.front() != '.' && text.back() != '.';
}

std::string name_line(const X509_NAME* name) {
    if (name == nullptr) return {};
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio) return {};
    const unsigned long flags = XN_FLAG_RFC2253 & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        ossl::clear_errors();
        return "(unprintable name)";
    }
    std::string out = ossl::bio_text(bio.get());
    return out.empty() ? std::string{"(empty name)"} : out;
}

std::string short_label(X509* x) { return short_name(X509_get_subject_name(x)); }

std::string fingerprint(X509* x) {
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned int len = 0;
    if (x == nullptr || X509_digest(x, EVP_sha256(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1) {
        ossl::clear_errors();
        return {};
    }
    out.resize(len);
    return out;
}

std::string hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
    return out;
}

std::string short_name(const X509_NAME* subject) {
    const int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (idx >= 0) {
        const X509_NAME_ENTRY* e = X509_NAME_get_entry(subject, idx);
        unsigned char* utf8 = nullptr;
        const int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
        if (n > 0) {
            std::string cn(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
            OPENSSL_free(utf8);
            bool printable = true;
            for (const char c : cn) {
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) printable = false;
            }
            if (printable) return "CN=" + cn;
        }
        ossl::clear_errors();
    }
    return name_line(subject);
}

std::optional<std::time_t> to_time(const ASN1_TIME* t) {
    if (t == nullptr) return std::nullopt;
    std::tm tm{};
    if (ASN1_TIME_to_tm(t, &tm) != 1) {
        ossl::clear_errors();
        return std::nullopt;
    }
    return timegm(&tm);
}

std::string format_time(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::array<char, 32> buf{};
    const std::size_t n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buf.data(), n);
}

namespace {
// Reads `n` digits at text[pos]; -1 when they are not all digits.
int digits(const std::string& text, std::size_t pos, std::size_t n) {
    if (pos + n > text.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}
}  // namespace

std::optional<std::time_t> parse_time(const std::string& text) {
    // YYYY-MM-DD, optionally followed by [Tt ]hh:mm:ss[.fraction](Z|+hh:mm|-hh:mm).
    std::tm tm{};
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || text.size() < 10 || text[4] != '-' ||
        text[7] != '-') {
        return std::nullopt;
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    long offset = 0;
    bool leap = false;
    if (text.size() > 10) {
        if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
        const int hh = digits(text, 11, 2);
        const int mm = digits(text, 14, 2);
        const int ss = digits(text, 17, 2);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 || text.size() < 20 || text[13] != ':' ||
            text[16] != ':') {
            return std::nullopt;
        }
        tm.tm_hour = hh;
        tm.tm_min = mm;
        tm.tm_sec = ss == 60 ? 59 : ss;  // a leap second: see below
        leap = ss == 60;
        std::size_t pos = 19;
        if (text[pos] == '.') {
            ++pos;
            const std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == start) return std::nullopt;
        }
        const std::string zone = text.substr(pos);
        if (zone == "Z" || zone == "z") {
            offset = 0;
        } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
            const int oh = digits(zone, 1, 2);
            const int om = digits(zone, 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
            offset = (zone[0] == '-' ? -1L : 1L) * (oh * 3600L + om * 60L);
        } else {
            return std::nullopt;  // a time without a zone is ambiguous
        }
    }
    std::time_t t = timegm(&tm);
    if (tm.tm_mday != day) return std::nullopt;  // 2030-02-31 rolled over
    t -= offset;
    if (leap) {
        // RFC 3339 5.7: second 60 is a leap second, which comes after 23:59:59 UTC on the last day
        // of a month (whatever the offset it is written with). POSIX time has no number for it: it
        // is taken as the instant that follows, the next month's 00:00:00 UTC (a certificate whose
        // notAfter is 23:59:59 has expired then, as it has during the leap second).
        constexpr std::time_t kDay = 86400;
        if (((t % kDay) + kDay) % kDay != kDay - 1) return std::nullopt;
        ++t;
        std::tm next{};
        if (gmtime_r(&t, &next) == nullptr || next.tm_mday != 1) return std::nullopt;
    }
    return t;
}

std::string time_problem(const std::string& text) {
    const bool leap = text.size() > 19 && text.compare(16, 3, ":60") == 0;
    return "'" + text + "' is not an RFC 3339 time (e.g. 2030-01-01T00:00:00Z)" +
           (leap ? "; a leap second is 23:59:60 UTC on the last day of a month" : "");
}

namespace {
// The digest NID of x's signature, from the signature itself (reads PSS parameters) or, failing
// that, from the algorithm table; NID_undef when unknown.
int signature_md_nid(X509* x) {
    int md_nid = NID_undef;
    int pk_nid = NID_undef;
    if (X509_get_signature_info(x, &md_nid, &pk_nid, nullptr, nullptr) != 1) {
        ossl::clear_errors();
        if (OBJ_find_sigid_algs(X509_get_signature_nid(x), &md_nid, &pk_nid) != 1) return NID_undef;
    }
    return md_nid;
}
}  // namespace

std::string signature_digest(X509* x) {
    const int md_nid = signature_md_nid(x);
    if (md_nid == NID_undef) return {};
    const char* sn = OBJ_nid2sn(md_nid);
    std::string out = sn != nullptr ? sn : "";
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool weak_signature(X509* x) {
    // Some old certificates name a bare digest OID (md5, sha1) as their signature algorithm.
    const int sig_nid = X509_get_signature_nid(x);
    if (sig_nid == NID_md2 || sig_nid == NID_md4 || sig_nid == NID_md5 || sig_nid == NID_sha1) return true;
    const int md_nid = signature_md_nid(x);
    return md_nid == NID_md2 || md_nid == NID_md4 || md_nid == NID_md5 || md_nid == NID_sha1 ||
           md_nid == NID_md5_sha1;
}

std::string signature_algorithm(X509* x) {
    const char* ln = OBJ_nid2ln(X509_get_signature_nid(x));
    return ln != nullptr ? ln : "unknown";
}

std::string hex_colon(const unsigned char* p, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += fmt::format("{}{:02X}", i == 0 ? "" : ":", p[i]);
    return out;
}

std::vector<std::string> general_names(const GENERAL_NAMES* names) {
    std::vector<std::string> out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
        switch (gn->type) {
            case GEN_DNS: out.push_back("DNS:" + printable(gn->d.dNSName)); break;
            case GEN_IPADD: out.push_back("IP:" + ip_text(gn->d.iPAddress)); break;
            case GEN_EMAIL: out.push_back("email:" + printable(gn->d.rfc822Name)); break;
            case GEN_URI: out.push_back("URI:" + printable(gn->d.uniformResourceIdentifier)); break;
            default: out.emplace_back("other"); break;
        }
    }
    return out;
}

std::vector<std::string> subject_alt_names(X509* x) {
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
    ossl::clear_errors();
    if (names == nullptr) return {};
    std::vector<std::string> out = general_names(names);
    GENERAL_NAMES_free(names);
    return out;
}

std::string name_entry(const X509_NAME* name, int nid) {
    const int idx = X509_NAME_get_index_by_NID(name, nid, -1);
    if (idx < 0) return {};
    unsigned char* utf8 = nullptr;
    const int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx)));
    if (n < 0) {
        ossl::clear_errors();
        return {};
    }
    std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
    OPENSSL_free(utf8);
    return out;
}

Serial serial_number(X509* x) {
    Serial s;
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), nullptr);
    if (bn == nullptr) {
        ossl::clear_errors();
        return s;
    }
    if (char* hex = BN_bn2hex(bn)) {
        s.hex = hex;
        OPENSSL_free(hex);
    }
    if (char* dec = BN_bn2dec(bn)) {
        s.decimal = dec;
        OPENSSL_free(dec);
    }
    BN_free(bn);
    return s;
}

}  // namespace certcheck::x509
