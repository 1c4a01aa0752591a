// chain-order: chain[0] issued the body and chain[i+1] issued chain[i] (name and signature).
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-order", Severity::Error,
    "The chain starts with the body's issuer and each certificate issued the one before it",
    "IAM User Guide: \"The certificate chain must start with the immediate signing certificate, followed by any "
    "intermediaries in order\" (MalformedCertificate, with the index of the invalid certificate) "
    "(AWS-RULES.md 1b iam-chain-order)",
    "reorder the chain file: the body's issuer first, then each certificate's issuer, the root (if any) last; "
    "certcheck fix writes it in order",
};

std::string working_order(const Material& m) {
    const ChainAnalysis& a = *m.chain_analysis;
    if (a.path.empty()) {
        return fmt::format("no certificate in the chain issued the body (its issuer is {})", m.leaf()->issuer);
    }
    const std::string order = list_some(a.path.size(), ", ", [&](std::size_t k) { return fmt::format("chain[{}]", a.path[k]); });
    std::string out = fmt::format("an order that works: {}", order);
    if (a.path.size() < m.chain_certs.size()) {
        out += fmt::format(" (leaving out the other {})", m.chain_certs.size() - a.path.size());
    }
    if (!a.path_reaches_root) {
        const Certificate& last = m.chain_certs[static_cast<std::size_t>(a.path.back())];
        out += fmt::format("; the issuer of {} is not in the chain", last.label);
    }
    return out;
}

class ChainOrder final : public Rule {
public:
    ChainOrder() : Rule(kInfo, "needs a body certificate and a chain") {}
    bool applies(const Material& m, const Context&) const override { return m.chain_analysis.has_value(); }
    Result check(const Material& m, const Context&) const override {
        const ChainAnalysis& a = *m.chain_analysis;
        if (!a.first_bad) {
            return Result::pass(fmt::format("each of the {} chain certificate{} issued the one before it",
                                            m.chain_certs.size(), m.chain_certs.size() == 1 ? "" : "s"),
                                at_file(*m.chain));
        }
        const int i = *a.first_bad;
        std::optional<std::string> hint;
        if (a.path.empty()) {
            hint = fmt::format("add the certificate that issued the body ({}) at the start of the chain; your CA publishes it "
                               "as its intermediate or CA bundle",
                               m.leaf()->issuer);
        } else if (!a.path_reaches_root && a.path.size() == m.chain_certs.size() - a.leaf_copies.size()) {
            const Certificate& last = m.chain_certs[static_cast<std::size_t>(a.path.back())];
            hint = fmt::format("put the chain in issuing order, and add the certificate that issued {} ({})", last.label,
                               last.issuer);
        }
        const std::string what = i == 0 ? fmt::format("the body ({})", m.leaf()->label) : chain_ref(m, i - 1);
        return Result::fail(fmt::format("the chain is out of order at index {}: {} did not issue {}; {}", i, chain_ref(m, i),
                                        what, working_order(m)),
                            at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(i)].line), std::move(hint));
    }
};

}  // namespace

std::unique_ptr<Validator> make_chain_order() { return std::make_unique<ChainOrder>(); }

}  // namespace certcheck::rules
