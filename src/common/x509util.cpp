#include "common/x509util.hpp"

#include <openssl/bio.h>
#include <openssl/objects.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <regex>

#include "certcheck/openssl.hpp"

namespace certcheck::x509 {

bool issued_by(X509* child, X509* parent) {
    if (child == nullptr || parent == nullptr) return false;
    if (X509_NAME_cmp(X509_get_issuer_name(child), X509_get_subject_name(parent)) != 0) return false;
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

std::string name_line(const X509_NAME* name) {
    if (name == nullptr) return {};
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio) return {};
    const unsigned long flags = XN_FLAG_RFC2253 & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        ossl::clear_errors();
        return "(unprintable name)";
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    std::string out = len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string{};
    return out.empty() ? std::string{"(empty name)"} : out;
}

std::string short_label(X509* x) {
    const X509_NAME* subject = X509_get_subject_name(x);
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

std::optional<std::time_t> parse_time(const std::string& text) {
    static const std::regex re(
        R"(^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$)");
    std::smatch m;
    if (!std::regex_match(text, m, re)) return std::nullopt;
    std::tm tm{};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    if (m[4].matched) {
        tm.tm_hour = std::stoi(m[4]);
        tm.tm_min = std::stoi(m[5]);
        tm.tm_sec = std::stoi(m[6]);
    }
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60) {
        return std::nullopt;
    }
    const int mday = tm.tm_mday;
    std::time_t t = timegm(&tm);
    if (tm.tm_mday != mday) return std::nullopt;  // 2030-02-31 rolled over
    if (m[7].matched && m[7].str() != "Z" && m[7].str() != "z") {
        const std::string off = m[7];
        const int sign = off[0] == '-' ? -1 : 1;
        const int hours = std::stoi(off.substr(1, 2));
        const int mins = std::stoi(off.substr(4, 2));
        if (hours > 23 || mins > 59) return std::nullopt;
        t -= sign * (hours * 3600 + mins * 60);
    }
    return t;
}

std::string signature_digest(X509* x) {
    int md_nid = NID_undef;
    int pk_nid = NID_undef;
    if (X509_get_signature_info(x, &md_nid, &pk_nid, nullptr, nullptr) != 1) {
        ossl::clear_errors();
        // Fall back to the algorithm table (e.g. PSS parameters OpenSSL could not read).
        if (OBJ_find_sigid_algs(X509_get_signature_nid(x), &md_nid, &pk_nid) != 1) return {};
    }
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
    int md_nid = NID_undef;
    int pk_nid = NID_undef;
    if (X509_get_signature_info(x, &md_nid, &pk_nid, nullptr, nullptr) != 1) {
        ossl::clear_errors();
        if (OBJ_find_sigid_algs(X509_get_signature_nid(x), &md_nid, &pk_nid) != 1) return false;
    }
    return md_nid == NID_md2 || md_nid == NID_md4 || md_nid == NID_md5 || md_nid == NID_sha1 ||
           md_nid == NID_md5_sha1;
}

std::string signature_algorithm(X509* x) {
    const char* ln = OBJ_nid2ln(X509_get_signature_nid(x));
    return ln != nullptr ? ln : "unknown";
}

}  // namespace certcheck::x509
