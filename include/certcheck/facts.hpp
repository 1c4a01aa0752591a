// Inventory facts about a subject's certificates (json/ndjson "certificates" and "files", the
// openmetrics x509_cert_* series, the html report): computed once in the core from the Material.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

// OpenSSL's X509 (<openssl/types.h> names the same struct): the report model, which holds these
// facts, does not include OpenSSL's headers.
struct x509_st;

namespace certcheck {

struct Material;
struct Certificate;

// The distinguished-name attributes monitoring tools label series with (the first of each).
struct NameParts {
    std::string C, ST, L, O, OU, CN;
};

struct CertificateFacts {
    std::string role;     // "leaf" (the body's first certificate), "body" (another one in the body), "chain"
    std::string file;     // the file it was read from
    int index = 0;        // position among the certificates of that file (0-based)
    std::string subject;  // RFC 2253
    std::string issuer;
    NameParts subject_parts;
    NameParts issuer_parts;
    std::string serial;           // hex, upper case, as openssl x509 -serial prints it
    std::string serial_decimal;   // decimal (x509-certificate-exporter's serial_number label)
    std::int64_t not_before = 0;  // unix seconds
    std::int64_t not_after = 0;
    std::int64_t days_left = 0;  // whole days from the run's --at to notAfter, rounded down (negative when expired)
    std::string sha256;          // SHA-256 of the DER certificate, "AB:01:..." as openssl prints it
    std::string spki_sha256;     // SHA-256 of the DER SubjectPublicKeyInfo, base64 (the pin-sha256 form)
    std::string key_type;        // "RSA", "EC", "ED25519", "DSA", "RSA-PSS", ... ("" when unknown)
    int key_bits = 0;
    std::string curve;              // EC keys: the NIST name when there is one ("P-256"), else OpenSSL's; else ""
    std::vector<std::string> sans;  // "DNS:example.com", "IP:192.0.2.1", "email:...", "URI:..."
};

struct InputFileFacts {
    std::string role;  // "cert", "key", "chain"; "endpoint" for a served chain (path: the target, host:port)
    std::string path;
    std::uint64_t bytes = 0;  // an endpoint: its served certificates as PEM
};

struct SubjectFacts {
    std::vector<CertificateFacts> certificates;  // body certificates in file order, then chain certificates
    std::vector<InputFileFacts> files;           // the files the subject was paired from
    std::size_t omitted = 0;                     // certificates beyond kMaxCertificateFacts per file, not listed
};

// At most this many certificates of one file are listed (a hostile 10,000-certificate chain
// file gives a summary, not a 10 MB report).
inline constexpr std::size_t kMaxCertificateFacts = 64;

// Facts for every parsed certificate of the body and chain, judged at `at`.
[[nodiscard]] SubjectFacts collect_facts(const Material& m, std::time_t at);
// Facts for one certificate (role, file and index filled by the caller); `loaded`, when given,
// supplies the names the loader already formatted.
[[nodiscard]] CertificateFacts certificate_facts(x509_st* x, std::time_t at, const Certificate* loaded = nullptr);
// Whole days from `at` to `not_after`, rounded towards minus infinity.
[[nodiscard]] std::int64_t days_between(std::time_t at, std::int64_t not_after) noexcept;

}  // namespace certcheck
