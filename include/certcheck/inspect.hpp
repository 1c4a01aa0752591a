// certcheck inspect: what each object in a file is (data), rendered separately as text or json.
// Never key material: a key is described by type, size, format and encryption only.
#pragma once

#include <ctime>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace certcheck {

struct CertFacts {
    std::string subject;
    std::string issuer;
    std::vector<std::string> sans;       // "DNS:x", "IP:1.2.3.4", "email:..", "URI:.."
    std::string serial;                  // hex, colon-separated
    std::string not_before;              // RFC 3339
    std::string not_after;
    long days_left = 0;                  // whole days from --at to notAfter (negative once expired)
    std::string key_algorithm;           // "RSA", "EC", "ED25519", ...
    int key_bits = 0;
    std::string key_curve;               // EC only
    std::string signature_algorithm;     // "sha256WithRSAEncryption"
    std::string sha256_fingerprint;      // hex, colon-separated, upper case (as openssl prints it)
    std::string spki_sha256;             // base64 SHA-256 of SubjectPublicKeyInfo
    std::optional<bool> ca;              // basicConstraints cA; nullopt when the extension is absent
    std::optional<long> path_length;
    std::vector<std::string> key_usage;  // "digitalSignature", ...
    std::vector<std::string> extended_key_usage;  // "serverAuth", ...
    bool self_signed = false;
    int version = 0;                     // 1, 2 or 3
};

struct KeyFacts {
    std::string algorithm;  // "" when it could not be read
    int bits = 0;
    std::string format;     // "PKCS#1", "PKCS#8", "SEC1", "encrypted PKCS#8", ...
    bool encrypted = false;
    std::string spki_sha256;  // of its public half, to pair with a certificate; "" when unknown
    std::optional<std::string> problem;
};

struct InspectedObject {
    std::string type;  // "certificate", "private-key", or what else was found ("CERTIFICATE REQUEST", ...)
    int line = 0;      // BEGIN line; 0 in binary files
    std::optional<CertFacts> cert;
    std::optional<KeyFacts> key;
};

struct InspectedFile {
    std::string path;
    std::string container;  // "PEM", "DER", "PKCS#7", "PKCS#12"
    std::vector<InspectedObject> objects;
    std::vector<std::string> problems;
};

// Throws InputError when a file cannot be read. Nothing is decrypted.
[[nodiscard]] InspectedFile inspect_file(const std::string& path, std::time_t at);

void render_inspect_text(const std::vector<InspectedFile>& files, std::ostream& out);
void render_inspect_json(const std::vector<InspectedFile>& files, std::time_t at, std::ostream& out);

}  // namespace certcheck
