// ra-key-algorithm: pass (RSA, EC), fail (Ed25519), not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(RaKeyAlgorithm, PassesForRsaAndEc) {
    const Finding rsa = run_rule("ra-key-algorithm", load(pfixture("ra-leaf.pem")));
    EXPECT_EQ(rsa.status, Status::Pass) << rsa.message;
    EXPECT_TRUE(has(rsa.message, "RSA 2048-bit")) << rsa.message;
    const Finding ec = run_rule("ra-key-algorithm", load(pfixture("ra-ec-leaf.pem")));
    EXPECT_EQ(ec.status, Status::Pass) << ec.message;
    EXPECT_TRUE(has(ec.message, "EC P-256")) << ec.message;
}

TEST(RaKeyAlgorithm, FailsForEd25519) {
    const Finding f = run_rule("ra-key-algorithm", load(pfixture("acm-ed25519.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "ED25519")) << f.message;
}

TEST(RaKeyAlgorithm, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("ra-key-algorithm", load(fixture("garbage.bin"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
