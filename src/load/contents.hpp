// Everything a file holds, whatever its container: PEM, DER, PKCS#7 (.p7b) or PKCS#12 (.pfx/.p12).
// Used by `fix` and `inspect`; `check` and `scan` keep to load.hpp and never decrypt.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/material.hpp"

namespace certcheck {

// Asked for the passphrase of one encrypted object; `what` names it ("key.p12 (PKCS#12)").
// Returns nullopt when no passphrase can be had. Only `fix` passes one.
using PassphraseSource = std::function<std::optional<std::string>(const std::string& what)>;

enum class Container {
    Pem,
    Der,
    Pkcs7,
    Pkcs12,
    Unknown
};
[[nodiscard]] std::string_view describe(Container c) noexcept;  // "PEM", "DER", "PKCS#7", "PKCS#12", "unknown"

// A PEM block or DER structure that is neither a certificate nor a private key (a CSR, a public key ...).
struct OtherObject {
    int line = 0;
    std::string what;  // "CERTIFICATE REQUEST", "PUBLIC KEY", or a DerKind description
};

// Where a certificate sits in a PKCS#7 bundle (.p7b): certificate `position` (1-based) of the
// `count` in the bundle whose PEM block begins at `line` (0: a DER file). count 0: not in a bundle.
struct BundlePlace {
    int line = 0;
    int position = 0;
    int count = 0;
};
// "2 of 3 in the PKCS#7 bundle at line 1" ("... bundle" in a DER file): where such a certificate is.
[[nodiscard]] std::string where_in_bundle(const BundlePlace& p);

struct Contents {
    InputFile file;
    Container container = Container::Unknown;
    std::vector<Certificate> certs;  // file order; PKCS#12: the key's certificate first
    std::vector<BundlePlace> places;  // parallel to certs: each one's place in a PKCS#7 bundle
    std::vector<PrivateKey> keys;    // decrypted when a passphrase source was given and it worked
    std::vector<OtherObject> others;
    std::vector<std::string> problems;  // pieces that could not be read; never key material
    bool needs_passphrase = false;      // something stayed locked (no source, or it gave nothing)
    bool decrypted = false;             // a passphrase opened something
};

// Reads what f holds. Without a passphrase source nothing is decrypted (an encrypted key is
// listed with encrypted = true and no pkey; a password-protected PKCS#12 yields nothing).
[[nodiscard]] Contents read_contents(InputFile f, const PassphraseSource* passphrase = nullptr);

// SHA-256 of the DER SubjectPublicKeyInfo, base64 (the "pin-sha256" form); "" when it cannot be encoded.
[[nodiscard]] std::string spki_sha256(EVP_PKEY* key);

}  // namespace certcheck
