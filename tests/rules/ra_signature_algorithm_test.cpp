// ra-signature-algorithm: pass (SHA-256 everywhere), fail (a SHA-1 end entity, chain or anchor
// certificate), not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(RaSignatureAlgorithm, PassesForSha256) {
    const RaContext ra = ra_context(pfixture("ra-anchor.pem"));
    const Finding f = run_rule("ra-signature-algorithm", load(pfixture("ra-leaf.pem"), std::nullopt, fixture("inter-ca.pem")), ra.ctx);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "sha256")) << f.message;
}

TEST(RaSignatureAlgorithm, FailsForASha1EndEntity) {
    const Finding f = run_rule("ra-signature-algorithm", load(fixture("sha1-leaf.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "sha1WithRSAEncryption")) << f.message;
}

TEST(RaSignatureAlgorithm, FailsForASha1ChainOrAnchorCertificate) {
    const Finding chain = run_rule("ra-signature-algorithm", load(pfixture("ra-leaf.pem"), std::nullopt, fixture("chain-sha1-inter.pem")));
    EXPECT_EQ(chain.status, Status::Error);
    EXPECT_TRUE(has(chain.message, "chain[0]")) << chain.message;
    const RaContext ra = ra_context(fixture("sha1-inter.pem"));
    const Finding anchor = run_rule("ra-signature-algorithm", load(pfixture("ra-leaf.pem")), ra.ctx);
    EXPECT_EQ(anchor.status, Status::Error);
    EXPECT_TRUE(has(anchor.message, "trust anchor[0]")) << anchor.message;
}

TEST(RaSignatureAlgorithm, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("ra-signature-algorithm", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
