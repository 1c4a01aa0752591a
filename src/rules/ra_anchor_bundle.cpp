// ra-anchor-bundle: a trust anchor's certificate bundle is PEM certificates only, at most 2.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-anchor-bundle",
    Severity::Error,
    "The --trust-anchor file holds 1 or 2 certificates and nothing but CERTIFICATE PEM blocks",
    "IAM Roles Anywhere User Guide, quotas: 2 certificates per trust anchor (not adjustable); the CERTIFICATE_BUNDLE "
    "source is PEM (AWS-RULES.md 5b ra-ta-count, ra-ta-pem, ra-ta-size)",
    "keep at most two CA certificates in the anchor file, as PEM CERTIFICATE blocks only",
};

class RaAnchorBundle final : public Rule {
public:
    RaAnchorBundle() : Rule(kInfo, "no --trust-anchor was given") {}
    bool applies(const Material&, const Context& ctx) const override { return trust_anchor(ctx) != nullptr; }
    Result check(const Material&, const Context& ctx) const override {
        const LoadedFile& anchor = *trust_anchor(ctx);
        const auto problems = certificate_pem_problems(anchor.file, anchor.bad);
        if (!problems.empty()) return fail_with(anchor.file, problems);
        const std::size_t n = anchor.certs.size();
        if (n > 2) {
            return Result::fail(fmt::format("the trust anchor file holds {} certificates; Roles Anywhere takes at most 2 per trust anchor", n),
                                at_file(anchor.file, anchor.certs[2].line),
                                "register the CA certificates as separate trust anchors (2 certificates each at most)");
        }
        return Result::pass(fmt::format("{} CA certificate{} in PEM", n, n == 1 ? "" : "s"), at_file(anchor.file));
    }
};

}  // namespace

// catalogue: 430
std::unique_ptr<Validator> make_ra_anchor_bundle() { return std::make_unique<RaAnchorBundle>(); }

}  // namespace certcheck::rules
