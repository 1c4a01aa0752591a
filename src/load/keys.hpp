// Key and certificate decoding (internal to load/).
#pragma once

#include <string>
#include <string_view>

#include "certcheck/material.hpp"

namespace certcheck {

[[nodiscard]] bool is_private_key_label(std::string_view label) noexcept;
[[nodiscard]] PrivateKey load_pem_key(const PemBlock& block);
[[nodiscard]] PrivateKey load_der_key(std::string_view der, DerKind kind);

// Decrypts an encrypted key with a passphrase (fix only; check and scan never call it).
// `encoded` is the block as PEM text (legacy Proc-Type or ENCRYPTED PRIVATE KEY) when `pem`,
// else a DER EncryptedPrivateKeyInfo. On success k.pkey is set; otherwise k.problem says why.
void decrypt_key(PrivateKey& k, std::string_view encoded, bool pem, const std::string& passphrase);
// Fills algorithm and bits from k.pkey, and rejects an inconsistent RSA key. `der`, the
// unencrypted key DER when the caller has it, lets the RSA check read the numbers directly.
void finish_key(PrivateKey& k, std::string_view der = {});

}  // namespace certcheck
