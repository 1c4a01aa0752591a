// chain-no-root: CloudFront asks for the intermediates only, without the root.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-no-root",
    Severity::Warn,
    "The chain holds no self-signed root certificate (CloudFront wants intermediates only)",
    "CloudFront Developer Guide, requirements for certificates: list the intermediates starting with the one that "
    "signed the certificate; do not include the root (AWS-RULES.md 1d cf-chain-no-root; Open question 4)",
    "drop the root certificate from the chain file: keep only the intermediate CA certificates",
};

class ChainNoRoot final : public Rule {
public:
    ChainNoRoot() : Rule(kInfo, "no chain was given, or none of its certificates could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context&) const override {
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            if (m.chain_certs[i].self_signed) {
                return Result::fail(fmt::format("{} is a self-signed root; CloudFront expects intermediates only",
                                                chain_ref(m, static_cast<int>(i))),
                                    at_file(*m.chain, m.chain_certs[i].line),
                                    fmt::format("remove the root from {}: keep only the intermediate certificates",
                                                shell_quote(m.chain->path)));
            }
        }
        return Result::pass(fmt::format("the chain holds {} intermediate certificate{} and no root", m.chain_certs.size(),
                                        m.chain_certs.size() == 1 ? "" : "s"),
                            at_file(*m.chain));
    }
};

}  // namespace

// catalogue: 290
std::unique_ptr<Validator> make_chain_no_root() { return std::make_unique<ChainNoRoot>(); }

}  // namespace certcheck::rules
