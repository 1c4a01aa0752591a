// Certificates as the loader builds them (internal to certcheck; implemented in assemble.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "certcheck/material.hpp"

namespace certcheck {

// A Certificate (names, label, self-signed) around an X509 already parsed.
[[nodiscard]] Certificate make_certificate(ossl::X509Ptr x, int line);
// Parses one DER certificate; `why` says what OpenSSL objected to.
[[nodiscard]] std::optional<Certificate> parse_certificate(std::string_view der, int line, std::string& why);

}  // namespace certcheck
