// key-matches-cert: pass (the key of the body's public key, in any readable form), fail (another
// key of the same or another type), and not-applicable (no usable key, no body certificate, or a
// certificate key OpenSSL cannot compare). Never quotes the key.
#include <gtest/gtest.h>

#include <string>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding matches(const std::string& cert, const std::string& key) {
    return run_rule("key-matches-cert", load(fixture(cert), fixture(key)));
}

TEST(KeyMatchesCert, PassesOnTheCertificatesOwnKey) {
    const Finding f = matches("leaf.pem", "leaf.key");
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("CN=www.example.com"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    EXPECT_FALSE(f.hint.has_value());
    expect_no_key_material(f, read_file(fixture("leaf.key")));
}

TEST(KeyMatchesCert, PassesOnTheSameKeyInOtherFormsAndTypes) {
    EXPECT_EQ(matches("leaf.pem", "leaf-pkcs8.key").status, Status::Pass);
    EXPECT_EQ(matches("leaf.pem", "leaf-key.der").status, Status::Pass);
    EXPECT_EQ(matches("leaf.pem", "leaf-crlf.key").status, Status::Pass);
    EXPECT_EQ(matches("ec-leaf.pem", "ec-leaf.key").status, Status::Pass);
    EXPECT_EQ(matches("ec-leaf.pem", "ec-leaf-pkcs8.key").status, Status::Pass);
    EXPECT_EQ(matches("rsa4096-leaf.pem", "rsa4096-leaf.key").status, Status::Pass);
}

TEST(KeyMatchesCert, FailsOnAnotherRsaKey) {
    const Finding f = matches("leaf.pem", "other.key");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("does not belong to CN=www.example.com"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("public keys differ"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("KeyPairMismatch"), std::string::npos) << *f.hint;
    expect_no_key_material(f, read_file(fixture("other.key")));
}

TEST(KeyMatchesCert, FailsOnTheKeyOfAnotherCertificate) {
    EXPECT_EQ(matches("leaf.pem", "rsa4096-leaf.key").status, Status::Error);
    EXPECT_EQ(matches("rsa1024-leaf.pem", "leaf.key").status, Status::Error);
    EXPECT_EQ(matches("soon.pem", "leaf.key").status, Status::Error);
}

TEST(KeyMatchesCert, FailsOnAKeyOfAnotherTypeNamingBoth) {
    const Finding f = matches("leaf.pem", "ec-leaf.key");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("EC"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("RSA 2048"), std::string::npos) << f.message;
    expect_no_key_material(f, read_file(fixture("ec-leaf.key")));
    EXPECT_EQ(matches("ec-leaf.pem", "leaf.key").status, Status::Error);
    EXPECT_EQ(matches("leaf.pem", "ed25519.key").status, Status::Error);
    EXPECT_EQ(matches("leaf.pem", "dsa.key").status, Status::Error);
}

TEST(KeyMatchesCert, JudgesTheFirstBodyCertificate) {
    // A full chain in the body is body-single-cert's business; the key is compared with the leaf.
    EXPECT_EQ(matches("fullchain.pem", "leaf.key").status, Status::Pass);
    EXPECT_EQ(matches("fullchain.pem", "inter-ca.key").status, Status::Error);
}

TEST(KeyMatchesCert, CorpusPairs) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string a = "pyca-cryptography-vectors/asymmetric/";
    const std::string x = "pyca-cryptography-vectors/x509/";
    const auto status = [](const std::string& cert, const std::string& key) {
        return run_rule("key-matches-cert", load(corpus(cert), corpus(key))).status;
    };
    EXPECT_EQ(status(x + "v1_cert.pem", a + "Traditional_OpenSSL_Serialization/testrsa.pem"), Status::Pass);
    EXPECT_EQ(status(x + "v1_cert.pem", a + "DER_Serialization/testrsa.der"), Status::Pass);
    EXPECT_EQ(status(x + "custom/rsa_pss_cert.pem", a + "PKCS8/rsa_pss_2048.pem"), Status::Pass);
    EXPECT_EQ(status(x + "custom/ca/rsa_ca.pem", x + "custom/ca/rsa_key.pem"), Status::Pass);
    EXPECT_EQ(status(x + "custom/ca/ca.pem", x + "custom/ca/ca_key.pem"), Status::Pass);
    EXPECT_EQ(status(x + "custom/ca/rsa_ca.pem", x + "custom/ca/ca_key.pem"), Status::Error);
}

TEST(KeyMatchesCert, NotApplicableWhenTheCertificateKeyCannotBeCompared) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const Finding f = run_rule("key-matches-cert",
                               load(corpus("pyca-cryptography-vectors/x509/custom/unsupported_subject_public_key_info.pem"),
                                    fixture("leaf.key")));
    EXPECT_EQ(f.status, Status::NotApplicable) << f.message;
    EXPECT_NE(f.message.find("not supported"), std::string::npos) << f.message;
}

TEST(KeyMatchesCert, NotApplicableWithoutAUsableKeyOrABodyCertificate) {
    EXPECT_EQ(run_rule("key-matches-cert", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    for (const char* name : {"two-keys.key", "leaf-enc-legacy.key", "leaf-enc-pkcs8.key", "key-is-cert.key", "leaf-pub.pem"}) {
        const Finding f = matches("leaf.pem", name);
        EXPECT_EQ(f.status, Status::NotApplicable) << name << ": " << f.message;
    }
    for (const char* body : {"empty.pem", "leaf-bad-base64.pem", "csr.pem"}) {
        const Finding f = matches(body, "leaf.key");
        EXPECT_EQ(f.status, Status::NotApplicable) << body << ": " << f.message;
    }
}

}  // namespace
}  // namespace certcheck::test
