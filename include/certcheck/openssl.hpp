// RAII holders for the OpenSSL objects certcheck uses, and error-queue helpers.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace certcheck::ossl {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* p) const noexcept { Free(p); }
};

using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using P8InfoPtr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, Deleter<PKCS8_PRIV_KEY_INFO_free>>;
using X509SigPtr = std::unique_ptr<X509_SIG, Deleter<X509_SIG_free>>;
using ReqPtr = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;

// Up-ref and wrap, for sharing a borrowed pointer.
[[nodiscard]] X509Ptr share(X509* x) noexcept;

// Drops whatever an earlier call left on this thread's error queue.
void clear_errors() noexcept;

// Drains this thread's error queue into one readable line ("what: reason; reason"), or
// `fallback` when the queue is empty. Never includes key material (OpenSSL reasons are fixed text).
[[nodiscard]] std::string drain_errors(std::string_view fallback = "unknown OpenSSL error");

// Loads OpenSSL's legacy provider (RC2, RC4, DES: old PKCS#12 files) beside the default one, once
// per process; false when it is not installed. Only fix and inspect call it, on a failed read.
bool load_legacy_provider() noexcept;

// A pem_password_cb that refuses: an encrypted key fails to load instead of prompting.
int refuse_passphrase(char* buf, int size, int rwflag, void* userdata) noexcept;

// Process-wide, call once before any thread starts (the CLI does, for the commands that read
// certificates): makes every later certificate parse decode an RSA public key with OpenSSL's
// built-in RSA code instead of building a provider decoder context per certificate, which in
// OpenSSL 3.0 costs ~250 µs where the whole parse then takes ~40 µs. The keys behave the same
// (EVP_PKEY_eq, verification, parameters); see docs/performance.md. Returns false, changing
// nothing, where OpenSSL has no engine support.
bool use_builtin_rsa_public_key_decoding() noexcept;

}  // namespace certcheck::ossl
