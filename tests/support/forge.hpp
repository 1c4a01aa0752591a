// Certificates and keys made at run time with the OpenSSL API, for inputs that would be
// megabytes or hostile bytes as committed files: keys with huge RSA exponents, RSA keys whose
// factors are not prime, names holding control characters or invalid UTF-8.
#pragma once

#include <string>
#include <vector>

#include <openssl/params.h>

#include "certcheck/openssl.hpp"

namespace certcheck::test::forge {

[[nodiscard]] ossl::PkeyPtr ec_key();           // a fresh P-256 key
[[nodiscard]] ossl::PkeyPtr rsa_key(int bits);  // a fresh RSA key (e = 65537)
// A public-only RSA key with a random odd modulus of modulus_bits (its top 16 bits set) and a
// random odd exponent of exactly exponent_bits (no private half: it can only be verified with,
// which is the attack).
[[nodiscard]] ossl::PkeyPtr rsa_public_key(int modulus_bits, int exponent_bits);

struct CertSpec {
    std::string subject_cn;  // UTF-8 bytes as given (controls allowed)
    std::string issuer_cn;   // "" = the subject (self-issued)
    bool raw_cn = false;     // store the CN bytes unchecked as a UTF8String (invalid UTF-8 allowed)
    bool ca = true;
    std::vector<std::string> dns_sans;  // IA5String bytes as given
    long serial = 1;
    bool empty_issuer = false;  // an issuer Name with no attributes at all
    std::string ocsp_url{};     // "" = no authorityInfoAccess; else one OCSP URI (any length)
    std::string basic_constraints{};  // "" = from `ca`; else the extension as openssl.cnf writes it
    std::string key_usage{};          // "" = no keyUsage; else as openssl.cnf writes it
    std::string name_constraints{};   // "" = none; else as openssl.cnf writes it ("critical,permitted;DNS:.corp.example")
    std::vector<std::string> ip_sans{};  // IP addresses as text ("192.0.2.1"), after the DNS names
    bool v1 = false;                  // X.509 version 1 without extensions (`openssl x509 -req` without -extfile)
    std::string not_before = "20000101000000Z";
    std::string not_after = "20991231235959Z";
};
// A spec with its names, CA flag and notAfter set, the rest default.
[[nodiscard]] CertSpec spec(const std::string& subject_cn, const std::string& issuer_cn = "", bool ca = true,
                            const std::string& not_after = "20991231235959Z");

// A certificate for `subject_key`, signed with `signer` (SHA-256), valid not_before to not_after.
[[nodiscard]] ossl::X509Ptr cert(const CertSpec& spec, EVP_PKEY* subject_key, EVP_PKEY* signer);

[[nodiscard]] std::string pem(X509* x);
[[nodiscard]] std::string cert_pem(const CertSpec& spec, EVP_PKEY* subject_key, EVP_PKEY* signer);  // pem(cert(...))
[[nodiscard]] std::string private_pem(EVP_PKEY* k);  // unencrypted PKCS#8

// An unencrypted RSA private key (PKCS#8 PEM) of about modulus_bits that OpenSSL parses but
// `openssl pkey -check` refuses: with composite_factors its first factor p is the product of two
// primes (n = p*q still holds); without, p and q are prime but n = p*q + 2.
[[nodiscard]] std::string bad_rsa_private_pem(int modulus_bits, bool composite_factors);

// An RSA key made from OSSL_PARAMs (EVP_PKEY_PUBLIC_KEY or EVP_PKEY_KEYPAIR), through the provider
// even when the CLI's built-in RSA ENGINE is registered in this process.
[[nodiscard]] ossl::PkeyPtr rsa_from_params(const OSSL_PARAM* params, int selection);

}  // namespace certcheck::test::forge
