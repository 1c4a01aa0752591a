// chain-no-leaf: the chain does not contain the body certificate itself.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-no-leaf",
    Severity::Error,
    "The chain does not contain the body certificate",
    "IAM User Guide: the chain starts with the certificate that signed the body; ACM: do not include the end-entity "
    "certificate in the chain (AWS-RULES.md 1b iam-chain-order, 3 acm-chain-order)",
    "remove the leaf from the chain file; it goes only in --certificate-body (certbot: use chain.pem, not fullchain.pem)",
};

class ChainNoLeaf final : public Rule {
public:
    ChainNoLeaf() : Rule(kInfo, "needs a body certificate and a chain") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr && m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const std::vector<int> copies = chain_model(m, ctx)->chain_with(ChainRole::LeafCopy);
        if (copies.empty()) return Result::pass("the body certificate is not in the chain", at_file(*m.chain));
        const int i = copies.front();
        return Result::fail(fmt::format("{} is the body certificate itself", chain_ref(m, i)),
                            at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(i)].line));
    }
};

}  // namespace

// catalogue: 130
std::unique_ptr<Validator> make_chain_no_leaf() { return std::make_unique<ChainNoLeaf>(); }

}  // namespace certcheck::rules
