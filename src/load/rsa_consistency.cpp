// The bounded consistency check of an RSA private key (n == p * q, p and q probably prime),
// run on every RSA key the loader reads (keys.cpp's finish_key).
#include "load/rsa_consistency.hpp"

#include <algorithm>

#include <openssl/bn.h>
#include <openssl/evp.h>

#include "common/der.hpp"
#include "weak/prime_memo.hpp"

namespace certcheck {
namespace {

using der::kInteger;
using der::kOctetString;

// The RSAPrivateKey (PKCS#1) structure inside a key's DER: the DER itself, or the privateKey
// OCTET STRING of a PKCS#8 PrivateKeyInfo. Empty when it cannot be found.
std::string_view rsa_private_key_der(const PrivateKey& k, std::string_view der) {
    if (k.format == KeyFormat::Pkcs1Rsa) return der;
    if (k.format != KeyFormat::Pkcs8) return {};
    const auto info = der::sequence_elements(der, 3);
    if (info.size() < 3 || info[2].tag != kOctetString) return {};
    return info[2].content;
}

// Miller-Rabin with random bases: a composite passes one round with probability at most 1/4, and
// a random (corrupted) composite almost never passes one. Each round is one modular
// exponentiation of the factor's size, so keys up to 4,096 bits get 2 rounds per factor (a forged
// composite passes with probability at most 1/16; measured cost per key ~1.5 ms at 2,048 bits
// and ~7 ms at 4,096) and larger ones 1. OpenSSL's full check (BN_check_prime: 64 rounds and trial
// division) costs ~30 ms per 2,048-bit key. A forged key only harms whoever uploads it; the
// check is for keys damaged or assembled by hand. See docs/security.md.
constexpr int kPrimeRounds = 2;
constexpr int kPrimeRoundsLargeKeys = 1;
constexpr int kLargeRsaModulusBits = 4096;
// OpenSSL's own bound on a modulus it computes with (OPENSSL_RSA_MAX_MODULUS_BITS); a larger key
// is refused before any primality test, whose cost grows with the cube of the size.
constexpr int kMaxRsaModulusBits = 16384;

bool probably_prime(const BIGNUM* w, int rounds, BN_CTX* ctx) {
    if (BN_is_word(w, 2) || BN_is_word(w, 3)) return true;
    if (!BN_is_odd(w) || BN_cmp(w, BN_value_one()) <= 0) return false;
    if (weak::remembered_prime(w)) return true;  // the same key met again in this run
    BN_CTX_start(ctx);
    BIGNUM* w1 = BN_CTX_get(ctx);     // w - 1
    BIGNUM* m = BN_CTX_get(ctx);      // (w - 1) / 2^a, odd
    BIGNUM* range = BN_CTX_get(ctx);  // bases are 2 + [0, w - 3)
    BIGNUM* b = BN_CTX_get(ctx);
    BIGNUM* z = BN_CTX_get(ctx);
    BN_MONT_CTX* mont = BN_MONT_CTX_new();
    bool prime = z != nullptr && mont != nullptr && BN_MONT_CTX_set(mont, w, ctx) == 1 && BN_copy(w1, w) != nullptr &&
                 BN_sub_word(w1, 1) == 1 && BN_copy(range, w1) != nullptr && BN_sub_word(range, 2) == 1;
    int a = 0;
    while (prime && !BN_is_bit_set(w1, a)) ++a;
    prime = prime && BN_rshift(m, w1, a) == 1;
    for (int round = 0; prime && round < rounds; ++round) {
        prime = weak::random_below(b, range, ctx) && BN_add_word(b, 2) == 1 && BN_mod_exp_mont(z, b, m, w, ctx, mont) == 1;
        if (!prime || BN_is_one(z) || BN_cmp(z, w1) == 0) continue;
        bool reached = false;  // some z^(2^j) == w - 1, else b witnesses that w is composite
        for (int j = 1; j < a && !reached; ++j) {
            if (BN_mod_sqr(z, z, w, ctx) != 1 || BN_is_one(z)) break;
            reached = BN_cmp(z, w1) == 0;
        }
        prime = reached;
    }
    BN_MONT_CTX_free(mont);
    BN_CTX_end(ctx);
    ossl::clear_errors();
    if (prime) weak::remember_prime(w);
    return prime;
}

// Why the factors of an RSA key do not make its modulus, or nullopt when they do.
std::optional<std::string> factor_problem(const BIGNUM* n, const BIGNUM* p, const BIGNUM* q) {
    if (BN_num_bits(n) > kMaxRsaModulusBits) {
        return "its modulus has " + std::to_string(BN_num_bits(n)) + " bits, over OpenSSL's limit of " +
               std::to_string(kMaxRsaModulusBits);
    }
    BIGNUM* product = BN_new();
    BN_CTX* ctx = BN_CTX_new();
    bool ok = product != nullptr && ctx != nullptr && BN_mul(product, p, q, ctx) == 1 && BN_cmp(product, n) == 0;
    // Each prime of a real key is about half the modulus; a tiny one (q = 2) is a broken key.
    ok = ok && BN_num_bits(p) >= BN_num_bits(n) / 4 && BN_num_bits(q) >= BN_num_bits(n) / 4;
    std::optional<std::string> why;
    const int rounds = BN_num_bits(n) <= kLargeRsaModulusBits ? kPrimeRounds : kPrimeRoundsLargeKeys;
    if (!ok) why = "the modulus is not the product of its two factors of about half its size";
    else if (!probably_prime(p, rounds, ctx)) why = "its first factor (p) is not prime";
    else if (!probably_prime(q, rounds, ctx)) why = "its second factor (q) is not prime";
    BN_CTX_free(ctx);
    BN_free(product);
    return why;
}

BIGNUM* to_bn(std::string_view be) {
    return BN_bin2bn(reinterpret_cast<const unsigned char*>(be.data()), static_cast<int>(be.size()), nullptr);
}

}  // namespace

// n == p * q and p, q probably prime: a bounded consistency check (a full EVP_PKEY_check costs
// ~30 ms). The numbers come straight from the DER OpenSSL just accepted (asking the provider for
// them costs more than the check); the key's parameters are the fallback. Records the modulus for
// pairing. Returns why the key is inconsistent, or nullopt.
std::optional<std::string> rsa_inconsistency(PrivateKey& k, std::string_view der) {
    const auto fields = der::sequence_elements(rsa_private_key_der(k, der), 6);
    const bool readable = fields.size() == 6 && std::all_of(fields.begin(), fields.end(), [](const der::Element& e) {
                              return e.tag == kInteger;
                          });
    BIGNUM* n = nullptr;
    BIGNUM* p = nullptr;
    BIGNUM* q = nullptr;
    std::optional<std::string> why;
    if (readable) {
        k.rsa_modulus = std::string{der::unsigned_integer(fields[1].content)};
        n = to_bn(fields[1].content);
        p = to_bn(fields[4].content);
        q = to_bn(fields[5].content);
        if (n == nullptr || p == nullptr || q == nullptr) why = "its numbers cannot be read";
        else why = factor_problem(n, p, q);
    } else if (EVP_PKEY_get_bn_param(k.pkey.get(), "n", &n) == 1 &&
               EVP_PKEY_get_bn_param(k.pkey.get(), "rsa-factor1", &p) == 1 &&
               EVP_PKEY_get_bn_param(k.pkey.get(), "rsa-factor2", &q) == 1) {
        why = factor_problem(n, p, q);
    }
    BN_clear_free(p);
    BN_clear_free(q);
    BN_free(n);
    ossl::clear_errors();
    if (why) k.rsa_modulus.clear();
    return why;
}

}  // namespace certcheck
