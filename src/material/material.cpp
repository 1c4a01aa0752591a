#include "certcheck/material.hpp"

#include <algorithm>

namespace certcheck {

std::string_view to_string(Slot s) noexcept {
    switch (s) {
        case Slot::Body: return "certificate body";
        case Slot::Key: return "private key";
        case Slot::Chain: return "certificate chain";
        case Slot::TrustAnchor: return "trust anchor";
    }
    return "input";
}

std::string_view describe(DerKind k) noexcept {
    switch (k) {
        case DerKind::None: return "nothing";
        case DerKind::Certificate: return "a DER (binary) certificate";
        case DerKind::Pkcs7: return "a DER (binary) PKCS#7 bundle (.p7b)";
        case DerKind::Pkcs12: return "a PKCS#12 archive (.pfx/.p12)";
        case DerKind::PrivateKey: return "a DER (binary) private key";
        case DerKind::EncryptedPrivateKey: return "a DER (binary) encrypted PKCS#8 private key";
        case DerKind::PublicKey: return "a DER (binary) public key";
        case DerKind::CertificateRequest: return "a DER (binary) certificate signing request";
        case DerKind::Crl: return "a DER (binary) certificate revocation list (CRL)";
        case DerKind::Unknown: return "binary data that is neither PEM nor a known DER structure";
    }
    return "unknown data";
}

std::string_view describe(KeyFormat f) noexcept {
    switch (f) {
        case KeyFormat::Unknown: return "unknown format";
        case KeyFormat::Pkcs1Rsa: return "PKCS#1 RSA (BEGIN RSA PRIVATE KEY)";
        case KeyFormat::Pkcs8: return "PKCS#8 (BEGIN PRIVATE KEY)";
        case KeyFormat::Pkcs8Encrypted: return "encrypted PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY)";
        case KeyFormat::LegacyEncrypted: return "OpenSSL legacy encrypted PEM (Proc-Type: 4,ENCRYPTED)";
        case KeyFormat::Sec1Ec: return "SEC1 EC (BEGIN EC PRIVATE KEY)";
        case KeyFormat::TraditionalDsa: return "traditional DSA (BEGIN DSA PRIVATE KEY)";
        case KeyFormat::OpenSsh: return "OpenSSH (BEGIN OPENSSH PRIVATE KEY)";
        case KeyFormat::Der: return "DER (binary)";
    }
    return "unknown format";
}

bool PemBlock::encrypted() const noexcept {
    if (label == "ENCRYPTED PRIVATE KEY") return true;
    return std::any_of(headers.begin(), headers.end(), [](const PemHeader& h) {
        return h.name == "Proc-Type" && h.value.find("ENCRYPTED") != std::string::npos;
    });
}

const PrivateKey* Material::usable_key() const noexcept {
    if (keys.size() != 1 || !keys.front().pkey) return nullptr;
    return &keys.front();
}

}  // namespace certcheck
