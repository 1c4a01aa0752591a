// Inventory facts about a subject's certificates, computed from its Material.
#include "certcheck/facts.hpp"

#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

#include <array>

#include "certcheck/material.hpp"
#include "common/x509util.hpp"
#include "common/key_kind.hpp"

namespace certcheck {
namespace {

NameParts name_parts(const X509_NAME* name) {
    NameParts p;
    p.C = x509::name_entry(name, NID_countryName);
    p.ST = x509::name_entry(name, NID_stateOrProvinceName);
    p.L = x509::name_entry(name, NID_localityName);
    p.O = x509::name_entry(name, NID_organizationName);
    p.OU = x509::name_entry(name, NID_organizationalUnitName);
    p.CN = x509::name_entry(name, NID_commonName);
    return p;
}

void add_certs(SubjectFacts& out, const std::vector<Certificate>& certs, const std::string& file, bool body, std::time_t at) {
    int index = 0;
    for (const Certificate& c : certs) {
        if (static_cast<std::size_t>(index) >= kMaxCertificateFacts) {
            out.omitted += certs.size() - kMaxCertificateFacts;
            break;
        }
        CertificateFacts f = certificate_facts(c.x509.get(), at, &c);
        f.role = body ? (index == 0 ? "leaf" : "body") : "chain";
        f.file = file;
        f.index = index++;
        out.certificates.push_back(std::move(f));
    }
}

}  // namespace

std::int64_t days_between(std::time_t at, std::int64_t not_after) noexcept {
    const std::int64_t secs = not_after - static_cast<std::int64_t>(at);
    return secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
}

CertificateFacts certificate_facts(X509* x, std::time_t at, const Certificate* loaded) {
    CertificateFacts f;
    const X509_NAME* subject = X509_get_subject_name(x);
    const X509_NAME* issuer = X509_get_issuer_name(x);
    // The loader already wrote the names out once.
    f.subject = loaded != nullptr ? loaded->subject : x509::name_line(subject);
    f.issuer = loaded != nullptr ? loaded->issuer : x509::name_line(issuer);
    f.subject_parts = name_parts(subject);
    f.issuer_parts = name_parts(issuer);
    x509::Serial serial = x509::serial_number(x);
    f.serial = std::move(serial.hex);
    f.serial_decimal = std::move(serial.decimal);
    if (const auto t = x509::to_time(X509_get0_notBefore(x))) f.not_before = static_cast<std::int64_t>(*t);
    if (const auto t = x509::to_time(X509_get0_notAfter(x))) f.not_after = static_cast<std::int64_t>(*t);
    f.days_left = days_between(at, f.not_after);
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int md_len = 0;
    if (X509_digest(x, EVP_sha256(), md.data(), &md_len) == 1) f.sha256 = x509::hex_colon(md.data(), md_len);
    EVP_PKEY* pub = X509_get0_pubkey(x);
    // The SubjectPublicKeyInfo as encoded in the certificate (no re-encoding of the key).
    md_len = 0;
    if (X509_pubkey_digest(x, EVP_sha256(), md.data(), &md_len) == 1) {
        std::array<unsigned char, 4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1> b64{};
        const int n = EVP_EncodeBlock(b64.data(), md.data(), static_cast<int>(md_len));
        if (n > 0) f.spki_sha256.assign(reinterpret_cast<const char*>(b64.data()), static_cast<std::size_t>(n));
    }
    const KeyKind kind = key_kind(pub);
    f.key_type = kind.algorithm;
    f.key_bits = kind.bits;
    f.curve = kind.curve;
    f.sans = x509::subject_alt_names(x);
    ossl::clear_errors();
    return f;
}

SubjectFacts collect_facts(const Material& m, std::time_t at) {
    SubjectFacts out;
    add_certs(out, m.body_certs, m.body.path, true, at);
    if (m.chain) add_certs(out, m.chain_certs, m.chain->path, false, at);
    out.files.push_back({"cert", m.body.path, m.body.data.size()});
    if (m.key) out.files.push_back({"key", m.key->path, m.key->data.size()});
    if (m.chain) out.files.push_back({"chain", m.chain->path, m.chain->data.size()});
    return out;
}

}  // namespace certcheck
