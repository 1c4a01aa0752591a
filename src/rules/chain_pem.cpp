// chain-pem: the chain file holds CERTIFICATE PEM blocks only.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-pem",
    Severity::Error,
    "The chain file holds CERTIFICATE PEM blocks only",
    "IAM User Guide: the chain must be PEM; anything else in it (an openssl x509 -text dump) breaks validation with "
    "MalformedCertificate (AWS-RULES.md 1b iam-pem-body, iam-chain-only-pem)",
    "keep only the intermediate certificates' BEGIN/END blocks in the chain file",
};

class ChainPem final : public Rule {
public:
    ChainPem() : Rule(kInfo, "no --chain given") {}
    bool applies(const Material& m, const Context&) const override { return m.chain.has_value(); }
    Result check(const Material& m, const Context&) const override {
        const auto problems = certificate_pem_problems(*m.chain, m.chain_bad);
        if (!problems.empty()) return fail_with(*m.chain, problems);
        return Result::pass(fmt::format("PEM with {} CERTIFICATE block{}", m.chain->blocks.size(),
                                        m.chain->blocks.size() == 1 ? "" : "s"),
                            at_file(*m.chain));
    }
};

}  // namespace

// catalogue: 120
std::unique_ptr<Validator> make_chain_pem() { return std::make_unique<ChainPem>(); }

}  // namespace certcheck::rules
