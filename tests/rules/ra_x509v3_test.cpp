// ra-x509v3: pass (v3 certificate and anchor), fail (a v1 certificate), not-applicable (no
// readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(RaX509v3, PassesForVersion3CertificateAndAnchor) {
    const RaContext ra = ra_context(pfixture("ra-anchor.pem"));
    const Finding f = run_rule("ra-x509v3", load(pfixture("ra-leaf.pem")), ra.ctx);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "trust anchor")) << f.message;
}

TEST(RaX509v3, FailsForAVersion1Certificate) {
    const Finding f = run_rule("ra-x509v3", load(pfixture("ra-v1.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "version 1")) << f.message;
    EXPECT_EQ(f.line, 1);
}

TEST(RaX509v3, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("ra-x509v3", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
