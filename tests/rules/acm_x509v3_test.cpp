// acm-x509v3: pass (v3), fail (a v1 certificate), not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(AcmX509v3, PassesForVersion3) {
    const Finding f = run_rule("acm-x509v3", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

TEST(AcmX509v3, FailsForAVersion1Certificate) {
    const Finding f = run_rule("acm-x509v3", load(pfixture("acm-v1.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "version 1")) << f.message;
    EXPECT_TRUE(has(f.message, "CN=v1.example.com")) << f.message;
    EXPECT_EQ(f.line, 1);
}

TEST(AcmX509v3, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("acm-x509v3", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
