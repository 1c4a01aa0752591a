// body-signature-algorithm: pass (SHA-256 body and chain; a weak self-signed root is not judged),
// warn (MD5, SHA-1 or MD2 on the body or on a chain certificate, naming which one and where),
// and not-applicable (no readable body certificate).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

TEST(BodySignatureAlgorithm, PassesOnSha256BodyAndChain) {
    const Finding f = run_rule("body-signature-algorithm", load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("sha256WithRSAEncryption"), std::string::npos) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    EXPECT_EQ(run_rule("body-signature-algorithm", load(fixture("ec-leaf.pem"))).status, Status::Pass);
}

TEST(BodySignatureAlgorithm, WarnsOnASha1Body) {
    const Finding f = run_rule("body-signature-algorithm", load(fixture("sha1-leaf.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("sha1WithRSAEncryption"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("CN=sha1.example.com"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.file.has_value());
    EXPECT_NE(f.file->find("sha1-leaf.pem"), std::string::npos) << *f.file;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("SHA-256"), std::string::npos) << *f.hint;
}

TEST(BodySignatureAlgorithm, WarnsOnAnMd5Body) {
    const Finding f = run_rule("body-signature-algorithm", load(fixture("md5-leaf.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("md5WithRSAEncryption"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("CN=md5.example.com"), std::string::npos) << f.message;
}

TEST(BodySignatureAlgorithm, WarnsOnASha1IntermediateInTheChain) {
    const Finding f = run_rule("body-signature-algorithm",
                               load(fixture("leaf.pem"), std::nullopt, fixture("chain-sha1-inter.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("chain[0]"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("CN=certcheck Test Intermediate CA"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("sha1WithRSAEncryption"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.file.has_value());
    EXPECT_NE(f.file->find("chain-sha1-inter.pem"), std::string::npos) << *f.file;
}

TEST(BodySignatureAlgorithm, NamesTheIndexAndLineOfALaterWeakChainCertificate) {
    const std::string root = read_file(fixture("root-ca.pem"));
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt, root + read_file(fixture("sha1-inter.pem")));
    const Finding f = run_rule("body-signature-algorithm", m);
    EXPECT_EQ(f.status, Status::Warn);
    const int line = line_count(root) + 1;
    EXPECT_NE(f.message.find("chain[1]"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("line " + std::to_string(line)), std::string::npos) << f.message;
    EXPECT_EQ(f.line, line);
}

TEST(BodySignatureAlgorithm, DoesNotJudgeASelfSignedRootsOwnSignature) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    // ACCVRAIZ1 is a self-signed root signed with sha1WithRSAEncryption.
    const Finding f = run_rule("body-signature-algorithm",
                               load(fixture("leaf.pem"), std::nullopt, corpus("pyca-cryptography-vectors/x509/accvraiz1.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

TEST(BodySignatureAlgorithm, WarnsOnAnMd2Body) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const Finding f = run_rule("body-signature-algorithm", load(corpus("pyca-cryptography-vectors/x509/verisign_md2_root.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("md2WithRSAEncryption"), std::string::npos) << f.message;
}

TEST(BodySignatureAlgorithm, NotApplicableWithoutAReadableBodyCertificate) {
    for (const char* name : {"empty.pem", "garbage.bin", "leaf-bad-base64.pem"}) {
        const Finding f = run_rule("body-signature-algorithm", load(fixture(name), std::nullopt, fixture("chain-sha1-inter.pem")));
        EXPECT_EQ(f.status, Status::NotApplicable) << name << ": " << f.message;
    }
}

}  // namespace
}  // namespace certcheck::test
