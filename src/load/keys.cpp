// Private keys: decoded by what their label (or shape) says they are, never by trying every
// decoder, and never decrypted (an encrypted key is reported, not prompted for).
#include <algorithm>
#include <cctype>

#include <openssl/bn.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "certcheck/load.hpp"
#include "load/der.hpp"
#include "load/keys.hpp"
#include "weak/prime_memo.hpp"

namespace certcheck {
namespace {

constexpr std::uint8_t kInteger = 0x02;
constexpr std::uint8_t kOctetString = 0x04;
constexpr std::uint8_t kSequence = 0x30;

// OpenSSL 3.0 builds a decoder context on every d2i_PrivateKey call (~150 us); one context per
// thread and structure, reused, decodes the same key in a few microseconds.
class KeyDecoder {
public:
    KeyDecoder(const char* structure, const char* keytype) {
        ctx_ = OSSL_DECODER_CTX_new_for_pkey(&out_, "DER", structure, keytype, EVP_PKEY_KEYPAIR, nullptr, nullptr);
        if (ctx_ != nullptr) OSSL_DECODER_CTX_set_pem_password_cb(ctx_, ossl::refuse_passphrase, nullptr);
        ossl::clear_errors();
    }
    ~KeyDecoder() { OSSL_DECODER_CTX_free(ctx_); }
    KeyDecoder(const KeyDecoder&) = delete;
    KeyDecoder& operator=(const KeyDecoder&) = delete;

    ossl::PkeyPtr decode(std::string_view der) {
        if (ctx_ == nullptr) return {};
        out_ = nullptr;
        const auto* p = reinterpret_cast<const unsigned char*>(der.data());
        std::size_t len = der.size();
        if (OSSL_DECODER_from_data(ctx_, &p, &len) != 1) {
            EVP_PKEY_free(out_);
            out_ = nullptr;
            return {};
        }
        ossl::PkeyPtr key{out_};
        out_ = nullptr;
        return key;
    }

private:
    EVP_PKEY* out_ = nullptr;  // where the context writes each decoded key
    OSSL_DECODER_CTX* ctx_ = nullptr;
};

// Each decoder is built on its first use only: building one costs far more than decoding.
ossl::PkeyPtr decode_type_specific(int type, std::string_view der) {
    switch (type) {
        case EVP_PKEY_RSA: return decode_pkcs1_rsa(der);
        case EVP_PKEY_EC: {
            thread_local KeyDecoder ec("type-specific", "EC");
            return ec.decode(der);
        }
        case EVP_PKEY_DSA: {
            thread_local KeyDecoder dsa("type-specific", "DSA");
            return dsa.decode(der);
        }
        default: return {};
    }
}

ossl::PkeyPtr decode_pkcs8(std::string_view der) {
    thread_local KeyDecoder pkcs8("PrivateKeyInfo", nullptr);
    return pkcs8.decode(der);
}

// openssh-key-v1: magic, then the cipher name as a length-prefixed string ("none" when unencrypted).
bool openssh_encrypted(std::string_view blob) {
    constexpr std::string_view kMagic{"openssh-key-v1\0", 15};
    if (!blob.starts_with(kMagic) || blob.size() < kMagic.size() + 4) return false;
    std::size_t len = 0;
    for (std::size_t i = 0; i < 4; ++i) len = (len << 8) | static_cast<unsigned char>(blob[kMagic.size() + i]);
    const std::string_view cipher = blob.substr(kMagic.size() + 4, std::min(len, blob.size() - kMagic.size() - 4));
    return cipher != "none";
}

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

void describe_key(PrivateKey& k) {
    if (!k.pkey) return;
    const char* name = EVP_PKEY_get0_type_name(k.pkey.get());
    k.algorithm = name != nullptr ? name : "unknown";
    for (char& c : k.algorithm) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    k.bits = EVP_PKEY_get_bits(k.pkey.get());
}

void fail(PrivateKey& k, std::string why) {
    k.pkey.reset();
    k.problem = std::move(why);
}

// Decodes unencrypted key DER whose structure is `format`.
void decode(PrivateKey& k, std::string_view der) {
    ossl::clear_errors();
    const auto second = der::second_element_tag(der);
    switch (k.format) {
        case KeyFormat::Pkcs1Rsa:
            if (second == kSequence) {
                return fail(k, "it is labelled RSA PRIVATE KEY (PKCS#1) but holds a PKCS#8 PrivateKeyInfo");
            }
            if (second != kInteger) return fail(k, "its contents are not a PKCS#1 RSAPrivateKey structure");
            k.pkey = decode_type_specific(EVP_PKEY_RSA, der);
            break;
        case KeyFormat::Sec1Ec:
            if (second != kOctetString) return fail(k, "its contents are not a SEC1 ECPrivateKey structure");
            k.pkey = decode_type_specific(EVP_PKEY_EC, der);
            break;
        case KeyFormat::TraditionalDsa:
            if (second != kInteger) return fail(k, "its contents are not a DSA private key structure");
            k.pkey = decode_type_specific(EVP_PKEY_DSA, der);
            break;
        case KeyFormat::Pkcs8:
            if (second != kSequence) return fail(k, "it is labelled PRIVATE KEY (PKCS#8) but does not hold a PrivateKeyInfo");
            k.pkey = decode_pkcs8(der);
            break;
        default:
            return fail(k, "its format is not one OpenSSL can read");
    }
    if (!k.pkey) return fail(k, "OpenSSL could not read it: " + ossl::drain_errors());
    ossl::clear_errors();
    finish_key(k, der);
}

}  // namespace

void finish_key(PrivateKey& k, std::string_view der) {
    describe_key(k);
    if (k.algorithm != "RSA") return;
    if (const auto why = rsa_inconsistency(k, der)) fail(k, "its RSA parameters are invalid: " + *why);
}

void decrypt_key(PrivateKey& k, std::string_view encoded, bool pem, const std::string& passphrase) {
    ossl::clear_errors();
    // With no callback, OpenSSL's default one copies the passphrase from the user-data pointer.
    void* given = const_cast<char*>(passphrase.c_str());
    const auto attempt = [&]() -> EVP_PKEY* {
        ossl::BioPtr in{BIO_new_mem_buf(encoded.data(), static_cast<int>(encoded.size()))};
        if (!in) return nullptr;
        return pem ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, given)
                   : d2i_PKCS8PrivateKey_bio(in.get(), nullptr, nullptr, given);
    };
    EVP_PKEY* raw = attempt();
    if (raw == nullptr && ossl::load_legacy_provider()) {  // DES, RC2: ciphers old tools used
        ossl::clear_errors();
        raw = attempt();
    }
    if (raw == nullptr) {
        fail(k, "the passphrase does not decrypt it (" + ossl::drain_errors("wrong passphrase or unsupported cipher") + ")");
        return;
    }
    ossl::clear_errors();
    k.pkey.reset(raw);
    k.problem.reset();
    finish_key(k);
}

std::string_view describe(KeyFormat f) noexcept {
    switch (f) {
        case KeyFormat::Unknown: return "unknown format";
        case KeyFormat::Pkcs1Rsa: return "PKCS#1 RSA (BEGIN RSA PRIVATE KEY)";
        case KeyFormat::Pkcs8: return "PKCS#8 (BEGIN PRIVATE KEY)";
        case KeyFormat::Pkcs8Encrypted: return "encrypted PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY)";
        case KeyFormat::LegacyEncrypted: return "OpenSSL legacy encrypted PEM (Proc-Type: 4,ENCRYPTED)";
        case KeyFormat::Sec1Ec: return "SEC1 EC (BEGIN EC PRIVATE KEY)";
        case KeyFormat::TraditionalDsa: return "traditional DSA (BEGIN DSA PRIVATE KEY)";
        case KeyFormat::OpenSsh: return "OpenSSH (BEGIN OPENSSH PRIVATE KEY)";
        case KeyFormat::Der: return "DER (binary)";
    }
    return "unknown format";
}

bool is_private_key_label(std::string_view label) noexcept {
    return label == "PRIVATE KEY" || label.ends_with(" PRIVATE KEY");
}

PrivateKey load_pem_key(const PemBlock& block) {
    PrivateKey k;
    k.label = block.label;
    k.line = block.begin_line;
    if (block.label == "RSA PRIVATE KEY") k.format = KeyFormat::Pkcs1Rsa;
    else if (block.label == "PRIVATE KEY") k.format = KeyFormat::Pkcs8;
    else if (block.label == "EC PRIVATE KEY") k.format = KeyFormat::Sec1Ec;
    else if (block.label == "DSA PRIVATE KEY") k.format = KeyFormat::TraditionalDsa;
    else if (block.label == "ENCRYPTED PRIVATE KEY") k.format = KeyFormat::Pkcs8Encrypted;
    else if (block.label == "OPENSSH PRIVATE KEY") k.format = KeyFormat::OpenSsh;

    if (!block.ok()) {
        fail(k, *block.problem);
        return k;
    }
    const bool legacy_encrypted = std::any_of(block.headers.begin(), block.headers.end(), [](const PemHeader& h) {
        return h.name == "Proc-Type" && h.value.find("ENCRYPTED") != std::string::npos;
    });
    if (legacy_encrypted) {
        k.encrypted = true;
        if (k.format == KeyFormat::Pkcs1Rsa) k.algorithm = "RSA";
        if (k.format == KeyFormat::Sec1Ec) k.algorithm = "EC";
        if (k.format == KeyFormat::TraditionalDsa) k.algorithm = "DSA";
        k.format = KeyFormat::LegacyEncrypted;
        const auto dek = std::find_if(block.headers.begin(), block.headers.end(),
                                      [](const PemHeader& h) { return h.name == "DEK-Info"; });
        if (dek == block.headers.end()) {
            k.problem = "its Proc-Type header says ENCRYPTED but the DEK-Info header is missing";
        } else {
            const auto comma = dek->value.find(',');
            const std::string iv = comma == std::string::npos ? std::string{} : dek->value.substr(comma + 1);
            const bool hex = !iv.empty() && iv.size() % 2 == 0 &&
                             iv.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
            if (comma == std::string::npos || !hex || iv.size() < 16) {
                k.problem = "its DEK-Info header is malformed (cipher,IV expected)";
            }
        }
        return k;
    }
    if (k.format == KeyFormat::Pkcs8Encrypted) {
        k.encrypted = true;
        const auto* p = reinterpret_cast<const unsigned char*>(block.der.data());
        ossl::X509SigPtr sig{d2i_X509_SIG(nullptr, &p, static_cast<long>(block.der.size()))};
        ossl::clear_errors();
        if (!sig) k.problem = "its contents are not an EncryptedPrivateKeyInfo structure";
        return k;
    }
    if (k.format == KeyFormat::OpenSsh) {
        k.encrypted = openssh_encrypted(block.der);
        fail(k, "it is in OpenSSH format, which OpenSSL and AWS do not read");
        return k;
    }
    decode(k, block.der);
    return k;
}

PrivateKey load_der_key(std::string_view der, DerKind kind) {
    PrivateKey k;
    k.label = "DER";
    k.format = KeyFormat::Der;
    if (kind == DerKind::EncryptedPrivateKey) {
        k.encrypted = true;
        return k;
    }
    const auto second = der::second_element_tag(der);
    ossl::clear_errors();
    if (second == kSequence) k.pkey = decode_pkcs8(der);
    else if (second == kOctetString) k.pkey = decode_type_specific(EVP_PKEY_EC, der);
    else if (second == kInteger) {
        k.pkey = decode_type_specific(EVP_PKEY_RSA, der);
        if (!k.pkey) k.pkey = decode_type_specific(EVP_PKEY_DSA, der);
    }
    if (!k.pkey) {
        fail(k, "OpenSSL could not read it: " + ossl::drain_errors());
        return k;
    }
    ossl::clear_errors();
    describe_key(k);
    return k;
}

}  // namespace certcheck
