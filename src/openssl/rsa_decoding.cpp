// Fast RSA decoding with OpenSSL's built-in RSA code: public keys inside certificates (see
// openssl.hpp) and PKCS#1 private keys (see rsa_decoding.hpp).
//
// OpenSSL 3.0 decodes the SubjectPublicKeyInfo of every certificate it parses. It first asks
// whether an ENGINE supplies a key method for the algorithm; if one does, it decodes with the
// algorithm's built-in ASN.1 method (a few microseconds). Otherwise it builds a new provider
// decoder context, which walks every decoder and key manager the providers offer: about
// 250 µs per certificate on this project's machine, most of a scan's time. Registering an
// engine whose RSA key method is OpenSSL's own built-in one takes the first route without
// changing any arithmetic: the engine adds no code, it only points back at OpenSSL's.
//
// The project builds with OPENSSL_NO_DEPRECATED; this one file needs the ENGINE API, which 3.0
// deprecates but fully supports, so it lifts that setting for itself alone. Where the ENGINE API
// is absent (OpenSSL 4, a no-engine OpenSSL 3, or -DCERTCHECK_NO_ENGINE=ON, which CI's asan preset
// uses to run the whole suite that way) the switch below returns false and certificates' keys
// take the provider decoders: the same verdicts, at the decoder's cost per certificate.
#undef OPENSSL_NO_DEPRECATED
#undef OPENSSL_API_COMPAT
#define OPENSSL_API_COMPAT 10101
#define OPENSSL_SUPPRESS_DEPRECATED

#include <openssl/evp.h>
#include <openssl/opensslconf.h>

#include <openssl/rsa.h>

#include "certcheck/openssl.hpp"
#include "openssl/rsa_decoding.hpp"

#ifndef OPENSSL_NO_ENGINE
#include <openssl/engine.h>
#endif

namespace certcheck::ossl {

#ifndef OPENSSL_NO_ENGINE
namespace {

constexpr int kRsaNids[] = {EVP_PKEY_RSA};

int rsa_methods(ENGINE* /*engine*/, EVP_PKEY_METHOD** method, const int** nids, int nid) {
    if (method == nullptr) {
        *nids = kRsaNids;
        return 1;
    }
    *method = nid == EVP_PKEY_RSA ? const_cast<EVP_PKEY_METHOD*>(EVP_PKEY_meth_find(nid)) : nullptr;
    return *method != nullptr ? 1 : 0;
}

bool register_engine() noexcept {
    if (EVP_PKEY_meth_find(EVP_PKEY_RSA) == nullptr) return false;
    ENGINE* engine = ENGINE_new();
    if (engine == nullptr) return false;
    const bool ok = ENGINE_set_id(engine, "certcheck-builtin-rsa") == 1 &&
                    ENGINE_set_name(engine, "OpenSSL's built-in RSA key method, for fast certificate parsing") == 1 &&
                    ENGINE_set_pkey_meths(engine, rsa_methods) == 1 && ENGINE_add(engine) == 1 &&
                    ENGINE_register_pkey_meths(engine) == 1;
    ENGINE_free(engine);  // the engine list (ENGINE_add) holds its own reference until OpenSSL's cleanup
    clear_errors();
    return ok;
}

}  // namespace
#endif

bool use_builtin_rsa_public_key_decoding() noexcept {
#ifndef OPENSSL_NO_ENGINE
    static const bool registered = register_engine();
    return registered;
#else
    return false;
#endif
}

}  // namespace certcheck::ossl

namespace certcheck {

// A provider decoder context costs ~7 M instructions to build the first time in a process (the
// whole of a one-triple `check`'s key loading); the built-in PKCS#1 reader needs none.
ossl::PkeyPtr decode_pkcs1_rsa(std::string_view der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    RSA* rsa = d2i_RSAPrivateKey(nullptr, &p, static_cast<long>(der.size()));
    if (rsa == nullptr) return {};
    ossl::PkeyPtr key{EVP_PKEY_new()};
    if (!key || EVP_PKEY_assign_RSA(key.get(), rsa) != 1) {
        RSA_free(rsa);
        return {};
    }
    return key;
}

}  // namespace certcheck
