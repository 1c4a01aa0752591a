// Weak keys made at test time (key-weak): primes of each broken kind, and certificates that carry
// any public key bytes at all, signed by a throwaway EC P-256 issuer.
#pragma once

#include <openssl/bn.h>

#include <memory>
#include <string>

namespace certcheck::test {

struct BnFree {
    void operator()(BIGNUM* b) const noexcept { BN_clear_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

[[nodiscard]] Bn bn_word(unsigned long w);
[[nodiscard]] Bn bn_mul(const BIGNUM* a, const BIGNUM* b);
// A random prime of `bits` bits (top two bits set), p - 1 coprime to 65537.
[[nodiscard]] Bn random_prime(int bits);
// The first prime above p + 2^gap_bits with q - 1 coprime to 65537 (for Fermat-close pairs).
[[nodiscard]] Bn prime_after(const BIGNUM* p, int gap_bits);
// A prime of the ROCA form p = k * M + (65537^a mod M) (Nemec et al. 2017, section 2.1), with M
// the product of the first `m_primes` primes (126 for 2048-bit keys) and k, a random.
[[nodiscard]] Bn roca_prime(int bits, int m_primes = 126);

// RSAPublicKey DER: SEQUENCE { INTEGER n, INTEGER e }.
[[nodiscard]] std::string rsa_public_der(const BIGNUM* n, const BIGNUM* e);
// A certificate (PEM) whose SubjectPublicKeyInfo holds exactly these bytes: rsaEncryption with
// `rsa_public_key` DER, or id-ecPublicKey on the named curve with the point octets.
[[nodiscard]] std::string rsa_cert_pem(const std::string& cn, const BIGNUM* n, const BIGNUM* e);
[[nodiscard]] std::string ec_cert_pem(const std::string& cn, int curve_nid, const std::string& point);
// A PKCS#1 private key (PEM) from two primes and e = 65537, for subjects with a key.
[[nodiscard]] std::string rsa_key_pem(const BIGNUM* p, const BIGNUM* q);
// The public point (uncompressed octets) of a fresh key on the curve.
[[nodiscard]] std::string ec_point(int curve_nid);

}  // namespace certcheck::test
