#include "support/forge.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace certcheck::test::forge {
namespace {

using BnPtr = std::unique_ptr<BIGNUM, ossl::Deleter<BN_free>>;
using CtxPtr = std::unique_ptr<BN_CTX, ossl::Deleter<BN_CTX_free>>;
using BldPtr = std::unique_ptr<OSSL_PARAM_BLD, ossl::Deleter<OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, ossl::Deleter<OSSL_PARAM_free>>;

void need(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string{"forge: "} + what + ": " + ossl::drain_errors());
}

BnPtr bn() {
    BnPtr b{BN_new()};
    need(b != nullptr, "BN_new");
    return b;
}

// A random odd number of exactly `bits` bits.
BnPtr random_odd(int bits) {
    BnPtr b = bn();
    need(BN_rand(b.get(), bits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD) == 1, "BN_rand");
    return b;
}

BnPtr prime(int bits) {
    BnPtr b = bn();
    const std::unique_ptr<BN_CTX, ossl::Deleter<BN_CTX_free>> ctx{BN_CTX_new()};
    need(ctx && BN_generate_prime_ex2(b.get(), bits, 0, nullptr, nullptr, nullptr, ctx.get()) == 1, "BN_generate_prime_ex2");
    return b;
}

}  // namespace

ossl::PkeyPtr rsa_from_params(const OSSL_PARAM* params, int selection) {
    // By its OID rather than "RSA": once the CLI has registered its built-in RSA ENGINE in this
    // process (tests that run cli::run in-process), a context made for "RSA" is a legacy one that
    // cannot import parameters; a name OpenSSL maps to no NID takes the provider route.
    ossl::PkeyCtxPtr ctx{EVP_PKEY_CTX_new_from_name(nullptr, "1.2.840.113549.1.1.1", nullptr)};
    EVP_PKEY* key = nullptr;
    need(ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 && EVP_PKEY_fromdata(ctx.get(), &key, selection, const_cast<OSSL_PARAM*>(params)) == 1,
         "EVP_PKEY_fromdata");
    return ossl::PkeyPtr{key};
}

namespace {

ossl::PkeyPtr rsa_from(OSSL_PARAM_BLD* bld, int selection) {
    ParamsPtr params{OSSL_PARAM_BLD_to_param(bld)};
    need(params != nullptr, "OSSL_PARAM_BLD_to_param");
    return rsa_from_params(params.get(), selection);
}

void add_name(X509_NAME* name, const std::string& cn, bool raw) {
    if (raw) {
        need(X509_NAME_add_entry_by_NID(name, NID_commonName, V_ASN1_UTF8STRING,
                                        reinterpret_cast<const unsigned char*>(cn.data()), static_cast<int>(cn.size()), -1, 0) == 1,
             "raw CN");
    } else {
        need(X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.data()),
                                        static_cast<int>(cn.size()), -1, 0) == 1,
             "CN");
    }
}

}  // namespace

ossl::PkeyPtr ec_key() {
    ossl::PkeyPtr k{EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")};
    need(k != nullptr, "EC keygen");
    return k;
}

ossl::PkeyPtr rsa_key(int bits) {
    ossl::PkeyPtr k{EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits))};
    need(k != nullptr, "RSA keygen");
    return k;
}

ossl::PkeyPtr rsa_public_key(int modulus_bits, int exponent_bits) {
    const BnPtr n = random_odd(modulus_bits);
    // The top 16 bits set: any signature of a key of the same size is below n, so a verification
    // with this key always reaches the modular exponentiation (the cost under test).
    for (int bit = modulus_bits - 16; bit < modulus_bits; ++bit) need(BN_set_bit(n.get(), bit) == 1, "BN_set_bit");
    const BnPtr e = random_odd(exponent_bits);
    BldPtr bld{OSSL_PARAM_BLD_new()};
    need(bld && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) == 1,
         "RSA public params");
    return rsa_from(bld.get(), EVP_PKEY_PUBLIC_KEY);
}

CertSpec spec(const std::string& subject_cn, const std::string& issuer_cn, bool ca, const std::string& not_after) {
    CertSpec s;
    s.subject_cn = subject_cn;
    s.issuer_cn = issuer_cn;
    s.ca = ca;
    s.not_after = not_after;
    return s;
}

ossl::X509Ptr cert(const CertSpec& spec, EVP_PKEY* subject_key, EVP_PKEY* signer) {
    ossl::X509Ptr x{X509_new()};
    need(x != nullptr, "X509_new");
    X509_set_version(x.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), spec.serial);
    add_name(X509_get_subject_name(x.get()), spec.subject_cn, spec.raw_cn);
    if (!spec.empty_issuer) {
        add_name(X509_get_issuer_name(x.get()), spec.issuer_cn.empty() ? spec.subject_cn : spec.issuer_cn, spec.raw_cn);
    }
    need(ASN1_TIME_set_string(X509_getm_notBefore(x.get()), spec.not_before.c_str()) == 1, "notBefore");
    need(ASN1_TIME_set_string(X509_getm_notAfter(x.get()), spec.not_after.c_str()) == 1, "notAfter");
    need(X509_set_pubkey(x.get(), subject_key) == 1, "X509_set_pubkey");
    if (spec.v1) {  // no extensions at all, as `openssl x509 -req` without -extfile writes
        X509_set_version(x.get(), X509_VERSION_1);
        need(X509_sign(x.get(), signer, EVP_sha256()) > 0, "X509_sign");
        return x;
    }
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x.get(), x.get(), nullptr, nullptr, 0);
    const std::string constraints = !spec.basic_constraints.empty() ? spec.basic_constraints
                                    : spec.ca                       ? "critical,CA:TRUE"
                                                                    : "critical,CA:FALSE";
    X509_EXTENSION* bc = X509V3_EXT_conf_nid(nullptr, &v3, NID_basic_constraints, constraints.c_str());
    need(bc != nullptr && X509_add_ext(x.get(), bc, -1) == 1, "basicConstraints");
    X509_EXTENSION_free(bc);
    if (!spec.key_usage.empty()) {
        X509_EXTENSION* ku = X509V3_EXT_conf_nid(nullptr, &v3, NID_key_usage, spec.key_usage.c_str());
        need(ku != nullptr && X509_add_ext(x.get(), ku, -1) == 1, "keyUsage");
        X509_EXTENSION_free(ku);
    }
    if (!spec.name_constraints.empty()) {
        X509_EXTENSION* nc = X509V3_EXT_conf_nid(nullptr, &v3, NID_name_constraints, spec.name_constraints.c_str());
        need(nc != nullptr && X509_add_ext(x.get(), nc, -1) == 1, "nameConstraints");
        X509_EXTENSION_free(nc);
    }
    if (!spec.dns_sans.empty() || !spec.ip_sans.empty()) {
        GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
        for (const std::string& dns : spec.dns_sans) {
            ASN1_IA5STRING* s = ASN1_IA5STRING_new();
            ASN1_STRING_set(s, dns.data(), static_cast<int>(dns.size()));
            GENERAL_NAME* g = GENERAL_NAME_new();
            GENERAL_NAME_set0_value(g, GEN_DNS, s);
            sk_GENERAL_NAME_push(names, g);
        }
        for (const std::string& ip : spec.ip_sans) {
            ASN1_OCTET_STRING* a = a2i_IPADDRESS(ip.c_str());
            need(a != nullptr, "a2i_IPADDRESS");
            GENERAL_NAME* g = GENERAL_NAME_new();
            GENERAL_NAME_set0_value(g, GEN_IPADD, a);
            sk_GENERAL_NAME_push(names, g);
        }
        need(X509_add1_ext_i2d(x.get(), NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT) == 1, "subjectAltName");
        GENERAL_NAMES_free(names);
    }
    if (!spec.ocsp_url.empty()) {
        AUTHORITY_INFO_ACCESS* aia = AUTHORITY_INFO_ACCESS_new();
        ACCESS_DESCRIPTION* ad = ACCESS_DESCRIPTION_new();
        ASN1_OBJECT_free(ad->method);
        ad->method = OBJ_nid2obj(NID_ad_OCSP);
        ASN1_IA5STRING* uri = ASN1_IA5STRING_new();
        ASN1_STRING_set(uri, spec.ocsp_url.data(), static_cast<int>(spec.ocsp_url.size()));
        GENERAL_NAME_set0_value(ad->location, GEN_URI, uri);
        sk_ACCESS_DESCRIPTION_push(aia, ad);
        need(X509_add1_ext_i2d(x.get(), NID_info_access, aia, 0, X509V3_ADD_DEFAULT) == 1, "authorityInfoAccess");
        AUTHORITY_INFO_ACCESS_free(aia);
    }
    need(X509_sign(x.get(), signer, EVP_sha256()) > 0, "X509_sign");
    return x;
}

std::string pem(X509* x) {
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    need(bio && PEM_write_bio_X509(bio.get(), x) == 1, "PEM_write_bio_X509");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::string cert_pem(const CertSpec& spec, EVP_PKEY* subject_key, EVP_PKEY* signer) { return pem(cert(spec, subject_key, signer).get()); }

std::string private_pem(EVP_PKEY* k) {
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    need(bio && PEM_write_bio_PrivateKey(bio.get(), k, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PEM_write_bio_PrivateKey");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::string bad_rsa_private_pem(int modulus_bits, bool composite_factors) {
    CtxPtr ctx{BN_CTX_new()};
    need(ctx != nullptr, "BN_CTX_new");
    // p = a*b (composite) or a prime; q a prime; n = p*q, or p*q + 2 when the factors are prime.
    BnPtr p;
    if (composite_factors) {
        const BnPtr a = prime(modulus_bits / 4);
        const BnPtr b = prime(modulus_bits / 4);
        p = bn();
        need(BN_mul(p.get(), a.get(), b.get(), ctx.get()) == 1, "p");
    } else {
        p = prime(modulus_bits / 2);
    }
    const BnPtr q = prime(modulus_bits / 2);
    BnPtr n = bn();
    need(BN_mul(n.get(), p.get(), q.get(), ctx.get()) == 1, "n");
    if (!composite_factors) need(BN_add_word(n.get(), 2) == 1, "n+2");
    BnPtr e = bn();
    need(BN_set_word(e.get(), 65537) == 1, "e");
    // d = e^-1 mod (p-1)(q-1); the CRT values from it (meaningless for a composite p, but well formed).
    BnPtr p1 = bn();
    BnPtr q1 = bn();
    BnPtr phi = bn();
    need(BN_sub(p1.get(), p.get(), BN_value_one()) == 1 && BN_sub(q1.get(), q.get(), BN_value_one()) == 1 &&
             BN_mul(phi.get(), p1.get(), q1.get(), ctx.get()) == 1,
         "phi");
    BnPtr d{BN_mod_inverse(nullptr, e.get(), phi.get(), ctx.get())};
    need(d != nullptr, "d");
    BnPtr dp = bn();
    BnPtr dq = bn();
    need(BN_mod(dp.get(), d.get(), p1.get(), ctx.get()) == 1 && BN_mod(dq.get(), d.get(), q1.get(), ctx.get()) == 1, "dp dq");
    BnPtr qinv{BN_mod_inverse(nullptr, q.get(), p.get(), ctx.get())};
    need(qinv != nullptr, "qinv");
    BldPtr bld{OSSL_PARAM_BLD_new()};
    need(bld && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get()) == 1 &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qinv.get()) == 1,
         "RSA private params");
    const ossl::PkeyPtr key = rsa_from(bld.get(), EVP_PKEY_KEYPAIR);
    return private_pem(key.get());
}

}  // namespace certcheck::test::forge
