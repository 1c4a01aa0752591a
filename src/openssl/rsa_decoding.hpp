// PKCS#1 RSA private keys read by OpenSSL's built-in RSA code (internal; rsa_decoding.cpp, which
// also implements openssl.hpp's use_builtin_rsa_public_key_decoding).
#pragma once

#include <string_view>

#include "certcheck/openssl.hpp"

namespace certcheck {

// A PKCS#1 RSAPrivateKey read by OpenSSL's built-in RSA code; null when it does not parse.
[[nodiscard]] ossl::PkeyPtr decode_pkcs1_rsa(std::string_view der);

}  // namespace certcheck
