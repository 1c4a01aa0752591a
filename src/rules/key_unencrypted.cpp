// key-unencrypted: the key is not encrypted. certcheck never asks for a passphrase.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "key-unencrypted", Severity::Error,
    "The private key is not encrypted",
    "IAM User Guide, Managing server certificates in IAM: a key protected by a passphrase is refused "
    "(AWS-RULES.md 1b iam-key-unencrypted)",
    "decrypt it into a new file: openssl rsa -in KEY -out key.pem -traditional (asks for the passphrase), or certcheck fix",
};

class KeyUnencrypted final : public Rule {
public:
    KeyUnencrypted() : Rule(kInfo, "no private key was found (see key-pem)") {}
    bool applies(const Material& m, const Context&) const override { return m.key && !m.keys.empty(); }
    Result check(const Material& m, const Context&) const override {
        const InputFile& f = *m.key;
        for (const PrivateKey& k : m.keys) {
            if (!k.encrypted) continue;
            std::string msg = fmt::format("the private key{} is encrypted ({})",
                                          k.line > 0 ? fmt::format(" at line {}", k.line) : std::string{}, describe(k.format));
            if (k.problem && k.format == KeyFormat::LegacyEncrypted) msg += fmt::format(", and {}", *k.problem);
            const std::string q = shell_quote(f.path);
            const bool rsa = k.algorithm == "RSA" || k.algorithm.empty();
            const std::string inform = k.format == KeyFormat::Der ? "-inform DER " : "";
            if (k.format == KeyFormat::OpenSsh) {
                return Result::fail(std::move(msg), at_file(f, k.line),
                                    fmt::format("decrypt a copy into PEM: cp {} key.pem && ssh-keygen -p -m PEM -N '' -f key.pem "
                                                "(asks for the old passphrase)",
                                                q));
            }
            return Result::fail(std::move(msg), at_file(f, k.line),
                                rsa ? fmt::format("decrypt it into a new file: openssl rsa {}-in {} -out key.pem -traditional "
                                                  "(asks for the passphrase), or certcheck fix",
                                                  inform, q)
                                    : fmt::format("decrypt it into a new file: openssl pkey {}-in {} -out key.pem "
                                                  "(asks for the passphrase)",
                                                  inform, q));
        }
        return Result::pass("the private key is not encrypted", at_file(f, m.keys.front().line));
    }
};

}  // namespace

std::unique_ptr<Validator> make_key_unencrypted() { return std::make_unique<KeyUnencrypted>(); }

}  // namespace certcheck::rules
