// ra-basic-constraints: pass (CA:false, or no extension), fail (an end entity with CA:true; an
// anchor that is not a CA), not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(RaBasicConstraints, PassesForAnEndEntityAndACaAnchor) {
    const RaContext ra = ra_context(pfixture("ra-anchor.pem"));
    const Finding f = run_rule("ra-basic-constraints", load(pfixture("ra-leaf.pem")), ra.ctx);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "CA:false")) << f.message;
}

TEST(RaBasicConstraints, AcceptsAMissingExtension) {
    const Finding f = run_rule("ra-basic-constraints", load(pfixture("ra-no-bc.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "no basicConstraints")) << f.message;
}

TEST(RaBasicConstraints, FailsForACaEndEntity) {
    const Finding f = run_rule("ra-basic-constraints", load(pfixture("ra-ca-true.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "CA:true")) << f.message;
}

TEST(RaBasicConstraints, FailsForAnAnchorThatIsNotACa) {
    const RaContext ra = ra_context(fixture("leaf.pem"));
    const Finding f = run_rule("ra-basic-constraints", load(pfixture("ra-leaf.pem")), ra.ctx);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "trust anchor[0]")) << f.message;
    EXPECT_EQ(f.file, fixture("leaf.pem"));
}

TEST(RaBasicConstraints, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("ra-basic-constraints", load(fixture("garbage.bin"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
