// acm-issuer-present: the certificate's Issuer field is not empty.
#include "rules/rules.hpp"

#include <openssl/x509.h>

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "acm-issuer-present",
    Severity::Error,
    "The certificate's Issuer field is not empty",
    "ACM API ImportCertificate (botocore model): the Issuer field must not be empty (AWS-RULES.md 3 acm-issuer-nonempty); "
    "ACM User Guide, prerequisites: the certificate must contain issuer information (AWS-RULES.md 3 acm-x509v3)",
    "have the certificate reissued by a CA that writes its name into the Issuer field",
};

class AcmIssuerPresent final : public Rule {
public:
    AcmIssuerPresent() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        const auto where = at_file(m.body, leaf.line);
        const X509_NAME* issuer = X509_get_issuer_name(leaf.x509.get());
        if (issuer == nullptr || X509_NAME_entry_count(issuer) == 0) {
            return Result::fail(fmt::format("{} has an empty Issuer field; ACM refuses a certificate without issuer information",
                                            leaf.label),
                                where);
        }
        return Result::pass(fmt::format("issuer: {}", leaf.issuer), where);
    }
};

}  // namespace

// catalogue: 340
std::unique_ptr<Validator> make_acm_issuer_present() { return std::make_unique<AcmIssuerPresent>(); }

}  // namespace certcheck::rules
