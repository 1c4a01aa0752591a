// Private-key decoding (internal to load/).
#pragma once

#include <string_view>

#include "certcheck/material.hpp"

namespace certcheck {

[[nodiscard]] bool is_private_key_label(std::string_view label) noexcept;
[[nodiscard]] PrivateKey load_pem_key(const PemBlock& block);
[[nodiscard]] PrivateKey load_der_key(std::string_view der, DerKind kind);

}  // namespace certcheck
