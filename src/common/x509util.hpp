// Small X.509 helpers shared by loading and the rules (internal).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <openssl/x509.h>

namespace certcheck::x509 {

// child's issuer name equals parent's subject (RFC 5280 comparison of canonical encodings)
// and parent's key verifies child's signature.
[[nodiscard]] bool issued_by(X509* child, X509* parent);
[[nodiscard]] bool self_signed(X509* x);
[[nodiscard]] bool same_cert(X509* a, X509* b);

[[nodiscard]] std::string name_line(const X509_NAME* name);  // RFC 2253, UTF-8
[[nodiscard]] std::string short_label(X509* x);              // "CN=...", else the whole subject
[[nodiscard]] std::string short_name(const X509_NAME* name); // the same for any name (an issuer)
[[nodiscard]] std::string fingerprint(X509* x);              // SHA-256 of the DER, 32 raw bytes ("" on failure)
[[nodiscard]] std::string hex(std::string_view bytes);       // lower-case hex

[[nodiscard]] std::optional<std::time_t> to_time(const ASN1_TIME* t);
[[nodiscard]] std::string format_time(std::time_t t);       // 2030-01-01T00:00:00Z
// Parses RFC 3339 (2030-01-01T00:00:00Z, with offset or fraction) or a bare date (midnight UTC).
[[nodiscard]] std::optional<std::time_t> parse_time(const std::string& text);

// The digest of x's signature ("SHA256", "SHA1", "MD5", ...), "" when unknown.
[[nodiscard]] std::string signature_digest(X509* x);
[[nodiscard]] bool weak_signature(X509* x);  // MD2, MD4, MD5 or SHA-1
[[nodiscard]] std::string signature_algorithm(X509* x);  // "sha256WithRSAEncryption"

}  // namespace certcheck::x509
