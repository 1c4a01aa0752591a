// A public key in words, for messages and the inventory facts (internal).
#pragma once

#include <string>

#include <openssl/types.h>

namespace certcheck {

// A public key in words: "RSA 2048-bit", "EC P-256 (prime256v1)", "ED25519".
struct KeyKind {
    std::string algorithm;  // "RSA", "EC", "ED25519", "DSA", "RSA-PSS", ...
    int bits = 0;
    std::string curve;  // the NIST name when there is one ("P-256"), else OpenSSL's short name
    [[nodiscard]] std::string describe() const;
};
[[nodiscard]] KeyKind key_kind(EVP_PKEY* pkey);

}  // namespace certcheck
