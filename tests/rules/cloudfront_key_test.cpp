// cloudfront-key: pass (RSA 1024/2048, EC P-256), fail (RSA 3072/4096, EC P-384, Ed25519),
// not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding cf_key(const std::string& cert) { return run_rule("cloudfront-key", load(cert)); }

TEST(CloudfrontKey, PassesForRsaUpTo2048AndP256) {
    EXPECT_EQ(cf_key(fixture("leaf.pem")).status, Status::Pass);
    EXPECT_EQ(cf_key(fixture("rsa1024-leaf.pem")).status, Status::Pass);
    const Finding ec = cf_key(fixture("ec-leaf.pem"));
    EXPECT_EQ(ec.status, Status::Pass) << ec.message;
    EXPECT_TRUE(has(ec.message, "P-256")) << ec.message;
}

TEST(CloudfrontKey, FailsForA4096BitKey) {
    const Finding f = cf_key(fixture("rsa4096-leaf.pem"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "RSA 4096-bit")) << f.message;
    EXPECT_TRUE(has(f.message, "InvalidViewerCertificate")) << f.message;
    EXPECT_EQ(f.line, 1);
}

TEST(CloudfrontKey, FailsForOtherSizesAndCurves) {
    EXPECT_EQ(cf_key(pfixture("acm-rsa3072.pem")).status, Status::Error);
    const Finding p384 = cf_key(pfixture("acm-secp384r1.pem"));
    EXPECT_EQ(p384.status, Status::Error);
    EXPECT_TRUE(has(p384.message, "EC P-384")) << p384.message;
    const Finding ed = cf_key(pfixture("acm-ed25519.pem"));
    EXPECT_EQ(ed.status, Status::Error);
    EXPECT_TRUE(has(ed.message, "ED25519")) << ed.message;
}

TEST(CloudfrontKey, NotApplicableWithoutACertificate) {
    EXPECT_EQ(cf_key(fixture("garbage.bin")).status, Status::NotApplicable);
    EXPECT_EQ(cf_key(fixture("leaf.key")).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
