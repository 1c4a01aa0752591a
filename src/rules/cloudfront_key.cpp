// cloudfront-key: CloudFront takes RSA keys of at most 2048 bits and ECDSA P-256 only.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "cloudfront-key",
    Severity::Error,
    "The certificate's key is RSA of at most 2048 bits or ECDSA P-256 (CloudFront's limits)",
    "CloudFront Developer Guide, requirements for certificates: an IAM certificate's RSA key is at most 2048 bits; "
    "ECDSA keys must be 256-bit (prime256v1) (AWS-RULES.md 1d cf-iam-rsa-max, cf-key-type; Open question 3; cause 13)",
    "issue the certificate for an RSA 2048-bit or an ECDSA P-256 key",
};

class CloudfrontKey final : public Rule {
public:
    CloudfrontKey() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        const KeyKind k = key_kind(X509_get0_pubkey(leaf.x509.get()));
        const auto where = at_file(m.body, leaf.line);
        if (k.algorithm == "RSA" && k.bits > 0 && k.bits <= 2048) return Result::pass(fmt::format("{} key", k.describe()), where);
        if (k.algorithm == "EC" && k.curve == "P-256") return Result::pass("ECDSA P-256 key", where);
        if (k.algorithm == "RSA") {
            return Result::fail(fmt::format("the certificate's key is {}; CloudFront takes RSA keys of at most 2048 bits from IAM "
                                            "and refuses the distribution with InvalidViewerCertificate",
                                            k.describe()),
                                where);
        }
        return Result::fail(fmt::format("the certificate's key is {}; CloudFront takes RSA (at most 2048 bits) and ECDSA P-256 only",
                                        k.describe()),
                            where);
    }
};

}  // namespace

// catalogue: 280
std::unique_ptr<Validator> make_cloudfront_key() { return std::make_unique<CloudfrontKey>(); }

}  // namespace certcheck::rules
