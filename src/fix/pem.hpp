// The PEM text fix writes, and the input blocks it is compared with (internal to fix).
#pragma once

#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "certcheck/material.hpp"

namespace certcheck::fixer {

// Overwrites a string that held key material, then empties it.
void wipe(std::string& s) noexcept;

// The certificate as PEM ("" when OpenSSL cannot write it).
[[nodiscard]] std::string cert_pem(X509* x);

// The key as PEM: PKCS#1 for RSA, SEC1 for EC, the traditional form for DSA; PKCS#8 only when no
// traditional form exists (Ed25519). "" when OpenSSL cannot write it. The caller wipes it.
[[nodiscard]] std::string key_pem(EVP_PKEY* k);

// The PEM label the written key starts with ("RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY").
[[nodiscard]] std::string written_key_label(const std::string& key_text);

// The block starting at begin_line in f, as fix would compare it with what it writes: its lines
// from the BEGIN dashes to the END dashes, each without a CR or trailing blanks, joined by LF. "" when f is not PEM text or has no such block. Holds key material for a key
// block: the caller wipes it.
[[nodiscard]] std::string block_text(const InputFile& f, int begin_line);

}  // namespace certcheck::fixer
