// ra-key-algorithm: the end-entity key is RSA or EC (the CreateSession signature algorithms).
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-key-algorithm",
    Severity::Error,
    "The end-entity certificate's key is RSA or EC",
    "IAM Roles Anywhere User Guide, authentication: requests are signed with AWS4-X509-RSA-SHA256 or "
    "AWS4-X509-ECDSA-SHA256 (ML-DSA since 2026) (AWS-RULES.md 5a ra-key-types, 5d rah-key-alg)",
    "issue the certificate for an RSA 2048-bit or an EC P-256 key",
};

class RaKeyAlgorithm final : public Rule {
public:
    RaKeyAlgorithm() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        const KeyKind k = key_kind(X509_get0_pubkey(leaf.x509.get()));
        const auto where = at_file(m.body, leaf.line);
        if (k.algorithm == "RSA" || k.algorithm == "EC") return Result::pass(fmt::format("{} key", k.describe()), where);
        return Result::fail(fmt::format("the certificate's key is {}; Roles Anywhere signs requests with RSA or ECDSA keys", k.describe()),
                            where);
    }
};

}  // namespace

// catalogue: 410
std::unique_ptr<Validator> make_ra_key_algorithm() { return std::make_unique<RaKeyAlgorithm>(); }

}  // namespace certcheck::rules
