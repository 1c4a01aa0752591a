// ra-chain-to-anchor: pass (root anchor through the intermediate; an intermediate anchor; a path
// of exactly 5), fail (no chain, an unrelated anchor, a path of 6, outside validity at --at),
// not-applicable (no --trust-anchor).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding to_anchor(const std::string& cert, const std::optional<std::string>& chain, const std::string& anchor,
                  std::time_t at = kTestTime) {
    RaContext ra = ra_context(anchor);
    ra.ctx.at = at;
    return run_rule("ra-chain-to-anchor", load(cert, std::nullopt, chain), ra.ctx);
}

TEST(RaChainToAnchor, PassesThroughTheChainToARootAnchor) {
    const Finding f = to_anchor(pfixture("ra-leaf.pem"), fixture("inter-ca.pem"), pfixture("ra-anchor.pem"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "3 certificates")) << f.message;
    EXPECT_TRUE(has(f.message, "Test Root CA")) << f.message;
}

TEST(RaChainToAnchor, PassesForAnIntermediateAnchor) {
    const Finding f = to_anchor(pfixture("ra-leaf.pem"), std::nullopt, fixture("inter-ca.pem"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "2 certificates")) << f.message;
}

TEST(RaChainToAnchor, PassesForAPathOfFive) {
    const Finding f = to_anchor(pfixture("ra-depth5-leaf.pem"), pfixture("ra-depth5-chain.pem"), pfixture("ra-anchor.pem"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "5 certificates")) << f.message;
}

TEST(RaChainToAnchor, FailsForAPathOfSix) {
    const Finding f = to_anchor(pfixture("ra-deep-leaf.pem"), pfixture("ra-deep-chain.pem"), pfixture("ra-anchor.pem"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "6 certificates")) << f.message;
    EXPECT_TRUE(has(f.message, "at most 5")) << f.message;
}

TEST(RaChainToAnchor, FailsWithoutTheIntermediate) {
    const Finding f = to_anchor(pfixture("ra-leaf.pem"), std::nullopt, pfixture("ra-anchor.pem"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "the issuer of CN=ra-client.example.com (CN=certcheck Test Intermediate CA")) << f.message;
    EXPECT_TRUE(has(f.message, "is missing")) << f.message;
}

TEST(RaChainToAnchor, FailsForAnUnrelatedAnchor) {
    const Finding f = to_anchor(pfixture("ra-leaf.pem"), fixture("inter-ca.pem"), fixture("other-root.pem"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "no path")) << f.message;
}

TEST(RaChainToAnchor, JudgesValidityAtTheGivenTime) {
    // 2024-06-01: before every fixture's notBefore (2025-01-01).
    const Finding f = to_anchor(pfixture("ra-leaf.pem"), fixture("inter-ca.pem"), pfixture("ra-anchor.pem"), 1717200000);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "not yet valid")) << f.message;
}

TEST(RaChainToAnchor, NotApplicableWithoutAnAnchor) {
    EXPECT_EQ(run_rule("ra-chain-to-anchor", load(pfixture("ra-leaf.pem"))).status, Status::NotApplicable);
    const RaContext empty = ra_context(fixture("empty.pem"));
    EXPECT_EQ(run_rule("ra-chain-to-anchor", load(pfixture("ra-leaf.pem")), empty.ctx).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
