// acm-issuer-present: a certificate with an issuer passes, one with an empty Issuer fails,
// not-applicable without a certificate.
#include <gtest/gtest.h>

#include "support/forge.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(AcmIssuerPresent, PassesWithAnIssuer) {
    const Finding f = run_rule("acm-issuer-present", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Intermediate CA")) << f.message;
}

TEST(AcmIssuerPresent, FailsForAnEmptyIssuer) {
    const auto ca = forge::rsa_key(2048);
    const auto leaf = forge::rsa_key(2048);
    forge::CertSpec spec;
    spec.subject_cn = "no-issuer.example.com";
    spec.ca = false;
    spec.empty_issuer = true;
    const std::string pem = forge::pem(forge::cert(spec, leaf.get(), ca.get()).get());
    const Finding f = run_rule("acm-issuer-present", load_bytes(pem));
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_TRUE(has(f.message, "CN=no-issuer.example.com has an empty Issuer field")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
}

TEST(AcmIssuerPresent, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("acm-issuer-present", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
