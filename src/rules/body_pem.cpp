// body-pem: the certificate body is PEM holding CERTIFICATE blocks only.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "body-pem",
    Severity::Error,
    "The certificate body is PEM holding CERTIFICATE blocks only",
    "IAM User Guide, Managing server certificates in IAM: the body must be PEM-encoded; MalformedCertificate "
    "\"Unable to parse certificate\" (AWS-RULES.md 1b iam-pem-body)",
    "convert the body to PEM and keep only the certificate's BEGIN/END block in the file",
};

class BodyPem final : public Rule {
public:
    BodyPem() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        const auto problems = certificate_pem_problems(m.body, m.body_bad);
        if (!problems.empty()) return fail_with(m.body, problems);
        return Result::pass(fmt::format("PEM with {} CERTIFICATE block{}", m.body.blocks.size(),
                                        m.body.blocks.size() == 1 ? "" : "s"),
                            at_file(m.body));
    }
};

}  // namespace

// catalogue: 10
std::unique_ptr<Validator> make_body_pem() { return std::make_unique<BodyPem>(); }

}  // namespace certcheck::rules
