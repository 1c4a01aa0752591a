// body-single-cert: pass (one certificate), fail (a full chain, a reversed chain, unrelated or
// damaged extra certificates, no certificate at all), and "always applies".
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

TEST(BodySingleCert, PassesOnOneCertificate) {
    const Finding f = run_rule("body-single-cert", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("CN=www.example.com"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    EXPECT_FALSE(f.hint.has_value());
}

TEST(BodySingleCert, FailsOnAFullChainInTheBody) {
    const Finding f = run_rule("body-single-cert", load(fixture("fullchain.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("3 certificates"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("full chain"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("CN=certcheck Test Intermediate CA"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 24);  // the second certificate's BEGIN line
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("--certificate-chain"), std::string::npos) << *f.hint;
}

TEST(BodySingleCert, FailsOnLeafPlusIntermediateBuiltInTheTest) {
    const std::string leaf = read_file(fixture("leaf.pem"));
    const Finding f = run_rule("body-single-cert", load_bytes(leaf + read_file(fixture("inter-ca.pem"))));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("2 certificates"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("full chain"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, line_count(leaf) + 1);
}

TEST(BodySingleCert, FailsOnAReversedFullChainNamingTheLeafAndItsLine) {
    // root, intermediate, leaf: the leaf is the third certificate, not the second.
    const std::string root = read_file(fixture("root-ca.pem"));
    const std::string inter = read_file(fixture("inter-ca.pem"));
    const std::string leaf = read_file(fixture("leaf.pem"));
    const Finding f = run_rule("body-single-cert", load_bytes(root + inter + leaf));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("3 certificates"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("reversed"), std::string::npos) << f.message;
    const int leaf_line = line_count(root) + line_count(inter) + 1;
    EXPECT_NE(f.message.find("the leaf CN=www.example.com is at line " + std::to_string(leaf_line)), std::string::npos)
        << f.message;
    EXPECT_EQ(f.message.find("the leaf CN=certcheck Test Intermediate CA"), std::string::npos) << f.message;
}

TEST(BodySingleCert, FailsOnCaCertificatesInReverseOrderWithoutCallingOneTheLeaf) {
    // chain-reversed.pem is root then intermediate: no leaf at all.
    const Finding f = run_rule("body-single-cert", load(fixture("chain-reversed.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("2 certificates"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("the leaf"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("no leaf"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 21);
}

TEST(BodySingleCert, FailsOnUnrelatedCertificatesWithoutGuessingAChain) {
    const Finding f = run_rule("body-single-cert",
                               load_bytes(read_file(fixture("leaf.pem")) + read_file(fixture("other-root.pem"))));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("2 certificates"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("full chain"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("reversed"), std::string::npos) << f.message;
}

TEST(BodySingleCert, CountsACertificateBlockThatDoesNotParse) {
    const Finding f = run_rule("body-single-cert",
                               load_bytes(read_file(fixture("leaf.pem")) + read_file(fixture("leaf-bad-base64.pem"))));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("2 certificates"), std::string::npos) << f.message;
}

TEST(BodySingleCert, FailsWhenTheBodyHoldsNoCertificate) {
    for (const char* name : {"empty.pem", "csr.pem", "garbage.bin", "leaf-pub.pem"}) {
        const Finding f = run_rule("body-single-cert", load(fixture(name)));
        EXPECT_EQ(f.status, Status::Error) << name;
        EXPECT_NE(f.message.find("no certificate"), std::string::npos) << name << ": " << f.message;
    }
}

TEST(BodySingleCert, FailsOnTheRealCryptographyIoChainFile) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const Finding f = run_rule("body-single-cert", load(corpus("pyca-cryptography-vectors/x509/cryptography.io.chain.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("2 certificates"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("full chain"), std::string::npos) << f.message;
}

TEST(BodySingleCert, AlwaysApplies) {
    // Like body-pem, there is no not-applicable case: even an empty body is judged.
    EXPECT_NE(run_rule("body-single-cert", load_bytes("")).status, Status::NotApplicable);
    EXPECT_NE(run_rule("body-single-cert", load(fixture("leaf.der"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
