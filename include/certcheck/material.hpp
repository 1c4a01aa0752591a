// Material: everything loaded for one subject (a body, an optional key, an optional chain),
// with every problem met while loading recorded as data for the rules to judge.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certcheck/openssl.hpp"

namespace certcheck {

struct ChainModel;

enum class Slot {
    Body,
    Key,
    Chain,
    TrustAnchor
};
[[nodiscard]] std::string_view to_string(Slot s) noexcept;  // "certificate body", "private key", "chain", "trust anchor"

struct PemHeader {
    std::string name;
    std::string value;
};

// One -----BEGIN X----- ... -----END X----- block as written in the file.
struct PemBlock {
    std::string label;                   // from the BEGIN line
    std::vector<PemHeader> headers;      // RFC 1421 headers (Proc-Type, DEK-Info)
    std::string der;                     // decoded body; empty when the base64 is bad
    int begin_line = 0;                  // 1-based
    int end_line = 0;                    // 0 when the END line is missing
    std::optional<std::string> problem;  // missing END, label mismatch, bad base64
    int problem_line = 0;

    [[nodiscard]] bool ok() const noexcept { return !problem.has_value(); }
    [[nodiscard]] bool encrypted() const noexcept;  // Proc-Type: 4,ENCRYPTED or ENCRYPTED PRIVATE KEY
};

// A run of non-blank lines outside every PEM block.
struct TextRun {
    int first_line = 0;
    int last_line = 0;
    std::string kind;  // a safe description ("'Bag Attributes' lines from openssl pkcs12", ...); never the text itself
};

// Byte-level facts about a file, for the hygiene and request rules.
struct TextFacts {
    std::size_t bytes = 0;
    std::size_t chars = 0;  // Unicode code points when the file is UTF-8, else bytes
    bool utf8 = true;       // the whole file decodes as UTF-8
    bool utf8_bom = false;
    bool utf16 = false;  // a UTF-16 byte-order mark, or text with interleaved NULs
    int crlf_lines = 0;  // lines ending CR LF
    int lf_lines = 0;    // lines ending LF alone
    int cr_lines = 0;    // lines ending CR alone
    int first_crlf_line = 0;
    std::vector<int> trailing_ws_lines;  // lines ending in spaces or tabs (1-based, first few)
    int trailing_ws_count = 0;
    std::optional<int> bad_char_line;  // first character outside tab, LF, CR, U+0020-U+00FF
    std::uint32_t bad_char = 0;        // that character (code point, or the raw byte when not UTF-8)
};

enum class Encoding {
    Empty,
    Pem,
    Der,
    Text,
    Binary
};

// What a non-PEM file looks like, found by parsing it, not by its name.
enum class DerKind {
    None,
    Certificate,
    Pkcs7,
    Pkcs12,
    PrivateKey,
    EncryptedPrivateKey,
    PublicKey,
    CertificateRequest,
    Crl,  // a certificate revocation list (CertificateList)
    Unknown
};
[[nodiscard]] std::string_view describe(DerKind k) noexcept;

struct InputFile {
    Slot slot = Slot::Body;
    std::string path;  // as the user wrote it, without file://
    std::string data;  // the bytes
    TextFacts text;
    Encoding encoding = Encoding::Empty;
    std::vector<PemBlock> blocks;
    std::vector<TextRun> stray;        // text outside the blocks
    std::vector<int> joined_lines;     // an END and the next BEGIN on one line
    DerKind der_kind = DerKind::None;  // for Encoding::Der
};

struct Certificate {
    ossl::X509Ptr x509;
    int line = 0;         // BEGIN line in its file; 0 for DER
    std::string subject;  // RFC 2253 one-line
    std::string issuer;
    std::string label;         // short name for messages: CN, else the subject
    bool self_signed = false;  // issuer name is its own subject and its own key verifies it
    std::string fingerprint;   // SHA-256 of the DER (32 bytes): the certificate's identity
};

// A certificate block that did not parse.
struct BadBlock {
    int line = 0;
    std::string label;
    std::string reason;
};

enum class KeyFormat {
    Unknown,
    Pkcs1Rsa,
    Pkcs8,
    Pkcs8Encrypted,
    LegacyEncrypted,
    Sec1Ec,
    TraditionalDsa,
    OpenSsh,
    Der
};
[[nodiscard]] std::string_view describe(KeyFormat f) noexcept;

struct PrivateKey {
    ossl::PkeyPtr pkey;  // null when it did not parse (or is encrypted)
    KeyFormat format = KeyFormat::Unknown;
    std::string label;  // PEM label ("RSA PRIVATE KEY"), or "DER"
    int line = 0;
    bool encrypted = false;
    std::string algorithm;  // "RSA", "EC", "ED25519", "DSA", "RSA-PSS", ... ("" when unknown)
    int bits = 0;
    std::string rsa_modulus;             // RSA keys: the public modulus, big-endian without leading zeros
                                         // (public: it pairs the key with its certificate); else ""
    std::optional<std::string> problem;  // why it did not parse: never key material
};

struct Request {
    std::optional<std::string> name;
    std::optional<std::string> user_name;  // --user-name: the IAM user of an iam-signing upload
    std::optional<std::string> path;
    std::vector<std::string> hosts;
};

struct Material {
    InputFile body;
    std::optional<InputFile> key;
    std::optional<InputFile> chain;
    Request request;

    std::vector<Certificate> body_certs;  // parsed certificates of the body, in file order
    std::vector<BadBlock> body_bad;
    std::vector<PrivateKey> keys;  // every private-key object found in the key file
    std::vector<Certificate> chain_certs;
    std::vector<BadBlock> chain_bad;

    // The chain model (certcheck/chain.hpp chain_model()) for the context it was built under:
    // built on first use by the rules that read it, kept while the context stays the same.
    struct ModelMemo {
        std::shared_ptr<const ChainModel> model;
        std::time_t at = 0;
        const void* trust = nullptr;
        const void* anchors = nullptr;
    };
    mutable ModelMemo model_memo;

    [[nodiscard]] const Certificate* leaf() const noexcept {
        return body_certs.empty() ? nullptr : &body_certs.front();
    }
    // The one usable key: exactly one key object, parsed. Null otherwise.
    [[nodiscard]] const PrivateKey* usable_key() const noexcept;
};

}  // namespace certcheck
