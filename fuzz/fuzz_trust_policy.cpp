// The IAM role trust-policy parser on arbitrary text, and what parses evaluated against the
// tags a certificate could produce (ForAnyValue/ForAllValues, *Like wildcards, SourceArn, Date*
// against the check time, an unmapped SAN for the explanations).
#include "certcheck/rolesanywhere.hpp"
#include "fuzz.hpp"

namespace {

const certcheck::ConditionContext& request() {
    static const certcheck::ConditionContext ctx{{
                                                     {"aws:PrincipalTag/x509Subject/CN", {"client.example.com"}},
                                                     {"aws:PrincipalTag/x509Subject/OU", {"Ops/Dev"}},
                                                     {"aws:PrincipalTag/x509Issuer/CN", {"Example Issuing CA"}},
                                                     {"aws:PrincipalTag/x509SAN/DNS", {"client.example.com"}},
                                                     {"sts:SourceIdentity", {"CN=client.example.com"}},
                                                     {"aws:SourceArn", {"arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/abc"}},
                                                     {"aws:SourceAccount", {"123456789012"}},
                                                     {"aws:CurrentTime", {"2030-01-01T00:00:00Z"}},
                                                     {"aws:EpochTime", {"1893456000"}},
                                                 },
                                                 {
                                                     {"aws:PrincipalTag/x509SAN/DNS", "DNS SAN", "second.example.com", "Roles Anywhere maps only the first DNS SAN"},
                                                 }};
    return ctx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const certcheck::TrustPolicyParse parsed = certcheck::parse_trust_policy(certcheck::fuzz::bytes(data, size));
    if (parsed.policy) {
        (void)certcheck::evaluate_trust_policy(*parsed.policy, request());
    } else if (parsed.error.empty()) {
        __builtin_trap();  // a rejected policy always says why
    }
    return 0;
}
