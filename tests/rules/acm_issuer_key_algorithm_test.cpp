// acm-issuer-key-algorithm: an RSA leaf under an RSA CA and an EC leaf under an EC CA pass; an EC leaf
// under an RSA intermediate and an RSA leaf under an EC CA fail; not-applicable without a certificate.
#include <gtest/gtest.h>

#include "support/forge.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding alg(const Material& m) { return run_rule("acm-issuer-key-algorithm", m); }

// A leaf for leaf_key issued by a CA holding ca_key, as PEM.
std::string issued(EVP_PKEY* leaf_key, EVP_PKEY* ca_key) {
    forge::CertSpec spec;
    spec.subject_cn = "leaf.example.com";
    spec.issuer_cn = "Forged CA";
    spec.ca = false;
    return forge::pem(forge::cert(spec, leaf_key, ca_key).get());
}

TEST(AcmIssuerKeyAlgorithm, PassesWhenTheLeafAndItsCaShareAnAlgorithm) {
    const Finding rsa = alg(load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(rsa.status, Status::Pass) << rsa.message;
    EXPECT_TRUE(has(rsa.message, "RSA key, issued by an RSA CA")) << rsa.message;
    const auto ca = forge::ec_key();
    const auto leaf = forge::ec_key();
    const Finding ec = alg(load_bytes(issued(leaf.get(), ca.get())));
    EXPECT_EQ(ec.status, Status::Pass) << ec.message;
    EXPECT_TRUE(has(ec.message, "ecdsa-with-SHA256")) << ec.message;
}

TEST(AcmIssuerKeyAlgorithm, FailsForAnEcLeafUnderAnRsaIntermediate) {
    const Finding f = alg(load(fixture("ec-leaf.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "has an EC key but was signed with sha256WithRSAEncryption by an RSA CA")) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Intermediate CA")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "EC CA")) << *f.hint;
}

TEST(AcmIssuerKeyAlgorithm, FailsForAnRsaLeafUnderAnEcCa) {
    const auto ca = forge::ec_key();
    const auto leaf = forge::rsa_key(2048);
    const Finding f = alg(load_bytes(issued(leaf.get(), ca.get())));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "has an RSA key but was signed with ecdsa-with-SHA256 by an EC CA")) << f.message;
}

TEST(AcmIssuerKeyAlgorithm, NotApplicableWithoutACertificate) {
    EXPECT_EQ(alg(load(fixture("garbage.bin"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
