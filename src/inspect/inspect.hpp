// certcheck inspect: what each object in a file is (data), rendered separately as text or json.
// Never key material: a key is described by type, size, format and encryption only.
#pragma once

#include <ctime>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "load/contents.hpp"

namespace certcheck {

struct CertFacts {
    std::string subject;
    std::string issuer;
    std::vector<std::string> sans;  // "DNS:x", "IP:1.2.3.4", "email:..", "URI:.."
    std::string serial;             // hex, colon-separated
    std::string not_before;         // RFC 3339
    std::string not_after;
    long days_left = 0;         // whole days from --at to notAfter (negative once expired)
    std::string key_algorithm;  // "RSA", "EC", "ED25519", ...
    int key_bits = 0;
    std::string key_curve;            // EC only
    std::string signature_algorithm;  // "sha256WithRSAEncryption"
    std::string sha256_fingerprint;   // hex, colon-separated, upper case (as openssl prints it)
    std::string spki_sha256;          // base64 SHA-256 of SubjectPublicKeyInfo
    std::optional<bool> ca;           // basicConstraints cA; nullopt when the extension is absent
    std::optional<long> path_length;
    std::vector<std::string> key_usage;           // "digitalSignature", ...
    std::vector<std::string> extended_key_usage;  // "serverAuth", ...
    bool self_signed = false;
    int version = 0;  // 1, 2 or 3
    std::string der;  // to verify CRLs against; not rendered
};

struct KeyFacts {
    std::string algorithm;  // "" when it could not be read
    int bits = 0;
    std::string format;  // "PKCS#1", "PKCS#8", "SEC1", "encrypted PKCS#8", ...
    bool encrypted = false;
    std::string spki_sha256;  // of its public half, to pair with a certificate; "" when unknown
    std::optional<std::string> problem;
};

// A public key on its own (a PUBLIC KEY block) or a CSR's.
struct PublicKeyFacts {
    std::string algorithm;  // "RSA", "EC", ...
    int bits = 0;
    std::string curve;        // EC only
    std::string spki_sha256;  // the same digest as a certificate's for the same key
};

// A certificate signing request (PKCS#10).
struct CsrFacts {
    std::string subject;
    std::vector<std::string> sans;  // the subjectAltName it requests
    std::string signature_algorithm;
    bool signature_valid = false;  // its self-signature verifies with its own key
    PublicKeyFacts key;
};

// A certificate among the inspected files, named by file and object index.
struct ObjectRef {
    std::string path;
    int index = 0;
};

// A certificate revocation list (X509 CRL block or DER).
struct CrlFacts {
    std::string issuer;
    std::string last_update;                 // thisUpdate, RFC 3339
    std::optional<std::string> next_update;  // absent in the CRL: none
    std::optional<long> next_update_days;    // whole days from --at to nextUpdate
    bool next_update_passed = false;         // --at is after nextUpdate: a stale CRL
    std::optional<std::string> crl_number;   // decimal
    int revoked = 0;                         // entries
    std::string signature_algorithm;
    std::string der;  // to verify it against the inspected certificates; not rendered
    // Filled by match_public_keys: inspected certificates named as its issuer, and which of them
    // verify its signature.
    std::vector<ObjectRef> issuer_named;
    std::vector<ObjectRef> signed_by;
};

struct InspectedObject {
    std::string type;  // "certificate", "private-key", or what else was found ("CERTIFICATE REQUEST", ...)
    int line = 0;      // BEGIN line; 0 in binary files
    std::optional<CertFacts> cert;
    std::optional<BundlePlace> pkcs7;  // a certificate of a PKCS#7 bundle: which of its certificates
    std::optional<KeyFacts> key;
    std::optional<CsrFacts> csr;
    std::optional<PublicKeyFacts> public_key;
    std::optional<CrlFacts> crl;
    std::optional<std::string> problem;  // a CSR or public key that does not parse
    std::vector<ObjectRef> matches;      // keys, CSRs, public keys: certificates with the same SPKI SHA-256
};

struct InspectedFile {
    std::string path;
    std::string container;  // "PEM", "DER", "PKCS#7", "PKCS#12"
    std::vector<InspectedObject> objects;
    std::vector<std::string> problems;  // also a UTF-16 or byte-order-marked file, which AWS refuses
    bool utf16 = false;
    bool utf8_bom = false;
};

// Throws InputError when a file cannot be read. Nothing is decrypted without a passphrase source
// (a PKCS#12 archive or encrypted key is then described as locked); with one, the archive is
// opened and its certificates and key described (never key material).
[[nodiscard]] InspectedFile inspect_file(const std::string& path, std::time_t at, const PassphraseSource* passphrase = nullptr);
// Fills each key's, CSR's and public key's `matches` from the certificates of all the files, and
// each CRL's issuer_named and signed_by.
void match_public_keys(std::vector<InspectedFile>& files);

void render_inspect_text(const std::vector<InspectedFile>& files, std::ostream& out);
void render_inspect_json(const std::vector<InspectedFile>& files, std::time_t at, std::ostream& out);

}  // namespace certcheck
