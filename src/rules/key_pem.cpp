// key-pem: the key file is PEM holding exactly one private-key block that parses.
#include "rules/rules.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "load/keys.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "key-pem",
    Severity::Error,
    "The key file is PEM holding exactly one private-key block that parses",
    "IAM User Guide, Managing server certificates in IAM: the private key must be PEM-encoded "
    "(AWS-RULES.md 1b iam-pem-body, iam-key-pem-example)",
    "pass the PEM file holding the certificate's private key, and nothing else",
};

Result check_not_pem(const InputFile& f) {
    const std::string q = shell_quote(f.path);
    switch (f.encoding) {
        case Encoding::Empty: return Result::fail("the key file is empty", at_file(f));
        case Encoding::Der:
            if (f.der_kind == DerKind::PrivateKey) {
                return Result::fail("the key file holds a DER (binary) private key, not PEM", at_file(f),
                                    fmt::format("convert it: openssl pkey -inform DER -in {} -out key.pem, then see key-rsa-pkcs1", q));
            }
            if (f.der_kind == DerKind::EncryptedPrivateKey) {
                return Result::fail("the key file holds a DER (binary) encrypted private key, not PEM", at_file(f),
                                    fmt::format("decrypt and convert it: openssl rsa -inform DER -in {} -out key.pem -traditional", q));
            }
            if (f.der_kind == DerKind::Pkcs12) {
                return Result::fail("the key file holds a PKCS#12 archive (.pfx/.p12), not a PEM key", at_file(f),
                                    fmt::format("extract the key: openssl pkcs12 -in {} -nocerts -nodes | openssl rsa -out key.pem -traditional (or certcheck fix)", q));
            }
            return Result::fail(fmt::format("the key file holds {}, not a PEM private key", describe(f.der_kind)), at_file(f));
        case Encoding::Binary:
            return Result::fail(f.text.utf16 ? "the key file is UTF-16 text, not ASCII PEM" : "the key file holds binary data, not PEM",
                                at_file(f),
                                f.text.utf16 ? fmt::format("convert it: iconv -f UTF-16 -t ASCII {} > key.pem", q)
                                             : std::string{"pass the PEM file holding the private key"});
        case Encoding::Text:
            return Result::fail("the key file holds text but no PEM block (no -----BEGIN line)",
                                at_file(f, f.stray.empty() ? 0 : f.stray.front().first_line));
        case Encoding::Pem: break;
    }
    return Result::pass("");
}

class KeyPem final : public Rule {
public:
    KeyPem() : Rule(kInfo, "no --key given") {}
    bool applies(const Material& m, const Context&) const override { return m.key.has_value(); }
    Result check(const Material& m, const Context&) const override {
        const InputFile& f = *m.key;
        if (f.encoding != Encoding::Pem) return check_not_pem(f);
        if (f.text.utf16) {
            return Result::fail("the key file is UTF-16 text, not ASCII PEM", at_file(f),
                                fmt::format("convert it: iconv -f UTF-16 -t ASCII {} > key.pem", shell_quote(f.path)));
        }
        std::vector<const PemBlock*> keys;
        const PemBlock* other = nullptr;
        for (const PemBlock& b : f.blocks) {
            if (is_private_key_label(b.label)) keys.push_back(&b);
            else if (b.label != "EC PARAMETERS" && other == nullptr) other = &b;
        }
        if (keys.empty()) {
            if (other != nullptr && other->label == "CERTIFICATE") {
                return Result::fail(fmt::format("line {}: a certificate, not a private key", other->begin_line),
                                    at_file(f, other->begin_line), "pass the certificate with --cert and its private key with --key");
            }
            if (other != nullptr && other->label.ends_with("PUBLIC KEY")) {
                return Result::fail(fmt::format("line {}: a public key ({}), not the private key", other->begin_line, other->label),
                                    at_file(f, other->begin_line), "pass the private key generated with the certificate's CSR");
            }
            if (other != nullptr) {
                return Result::fail(fmt::format("line {}: a '{}' block, not a private key", other->begin_line, other->label),
                                    at_file(f, other->begin_line));
            }
            return Result::fail("the key file holds no private-key block", at_file(f));
        }
        if (keys.size() > 1) {
            return Result::fail(fmt::format("the key file holds {} private-key blocks (lines {} and {}); it must hold exactly one",
                                            keys.size(), keys[0]->begin_line, keys[1]->begin_line),
                                at_file(f, keys[1]->begin_line), "keep only the key that belongs to the certificate");
        }
        if (other != nullptr) {
            return Result::fail(fmt::format("line {}: a '{}' block beside the private key", other->begin_line, other->label),
                                at_file(f, other->begin_line), "keep only the private key in this file");
        }
        if (!f.stray.empty()) {
            const TextRun& run = f.stray.front();
            return Result::fail(fmt::format("line {}: {} outside the PEM block", run.first_line, run.kind),
                                at_file(f, run.first_line),
                                "delete every line outside the BEGIN/END lines (certcheck fix writes a clean copy)");
        }
        const PrivateKey& k = m.keys.front();
        if (k.format == KeyFormat::OpenSsh) {
            return Result::fail(fmt::format("line {}: an OpenSSH-format private key, which AWS does not read", k.line),
                                at_file(f, k.line),
                                "convert a copy to PEM: cp KEY key.pem && ssh-keygen -p -N '' -m PEM -f key.pem");
        }
        if (k.problem) {
            return Result::fail(fmt::format("the {} block at line {} does not parse: {}", k.label, k.line, *k.problem),
                                at_file(f, k.line));
        }
        if (k.encrypted) {
            return Result::pass(fmt::format("one {} block at line {} (encrypted: see key-unencrypted)", k.label, k.line),
                                at_file(f, k.line));
        }
        return Result::pass(fmt::format("one {} block at line {}", k.label, k.line), at_file(f, k.line));
    }
};

}  // namespace

// catalogue: 60
std::unique_ptr<Validator> make_key_pem() { return std::make_unique<KeyPem>(); }

}  // namespace certcheck::rules
