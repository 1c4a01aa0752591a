// ra-trust-policy: the role trust policy lets this certificate assume the role, and says which
// certificates may.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/rolesanywhere.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-trust-policy",
    Severity::Error,
    "The --trust-policy lets this certificate assume the role (error), and restricts which certificates may (warn)",
    "IAM Roles Anywhere User Guide, trust model and attribute mapping: the role trusts rolesanywhere.amazonaws.com "
    "for sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity; without conditions any certificate from any "
    "anchor can assume it (AWS-RULES.md 5c ra-trust-policy, ra-tag-mapping)",
    "add conditions on aws:PrincipalTag/x509Subject/CN (or x509SAN/DNS) and aws:SourceArn (the trust anchor's ARN)",
};

class RaTrustPolicy final : public Rule {
public:
    RaTrustPolicy() : Rule(kInfo, "no --trust-policy was given, or no certificate in the body could be read") {}
    bool applies(const Material& m, const Context& ctx) const override {
        return m.leaf() != nullptr && ctx.roles_anywhere != nullptr && ctx.roles_anywhere->policy.has_value();
    }
    Result check(const Material& m, const Context& ctx) const override {
        const RolesAnywhereInputs& ra = *ctx.roles_anywhere;
        const SessionPreview s = preview_for(m.leaf()->x509.get(), &ra);
        const PolicyEvaluation e = evaluate_trust_policy(*ra.policy, request_for(s, &ra, ctx.at));
        const Location where{ra.policy_path, std::nullopt};
        switch (e.verdict) {
            case PolicyVerdict::NoStatement:
                return Result::fail(e.summary, where,
                                    "add a statement with \"Principal\": {\"Service\": \"rolesanywhere.amazonaws.com\"} and the "
                                    "actions sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity");
            case PolicyVerdict::Denied:
            case PolicyVerdict::NotAllowed:
                return Result::fail(e.summary, where,
                                    "change the condition, or issue the certificate with the subject/SAN the policy expects");
            case PolicyVerdict::Unknown:
                return Result::fail(e.summary, where,
                                    "certcheck cannot decide this statement; check it by hand, or give --trust-anchor-arn when the "
                                    "condition is on aws:SourceArn");
            case PolicyVerdict::Allowed: break;
        }
        if (!e.warnings.empty()) {
            std::string msg = e.summary + "; but " + e.warnings.front();
            if (e.warnings.size() > 1) msg += fmt::format(" (and {} more such statement{})", e.warnings.size() - 1, e.warnings.size() == 2 ? "" : "s");
            return Result::fail_as(Severity::Warn, std::move(msg), where);
        }
        return Result::pass(e.summary, where);
    }
};

}  // namespace

// catalogue: 450
std::unique_ptr<Validator> make_ra_trust_policy() { return std::make_unique<RaTrustPolicy>(); }

}  // namespace certcheck::rules
