// The bounded consistency check of an RSA private key (internal to load/).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "certcheck/material.hpp"

namespace certcheck {

// n == p * q and p, q probably prime, read from `der` (the key's unencrypted DER) or, failing
// that, from the key's parameters. Records the modulus in k.rsa_modulus for pairing (cleared when
// inconsistent). Returns why the key is inconsistent, or nullopt.
[[nodiscard]] std::optional<std::string> rsa_inconsistency(PrivateKey& k, std::string_view der);

}  // namespace certcheck
