// chain-complete: the chain ends in a root, or in a certificate whose issuer is known.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-complete", Severity::Warn,
    "The chain's last certificate is a root, or its issuer is in the chain or the trust store",
    "RFC 5280 6.1: a client needs every certificate up to a trust anchor; the IAM User Guide's chain example "
    "ends with the root (AWS-RULES.md 1b iam-chain-order, Open questions 4)",
    "add the missing intermediate certificate(s) to the chain file, in order",
};

class ChainComplete final : public Rule {
public:
    ChainComplete() : Rule(kInfo, "no chain certificate could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const int last_index = static_cast<int>(m.chain_certs.size()) - 1;
        const Certificate& last = m.chain_certs.back();
        X509* x = last.x509.get();
        const auto where = at_file(*m.chain, last.line);
        if (last.self_signed) return Result::pass(fmt::format("the chain ends in a self-signed root, {}", last.label), where);
        for (const Certificate& c : m.chain_certs) {
            if (c.x509.get() != x && x509::issued_by(x, c.x509.get())) {
                return Result::pass(fmt::format("the issuer of the last certificate, {}, is in the chain", c.label), where);
            }
        }
        if (ctx.trust != nullptr && ctx.trust->has_issuer_of(x)) {
            return Result::pass(fmt::format("the chain ends at {}, whose issuer is in {}", last.label, ctx.trust->description()),
                                where);
        }
        return Result::fail(fmt::format("the chain ends at {}, whose issuer ({}) is neither in the chain nor in {}{}",
                                        chain_ref(m, last_index), last.issuer,
                                        ctx.trust != nullptr ? ctx.trust->description() : std::string{"a trust store"},
                                        fetch_note(x, ctx)),
                            where,
                            fmt::format("append the certificate of {} (the CA that issued {}) to the chain, or, if clients "
                                        "already trust it, pass it with --trust-store",
                                        last.issuer, last.label));
    }
};

}  // namespace

std::unique_ptr<Validator> make_chain_complete() { return std::make_unique<ChainComplete>(); }

}  // namespace certcheck::rules
