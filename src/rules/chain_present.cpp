// chain-present: a certificate that is not self-signed comes with its chain.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-present",
    Severity::Warn,
    "A chain is given unless the body is self-signed",
    "IAM User Guide: the certificate chain is required when the certificate is not self-signed "
    "(AWS-RULES.md 1b iam-chain-optional)",
    "pass the intermediate certificates with --chain (certbot: chain.pem; most CAs send a ca-bundle file)",
};

class ChainPresent final : public Rule {
public:
    ChainPresent() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        if (m.chain) return Result::pass("a chain was given", at_file(*m.chain));
        const Certificate& c = *m.leaf();
        if (c.self_signed) return Result::pass("the body is self-signed; no chain is needed", at_file(m.body, c.line));
        return Result::fail(fmt::format("no --chain given, and {} is not self-signed (its issuer is {}){}", c.label, c.issuer,
                                        fetch_note(c.x509.get(), ctx)),
                            at_file(m.body, c.line));
    }
};

}  // namespace

// catalogue: 180
std::unique_ptr<Validator> make_chain_present() { return std::make_unique<ChainPresent>(); }

}  // namespace certcheck::rules
