// Small X.509 helpers shared by loading and the rules (internal).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace certcheck::x509 {

// child's issuer name equals parent's subject (RFC 5280 comparison of canonical encodings)
// and parent's key verifies child's signature. Never verifies with a key that
// oversized_rsa_exponent_bits refuses: such a parent issues nothing.
[[nodiscard]] bool issued_by(X509* child, X509* parent);

// The bound on an RSA public exponent, in bits. Each verification costs time linear in the
// exponent's length: a 3,071-bit exponent makes one cost ~6 ms instead of ~17 µs. 64 bits is
// OpenSSL's own bound (OPENSSL_RSA_MAX_PUBEXP_BITS) for moduli over 3,072 bits, and far above
// any exponent in use (3, 17, 65537). See docs/security.md.
inline constexpr int kMaxRsaExponentBits = 64;
// The bit length of x's RSA (or RSA-PSS) public exponent when it is over kMaxRsaExponentBits;
// 0 otherwise (not RSA, or within the bound). Reads the encoded key, never does arithmetic.
[[nodiscard]] int oversized_rsa_exponent_bits(X509* x);
// The same as a message ("its RSA public exponent has 3071 bits, over ..."), "" when within the bound.
[[nodiscard]] std::string oversized_rsa_exponent_problem(X509* x);
[[nodiscard]] bool self_signed(X509* x);
[[nodiscard]] bool same_cert(X509* a, X509* b);
// x names a server: a DNS or IP subjectAltName, or a host name as its CN (dotted, no spaces) on a
// certificate whose keyUsage does not say keyCertSign. What tells `openssl req -x509` output
// (CA:TRUE by default, no keyUsage) from a CA's root (no DNS names; keyCertSign where its CN is dotted).
[[nodiscard]] bool names_a_server(X509* x);

[[nodiscard]] std::string name_line(const X509_NAME* name);   // RFC 2253, UTF-8
[[nodiscard]] std::string short_label(X509* x);               // "CN=...", else the whole subject
[[nodiscard]] std::string short_name(const X509_NAME* name);  // the same for any name (an issuer)
[[nodiscard]] std::string fingerprint(X509* x);               // SHA-256 of the DER, 32 raw bytes ("" on failure)
[[nodiscard]] std::string hex(std::string_view bytes);        // lower-case hex

[[nodiscard]] std::optional<std::time_t> to_time(const ASN1_TIME* t);
[[nodiscard]] std::string format_time(std::time_t t);  // 2030-01-01T00:00:00Z
// Parses RFC 3339 (2030-01-01T00:00:00Z, with offset or fraction) or a bare date (midnight UTC).
// A leap second (2026-12-31T23:59:60Z) is the instant after 23:59:59: the next 00:00:00 UTC.
[[nodiscard]] std::optional<std::time_t> parse_time(const std::string& text);
// Why parse_time refused text: "'x' is not an RFC 3339 time (e.g. ...)", with the leap-second rule
// when the seconds are 60.
[[nodiscard]] std::string time_problem(const std::string& text);

// The digest of x's signature ("SHA256", "SHA1", "MD5", ...), "" when unknown.
[[nodiscard]] std::string signature_digest(X509* x);
[[nodiscard]] bool weak_signature(X509* x);              // MD2, MD4, MD5 or SHA-1
[[nodiscard]] std::string signature_algorithm(X509* x);  // "sha256WithRSAEncryption"

// Upper-case hex bytes joined by colons, as openssl prints fingerprints ("AB:01:...").
[[nodiscard]] std::string hex_colon(const unsigned char* p, std::size_t n);
// The subjectAltName entries: "DNS:x", "IP:192.0.2.1", "email:x", "URI:x", "other".
[[nodiscard]] std::vector<std::string> subject_alt_names(X509* x);
// The same entries of any GENERAL_NAMES (a CSR's requested subjectAltName).
[[nodiscard]] std::vector<std::string> general_names(const GENERAL_NAMES* names);
// The first value of attribute `nid` (NID_commonName, ...) in UTF-8, "" when absent or unreadable.
[[nodiscard]] std::string name_entry(const X509_NAME* name, int nid);

struct Serial {
    std::string hex;  // upper case, "-" for a negative serial ("" when unreadable)
    std::string decimal;
};
[[nodiscard]] Serial serial_number(X509* x);

}  // namespace certcheck::x509
