// ra-anchor-bundle: pass (1 or 2 certificates), fail (3 certificates, a key in the file, DER),
// not-applicable (no --trust-anchor).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding bundle(const std::string& anchor) {
    const RaContext ra = ra_context(anchor);
    return run_rule("ra-anchor-bundle", load(pfixture("ra-leaf.pem")), ra.ctx);
}

TEST(RaAnchorBundle, PassesForOneOrTwoCertificates) {
    const Finding one = bundle(pfixture("ra-anchor.pem"));
    EXPECT_EQ(one.status, Status::Pass) << one.message;
    EXPECT_TRUE(has(one.message, "1 CA certificate")) << one.message;
    const Finding two = bundle(pfixture("ra-anchor-2.pem"));
    EXPECT_EQ(two.status, Status::Pass) << two.message;
    EXPECT_TRUE(has(two.message, "2 CA certificates")) << two.message;
}

TEST(RaAnchorBundle, FailsForThreeCertificates) {
    const Finding f = bundle(pfixture("ra-anchor-3.pem"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "3 certificates")) << f.message;
    EXPECT_EQ(f.file, pfixture("ra-anchor-3.pem"));
    EXPECT_GT(f.line.value_or(0), 1) << "the third certificate's line";
}

TEST(RaAnchorBundle, FailsForAnythingButCertificates) {
    const std::string path = pfixture("ra-anchor-with-key.pem");
    const Finding key = bundle(path);
    EXPECT_EQ(key.status, Status::Error);
    EXPECT_TRUE(has(key.message, "private key")) << key.message;
    expect_no_key_material(key, read_file(fixture("other-root.key")));
    const Finding der = bundle(fixture("leaf.der"));
    EXPECT_EQ(der.status, Status::Error);
    EXPECT_TRUE(has(der.message, "not PEM")) << der.message;
}

TEST(RaAnchorBundle, NotApplicableWithoutAnAnchor) {
    EXPECT_EQ(run_rule("ra-anchor-bundle", load(pfixture("ra-leaf.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
