// X.509 helpers: times, names, issuing relations, signature digests.
#include <gtest/gtest.h>

#include "common/x509util.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(X509Util, ParsesRfc3339AndDates) {
    EXPECT_EQ(x509::parse_time("2030-01-01T00:00:00Z"), kTestTime);
    EXPECT_EQ(x509::parse_time("2030-01-01"), kTestTime);
    EXPECT_EQ(x509::parse_time("2030-01-01T01:30:00+01:30"), kTestTime);
    EXPECT_EQ(x509::parse_time("2029-12-31T22:00:00.250-02:00"), kTestTime);
    EXPECT_FALSE(x509::parse_time("yesterday").has_value());
    EXPECT_FALSE(x509::parse_time("2030-02-31").has_value());
    EXPECT_FALSE(x509::parse_time("2030-13-01T00:00:00Z").has_value());
    EXPECT_FALSE(x509::parse_time("2030-01-01T00:00:00").has_value());  // no zone: ambiguous
    EXPECT_FALSE(x509::parse_time("2030-01-01T24:00:00Z").has_value());
    EXPECT_FALSE(x509::parse_time("2030-01-01T00:00:00.Z").has_value());
    EXPECT_FALSE(x509::parse_time("2030-01-01T00:00:00+0100").has_value());
    EXPECT_FALSE(x509::parse_time("2030-1-01").has_value());
    EXPECT_EQ(x509::parse_time("2030-01-01t00:00:00z"), kTestTime);
    EXPECT_EQ(x509::format_time(kTestTime), "2030-01-01T00:00:00Z");
}

TEST(X509Util, LeapSecondIsTheInstantAfter235959) {
    // 2029-12-31T23:59:60Z is the instant after 23:59:59: 2030-01-01T00:00:00Z (POSIX has no number of its own for it).
    EXPECT_EQ(x509::parse_time("2029-12-31T23:59:60Z"), kTestTime);
    EXPECT_EQ(x509::parse_time("2029-12-31T15:59:60-08:00"), kTestTime);  // the same leap second in Pacific time
    EXPECT_EQ(x509::parse_time("2029-12-31T23:59:60.5Z"), kTestTime);
    EXPECT_EQ(x509::parse_time("2030-06-30T23:59:60Z"), x509::parse_time("2030-07-01T00:00:00Z"));
    EXPECT_FALSE(x509::parse_time("2029-12-30T23:59:60Z").has_value());       // not the last day of a month
    EXPECT_FALSE(x509::parse_time("2029-12-31T12:00:60Z").has_value());       // not 23:59 UTC
    EXPECT_FALSE(x509::parse_time("2029-12-31T23:59:60+01:00").has_value());  // 22:59:60 UTC
    EXPECT_FALSE(x509::parse_time("2029-12-31T23:59:61Z").has_value());
}

TEST(X509Util, IssuingRelationsNeedNameAndSignature) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem"));
    ASSERT_EQ(m.chain_certs.size(), 2u);
    X509* leaf = m.leaf()->x509.get();
    X509* inter = m.chain_certs[0].x509.get();
    X509* root = m.chain_certs[1].x509.get();
    EXPECT_TRUE(x509::issued_by(leaf, inter));
    EXPECT_TRUE(x509::issued_by(inter, root));
    EXPECT_FALSE(x509::issued_by(leaf, root));
    EXPECT_TRUE(x509::self_signed(root));
    EXPECT_FALSE(x509::self_signed(inter));
    EXPECT_EQ(m.leaf()->label, "CN=www.example.com");
    EXPECT_NE(m.leaf()->issuer.find("CN=certcheck Test Intermediate CA"), std::string::npos);
}

TEST(X509Util, SameNameDifferentKeyIsNotTheIssuer) {
    // cfssl's inter-L1 and inter-L2 share a CN; only name *and* signature make an issuer.
    if (!corpora_available()) GTEST_SKIP() << "../shared/corpora not present";
    const Material m = load(corpus("cfssl-bundler/testdata/inter-L2.pem"), std::nullopt,
                            corpus("cfssl-bundler/testdata/inter-L2-direct.pem"));
    ASSERT_EQ(m.chain_certs.size(), 1u);
    EXPECT_FALSE(x509::issued_by(m.leaf()->x509.get(), m.chain_certs[0].x509.get()));
}

TEST(X509Util, SignatureDigests) {
    EXPECT_EQ(x509::signature_digest(load(fixture("leaf.pem")).leaf()->x509.get()), "SHA256");
    EXPECT_TRUE(x509::weak_signature(load(fixture("sha1-leaf.pem")).leaf()->x509.get()));
    EXPECT_TRUE(x509::weak_signature(load(fixture("md5-leaf.pem")).leaf()->x509.get()));
    EXPECT_FALSE(x509::weak_signature(load(fixture("leaf.pem")).leaf()->x509.get()));
}

}  // namespace
}  // namespace certcheck::test
