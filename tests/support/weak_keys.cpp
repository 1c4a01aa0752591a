#include "support/weak_keys.hpp"

#include "support/forge.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <stdexcept>
#include <vector>

#include "certcheck/openssl.hpp"

namespace certcheck::test {
namespace {

struct CtxFree {
    void operator()(BN_CTX* c) const noexcept { BN_CTX_free(c); }
};
using BnCtx = std::unique_ptr<BN_CTX, CtxFree>;

void require(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string{"weak_keys: "} + what + ": " + ossl::drain_errors());
}

Bn bn_new() {
    Bn b{BN_new()};
    require(b != nullptr, "BN_new");
    return b;
}

std::string der_length(std::size_t n) {
    if (n < 0x80) return std::string(1, static_cast<char>(n));
    std::string bytes;
    for (std::size_t v = n; v != 0; v >>= 8) bytes.insert(bytes.begin(), static_cast<char>(v & 0xff));
    return std::string(1, static_cast<char>(0x80 | bytes.size())) + bytes;
}

std::string der_integer(const BIGNUM* v) {
    std::string content(static_cast<std::size_t>(BN_num_bytes(v)), '\0');
    if (!content.empty()) BN_bn2bin(v, reinterpret_cast<unsigned char*>(content.data()));
    if (content.empty() || (static_cast<unsigned char>(content[0]) & 0x80U) != 0) content.insert(content.begin(), '\0');
    return "\x02" + der_length(content.size()) + content;
}

ossl::PkeyPtr throwaway_ec_key() {
    ossl::PkeyPtr k{EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")};
    require(k != nullptr, "EC keygen");
    return k;
}

// A certificate signed by a throwaway P-256 key, then given these SubjectPublicKeyInfo contents.
std::string cert_with_spki(const std::string& cn, ASN1_OBJECT* alg, int ptype, void* pval, const std::string& key) {
    static const ossl::PkeyPtr issuer_key = throwaway_ec_key();
    ossl::X509Ptr x{X509_new()};
    require(x != nullptr && X509_set_version(x.get(), 2) == 1, "X509_new");
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
    X509_NAME* subject = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_NAME* issuer = X509_get_issuer_name(x.get());
    X509_NAME_add_entry_by_txt(issuer, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Weak Keys Test CA"), -1, -1, 0);
    require(ASN1_TIME_set_string_X509(X509_getm_notBefore(x.get()), "20250101000000Z") == 1 &&
                ASN1_TIME_set_string_X509(X509_getm_notAfter(x.get()), "20991231235959Z") == 1,
            "validity");
    require(X509_set_pubkey(x.get(), issuer_key.get()) == 1, "X509_set_pubkey");
    auto* bytes = static_cast<unsigned char*>(OPENSSL_malloc(key.size() + 1));
    require(bytes != nullptr, "malloc");
    std::copy(key.begin(), key.end(), bytes);
    require(X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(x.get()), alg, ptype, pval, bytes, static_cast<int>(key.size())) == 1,
            "X509_PUBKEY_set0_param");
    require(X509_sign(x.get(), issuer_key.get(), EVP_sha256()) > 0, "X509_sign");
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    require(bio && PEM_write_bio_X509(bio.get(), x.get()) == 1, "PEM_write_bio_X509");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(len)};
}

}  // namespace

Bn bn_word(unsigned long w) {
    Bn b = bn_new();
    require(BN_set_word(b.get(), w) == 1, "BN_set_word");
    return b;
}

Bn bn_mul(const BIGNUM* a, const BIGNUM* b) {
    Bn r = bn_new();
    BnCtx ctx{BN_CTX_new()};
    require(ctx && BN_mul(r.get(), a, b, ctx.get()) == 1, "BN_mul");
    return r;
}

Bn random_prime(int bits) {
    Bn p = bn_new();
    BnCtx ctx{BN_CTX_new()};
    for (;;) {
        require(BN_generate_prime_ex2(p.get(), bits, 0, nullptr, nullptr, nullptr, ctx.get()) == 1, "prime");
        if (BN_mod_word(p.get(), 65537) != 1) return p;
    }
}

Bn prime_after(const BIGNUM* p, int gap_bits) {
    Bn q = bn_new();
    Bn gap = bn_new();
    BnCtx ctx{BN_CTX_new()};
    require(ctx && BN_set_bit(gap.get(), gap_bits) == 1 && BN_add(q.get(), p, gap.get()) == 1, "BN_add");
    if (!BN_is_odd(q.get())) BN_add_word(q.get(), 1);
    for (;;) {
        if (BN_check_prime(q.get(), ctx.get(), nullptr) == 1 && BN_mod_word(q.get(), 65537) != 1) return q;
        BN_add_word(q.get(), 2);
    }
}

Bn roca_prime(int bits, int m_primes) {
    BnCtx ctx{BN_CTX_new()};
    Bn m = bn_word(1);
    int found = 0;
    for (unsigned long c = 2; found < m_primes; ++c) {
        bool prime = true;
        for (unsigned long d = 2; d * d <= c; ++d) prime = prime && c % d != 0;
        if (!prime) continue;
        BN_mul_word(m.get(), c);
        ++found;
    }
    const int k_bits = bits - BN_num_bits(m.get());
    require(k_bits > 8, "M too large for the prime size");
    Bn g = bn_word(65537);
    Bn a = bn_new();
    Bn k = bn_new();
    Bn ga = bn_new();
    Bn p = bn_new();
    for (;;) {
        require(BN_rand(k.get(), k_bits, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ANY) == 1 &&
                    BN_rand_range(a.get(), m.get()) == 1 && BN_mod_exp(ga.get(), g.get(), a.get(), m.get(), ctx.get()) == 1 &&
                    BN_mul(p.get(), k.get(), m.get(), ctx.get()) == 1 && BN_add(p.get(), p.get(), ga.get()) == 1,
                "ROCA prime arithmetic");
        if (BN_num_bits(p.get()) == bits && BN_check_prime(p.get(), ctx.get(), nullptr) == 1 &&
            BN_mod_word(p.get(), 65537) != 1) {
            return p;
        }
    }
}

std::string rsa_public_der(const BIGNUM* n, const BIGNUM* e) {
    const std::string body = der_integer(n) + der_integer(e);
    return "\x30" + der_length(body.size()) + body;
}

std::string rsa_cert_pem(const std::string& cn, const BIGNUM* n, const BIGNUM* e) {
    return cert_with_spki(cn, OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL, nullptr, rsa_public_der(n, e));
}

std::string ec_cert_pem(const std::string& cn, int curve_nid, const std::string& point) {
    return cert_with_spki(cn, OBJ_nid2obj(NID_X9_62_id_ecPublicKey), V_ASN1_OBJECT, OBJ_nid2obj(curve_nid), point);
}

std::string rsa_key_pem(const BIGNUM* p_in, const BIGNUM* q_in) {
    BnCtx ctx{BN_CTX_new()};
    Bn p{BN_dup(p_in)};
    Bn q{BN_dup(q_in)};
    if (BN_cmp(p.get(), q.get()) < 0) std::swap(p, q);
    Bn e = bn_word(65537);
    Bn n = bn_new(), p1 = bn_new(), q1 = bn_new(), phi = bn_new(), d = bn_new(), dp = bn_new(), dq = bn_new(), qi = bn_new();
    require(BN_mul(n.get(), p.get(), q.get(), ctx.get()) == 1 && BN_sub(p1.get(), p.get(), BN_value_one()) == 1 &&
                BN_sub(q1.get(), q.get(), BN_value_one()) == 1 && BN_mul(phi.get(), p1.get(), q1.get(), ctx.get()) == 1 &&
                BN_mod_inverse(d.get(), e.get(), phi.get(), ctx.get()) != nullptr &&
                BN_mod(dp.get(), d.get(), p1.get(), ctx.get()) == 1 && BN_mod(dq.get(), d.get(), q1.get(), ctx.get()) == 1 &&
                BN_mod_inverse(qi.get(), q.get(), p.get(), ctx.get()) != nullptr,
            "RSA key arithmetic");
    std::unique_ptr<OSSL_PARAM_BLD, ossl::Deleter<OSSL_PARAM_BLD_free>> bld{OSSL_PARAM_BLD_new()};
    require(bld && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) == 1 &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) == 1 &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) == 1 &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) == 1 &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get()) == 1 &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get()) == 1 &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qi.get()) == 1,
            "RSA parameters");
    std::unique_ptr<OSSL_PARAM, ossl::Deleter<OSSL_PARAM_free>> params{OSSL_PARAM_BLD_to_param(bld.get())};
    require(params != nullptr, "OSSL_PARAM_BLD_to_param");
    const ossl::PkeyPtr key = forge::rsa_from_params(params.get(), EVP_PKEY_KEYPAIR);
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    require(bio && PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
            "PEM_write_bio_PrivateKey_traditional");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(len)};
}

std::string ec_point(int curve_nid) {
    ossl::PkeyPtr k{EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", OBJ_nid2sn(curve_nid))};
    require(k != nullptr, "EC keygen");
    std::vector<unsigned char> buf(200);
    std::size_t len = 0;
    require(EVP_PKEY_get_octet_string_param(k.get(), OSSL_PKEY_PARAM_PUB_KEY, buf.data(), buf.size(), &len) == 1, "EC point");
    return {reinterpret_cast<const char*>(buf.data()), len};
}

}  // namespace certcheck::test
