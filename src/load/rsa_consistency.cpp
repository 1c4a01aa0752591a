// The bounded consistency check of an RSA private key (n == p * q, p and q probably prime),
// run on every RSA key the loader reads (keys.cpp's finish_key).
#include "load/rsa_consistency.hpp"

#include <algorithm>
#include <memory>
#include <utility>

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
// composite passes with probability at most 1/16) and larger ones 1. OpenSSL's full check
// (BN_check_prime: 64 rounds and trial division) costs ~30 ms per 2,048-bit key. A forged key only
// harms whoever uploads it; the check is for keys damaged or assembled by hand. See
// docs/security.md.
//
// p and q are tested side by side: each round raises a base to the power for p and another to the
// power for q in one BN_mod_exp_mont_consttime_x2 call, which on CPUs with AVX-512 IFMA does both
// 1,024-bit exponentiations at once (the route OpenSSL's own RSA-2048 private operation takes):
// 0.24 ms per round for the pair here against 0.43 ms for two BN_mod_exp_mont calls. Elsewhere it
// is two constant-time exponentiations.
constexpr int kPrimeRounds = 2;
constexpr int kPrimeRoundsLargeKeys = 1;
constexpr int kLargeRsaModulusBits = 4096;
// OpenSSL's own bound on a modulus it computes with (OPENSSL_RSA_MAX_MODULUS_BITS); a larger key
// is refused before any primality test, whose cost grows with the cube of the size.
constexpr int kMaxRsaModulusBits = 16384;

using BnPtr = std::unique_ptr<BIGNUM, ossl::Deleter<BN_clear_free>>;
using MontPtr = std::unique_ptr<BN_MONT_CTX, ossl::Deleter<BN_MONT_CTX_free>>;

// One number under Miller-Rabin: w - 1 = m * 2^a with m odd. `decided` is set when the answer is
// known without a round (small, even, or remembered from earlier in the run).
struct Candidate {
    const BIGNUM* w = nullptr;
    BnPtr w1{BN_new()};     // w - 1
    BnPtr m{BN_new()};      // (w - 1) / 2^a, odd
    BnPtr range{BN_new()};  // bases are 2 + [0, w - 3)
    BnPtr base{BN_new()};
    BnPtr z{BN_new()};
    MontPtr mont{BN_MONT_CTX_new()};
    int a = 0;
    bool decided = false;
    bool prime = false;

    Candidate(const BIGNUM* number, BN_CTX* ctx) : w(number) {
        if (BN_is_word(w, 2) || BN_is_word(w, 3)) {
            decided = prime = true;
        } else if (!BN_is_odd(w) || BN_cmp(w, BN_value_one()) <= 0) {
            decided = true;
        } else if (weak::remembered_prime(w)) {  // the same key met again in this run
            decided = prime = true;
        } else {
            prime = w1 && m && range && base && z && mont && BN_MONT_CTX_set(mont.get(), w, ctx) == 1 &&
                    BN_copy(w1.get(), w) != nullptr && BN_sub_word(w1.get(), 1) == 1 &&
                    BN_copy(range.get(), w1.get()) != nullptr && BN_sub_word(range.get(), 2) == 1;
            while (prime && !BN_is_bit_set(w1.get(), a)) ++a;
            prime = prime && BN_rshift(m.get(), w1.get(), a) == 1;
            decided = !prime;  // an allocation failed: not shown to be prime
        }
    }
    bool pending() const { return !decided && prime; }
    bool pick_base(BN_CTX* ctx) {
        return weak::random_below(base.get(), range.get(), ctx) && BN_add_word(base.get(), 2) == 1;
    }
    // The rest of a round once z = base^m mod w: some z^(2^j) == w - 1, else the base witnesses
    // that w is composite.
    bool finish_round(BN_CTX* ctx) {
        if (BN_is_one(z.get()) || BN_cmp(z.get(), w1.get()) == 0) return true;
        for (int j = 1; j < a; ++j) {
            if (BN_mod_sqr(z.get(), z.get(), w, ctx) != 1 || BN_is_one(z.get())) return false;
            if (BN_cmp(z.get(), w1.get()) == 0) return true;
        }
        return false;
    }
};

// Whether p and q are probably prime, each by `rounds` Miller-Rabin rounds (factors remembered
// from earlier in the run are not tested again; those that pass are remembered).
std::pair<bool, bool> probably_primes(const BIGNUM* p, const BIGNUM* q, int rounds, BN_CTX* ctx) {
    Candidate cp{p, ctx};
    Candidate cq{q, ctx};
    for (int round = 0; round < rounds && (cp.pending() || cq.pending()); ++round) {
        if (cp.pending() && !cp.pick_base(ctx)) cp.prime = false;
        if (cq.pending() && !cq.pick_base(ctx)) cq.prime = false;
        bool done = false;
        if (cp.pending() && cq.pending()) {
            done = BN_mod_exp_mont_consttime_x2(cp.z.get(), cp.base.get(), cp.m.get(), p, cp.mont.get(), cq.z.get(),
                                                cq.base.get(), cq.m.get(), q, cq.mont.get(), ctx) == 1;
            if (!done) cp.prime = cq.prime = false;
        }
        for (Candidate* c : {&cp, &cq}) {
            if (!c->pending()) continue;
            if (!done && BN_mod_exp_mont(c->z.get(), c->base.get(), c->m.get(), c->w, ctx, c->mont.get()) != 1) {
                c->prime = false;
                continue;
            }
            c->prime = c->finish_round(ctx);
        }
    }
    ossl::clear_errors();
    for (Candidate* c : {&cp, &cq}) {
        if (!c->decided && c->prime) weak::remember_prime(c->w);
    }
    return {cp.prime, cq.prime};
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
    if (!ok) {
        why = "the modulus is not the product of its two factors of about half its size";
    } else {
        const auto [p_prime, q_prime] = probably_primes(p, q, rounds, ctx);
        if (!p_prime) why = "its first factor (p) is not prime";
        else if (!q_prime) why = "its second factor (q) is not prime";
    }
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
