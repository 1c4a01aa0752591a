// Key and certificate decoding (internal to load/).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "certcheck/material.hpp"

namespace certcheck {

[[nodiscard]] bool is_private_key_label(std::string_view label) noexcept;
[[nodiscard]] PrivateKey load_pem_key(const PemBlock& block);
[[nodiscard]] PrivateKey load_der_key(std::string_view der, DerKind kind);

// Parses one DER certificate (material.cpp); `why` says what OpenSSL objected to.
[[nodiscard]] std::optional<Certificate> parse_certificate(std::string_view der, int line, std::string& why);

}  // namespace certcheck
