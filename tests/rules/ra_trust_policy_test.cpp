// ra-trust-policy: pass (a policy that allows this certificate), error (one that blocks it, one
// with an unsupported operator, one that does not trust Roles Anywhere), warn (no condition on
// the certificate), not-applicable (no --trust-policy).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding policy(const std::string& cert, const std::string& file, bool arn = true) {
    const RaContext ra = ra_context(std::nullopt, pfixture(file), arn ? std::optional<std::string>{kTestAnchorArn} : std::nullopt);
    return run_rule("ra-trust-policy", load(pfixture(cert)), ra.ctx);
}

TEST(RaTrustPolicy, PassesForAPolicyThatAllows) {
    const Finding f = policy("ra-leaf.pem", "policy-allow.json");
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "allowed by statement 1 (Sid ClientCertificates)")) << f.message;
    EXPECT_EQ(f.file, pfixture("policy-allow.json"));
}

TEST(RaTrustPolicy, FailsForAPolicyThatBlocksNamingTheCondition) {
    const Finding f = policy("ra-leaf.pem", "policy-block.json");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "StringEquals aws:PrincipalTag/x509Subject/OU")) << f.message;
    EXPECT_TRUE(has(f.message, "'Security/Engineering/Research'")) << f.message;
    EXPECT_TRUE(has(f.message, "'Billing', 'Finance'")) << f.message;
}

TEST(RaTrustPolicy, FailsWhenTheCertificateDoesNotMatchTheAllowingStatement) {
    const Finding f = policy("ra-ec-leaf.pem", "policy-allow.json");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "x509Subject/CN is 'ra-ec.example.com'")) << f.message;
}

TEST(RaTrustPolicy, WarnsForAStatementWithoutConditions) {
    const Finding f = policy("ra-leaf.pem", "policy-no-condition.json");
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_TRUE(has(f.message, "any certificate from any trust anchor")) << f.message;
}

TEST(RaTrustPolicy, AnUnsupportedOperatorIsNeverTakenAsTrue) {
    const Finding f = policy("ra-leaf.pem", "policy-unsupported.json");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "IpAddress")) << f.message;
    EXPECT_TRUE(has(f.message, "not supported")) << f.message;
}

TEST(RaTrustPolicy, ASourceArnConditionNeedsTheArn) {
    const Finding f = policy("ra-leaf.pem", "policy-allow.json", false);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "--trust-anchor-arn")) << f.message;
}

TEST(RaTrustPolicy, NotApplicableWithoutAPolicy) {
    EXPECT_EQ(run_rule("ra-trust-policy", load(pfixture("ra-leaf.pem"))).status, Status::NotApplicable);
    const RaContext anchor_only = ra_context(pfixture("ra-anchor.pem"));
    EXPECT_EQ(run_rule("ra-trust-policy", load(pfixture("ra-leaf.pem")), anchor_only.ctx).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
