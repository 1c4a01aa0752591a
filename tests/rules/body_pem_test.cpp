// body-pem: pass, fail (each way a body is not clean PEM), and "always applies".
#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(BodyPem, PassesOnAPlainPemCertificate) {
    const Finding f = run_rule("body-pem", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
}

TEST(BodyPem, FailsOnDerNamingTheFormat) {
    const Finding f = run_rule("body-pem", load(fixture("leaf.der")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("DER"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("openssl x509 -inform DER"), std::string::npos) << *f.hint;
}

TEST(BodyPem, FailsOnPkcs7AndPkcs12) {
    EXPECT_EQ(run_rule("body-pem", load(fixture("leaf.p7b"))).status, Status::Error);
    EXPECT_EQ(run_rule("body-pem", load(fixture("leaf-p7b.der"))).status, Status::Error);
    const Finding p12 = run_rule("body-pem", load(fixture("leaf.p12")));
    EXPECT_EQ(p12.status, Status::Error);
    EXPECT_NE(p12.message.find("PKCS#12"), std::string::npos) << p12.message;
}

TEST(BodyPem, FailsOnBagAttributesWithTheLine) {
    const Finding f = run_rule("body-pem", load(fixture("leaf-bag-attributes.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_NE(f.message.find("Bag Attributes"), std::string::npos) << f.message;
}

TEST(BodyPem, FailsOnTextGluedBeforeTheBeginLineButStillReadsTheBlock) {
    // "subject=...-----BEGIN CERTIFICATE-----" on one line: one finding for the text, and the
    // certificate is read (before, the whole block was stray text and the body "held no certificate").
    const Material m = load(fixture("leaf-glued-text.pem"));
    const Finding f = run_rule("body-pem", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_NE(f.message.find("line 1: "), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("outside the PEM blocks"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("more problem"), std::string::npos) << f.message;
    ASSERT_NE(m.leaf(), nullptr);
    EXPECT_EQ(run_rule("body-single-cert", m).status, Status::Pass);
}

TEST(BodyPem, FailsOnTextDump) {
    const Finding f = run_rule("body-pem", load(fixture("leaf-text-dump.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("openssl x509 -text"), std::string::npos) << f.message;
}

TEST(BodyPem, FailsOnBadBase64AndMissingEnd) {
    const Finding bad = run_rule("body-pem", load(fixture("leaf-bad-base64.pem")));
    EXPECT_EQ(bad.status, Status::Error);
    EXPECT_EQ(bad.line, 1);
    EXPECT_NE(bad.message.find("line 4 is not base64"), std::string::npos) << bad.message;
    const Finding no_end = run_rule("body-pem", load(fixture("leaf-no-end.pem")));
    EXPECT_EQ(no_end.status, Status::Error);
    EXPECT_NE(no_end.message.find("no END line"), std::string::npos) << no_end.message;
}

TEST(BodyPem, FailsOnAKeyInTheBodyWithoutQuotingIt) {
    const Finding f = run_rule("body-pem", load(fixture("leaf-with-key.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("private key (RSA PRIVATE KEY)"), std::string::npos) << f.message;
    const std::string key = read_file(fixture("leaf.key"));
    const std::string base64_line = key.substr(key.find('\n') + 1, 64);
    EXPECT_EQ(f.message.find(base64_line), std::string::npos);
}

TEST(BodyPem, FailsOnEmptyCsrAndGarbage) {
    EXPECT_EQ(run_rule("body-pem", load(fixture("empty.pem"))).status, Status::Error);
    const Finding csr = run_rule("body-pem", load(fixture("csr.pem")));
    EXPECT_EQ(csr.status, Status::Error);
    EXPECT_NE(csr.message.find("certificate signing request"), std::string::npos) << csr.message;
    EXPECT_EQ(run_rule("body-pem", load(fixture("garbage.bin"))).status, Status::Error);
}

TEST(BodyPem, AlwaysApplies) {
    // body-pem has no not-applicable case: even an empty body is judged.
    EXPECT_NE(run_rule("body-pem", load_bytes("")).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(BodyPem, IndentedBase64IsAcceptedAsOpenSslDoes) {
    const Finding f = run_rule("body-pem", load(fixture("leaf-tab-indented.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

}  // namespace
}  // namespace certcheck::test
