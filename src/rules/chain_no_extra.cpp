// chain-no-extra: every chain certificate is on the body's issuing path.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-no-extra", Severity::Error,
    "Every chain certificate is on the body's issuing path (no unrelated or duplicate certificates)",
    "IAM User Guide: the chain holds the signing certificate and the intermediaries in order; CloudFront: do not "
    "include certificates that are not in the trust path (AWS-RULES.md 1b iam-chain-order, 1d cf-chain-no-root)",
    "remove the certificates that are not on the path from the body to its root",
};

class ChainNoExtra final : public Rule {
public:
    ChainNoExtra() : Rule(kInfo, "needs a body certificate and a chain") {}
    bool applies(const Material& m, const Context&) const override { return m.chain_analysis.has_value(); }
    Result check(const Material& m, const Context&) const override {
        const ChainAnalysis& a = *m.chain_analysis;
        if (a.extras.empty()) return Result::pass("every chain certificate is on the body's issuing path", at_file(*m.chain));
        const std::string list = list_some(a.extras.size(), "; ", [&](std::size_t k) {
            const int i = a.extras[k];
            X509* x = m.chain_certs[static_cast<std::size_t>(i)].x509.get();
            bool duplicate = false;
            for (int j = 0; j < i && !duplicate; ++j) {
                duplicate = x509::same_cert(x, m.chain_certs[static_cast<std::size_t>(j)].x509.get());
            }
            return fmt::format("{} {}", chain_ref(m, i), duplicate ? "repeats an earlier certificate" : "is not on the body's issuing path");
        });
        const int first = a.extras.front();
        return Result::fail(fmt::format("{} certificate{} to remove: {}", a.extras.size(), a.extras.size() == 1 ? "" : "s", list),
                            at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(first)].line));
    }
};

}  // namespace

std::unique_ptr<Validator> make_chain_no_extra() { return std::make_unique<ChainNoExtra>(); }

}  // namespace certcheck::rules
