// ra-key-usage: pass (digitalSignature; keyCertSign on the anchor), fail (no digitalSignature,
// no keyUsage, an anchor without keyCertSign), not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(RaKeyUsage, PassesWithDigitalSignatureAndAnAnchorThatSigns) {
    const RaContext ra = ra_context(pfixture("ra-anchor.pem"));
    const Finding f = run_rule("ra-key-usage", load(pfixture("ra-leaf.pem")), ra.ctx);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "keyCertSign")) << f.message;
}

TEST(RaKeyUsage, FailsWithoutDigitalSignature) {
    const Finding f = run_rule("ra-key-usage", load(pfixture("ra-no-ds.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "without digitalSignature")) << f.message;
}

TEST(RaKeyUsage, FailsWithoutAKeyUsageExtension) {
    const Finding f = run_rule("ra-key-usage", load(pfixture("ra-v1.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "no keyUsage")) << f.message;
}

TEST(RaKeyUsage, FailsForAnAnchorWithoutKeyCertSign) {
    const RaContext ra = ra_context(fixture("leaf.pem"));
    const Finding f = run_rule("ra-key-usage", load(pfixture("ra-leaf.pem")), ra.ctx);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "keyCertSign")) << f.message;
}

TEST(RaKeyUsage, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("ra-key-usage", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
