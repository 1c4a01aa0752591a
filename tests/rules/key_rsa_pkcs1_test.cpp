// key-rsa-pkcs1: pass (RSA in BEGIN RSA PRIVATE KEY), fail (PKCS#8 RSA with the -traditional hint,
// DER, EC, Ed25519, DSA, RSA-PSS, OpenSSH), and not-applicable (no key, not exactly one key,
// unreadable, encrypted PKCS#8). Never quotes the key.
#include <gtest/gtest.h>

#include <string>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding key_rsa_pkcs1(const std::string& key_path) {
    return run_rule("key-rsa-pkcs1", load(fixture("leaf.pem"), key_path));
}

TEST(KeyRsaPkcs1, PassesOnPkcs1Rsa) {
    const Finding f = key_rsa_pkcs1(fixture("leaf.key"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("RSA 2048-bit key in PKCS#1 PEM"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    EXPECT_FALSE(f.hint.has_value());
    EXPECT_EQ(key_rsa_pkcs1(fixture("leaf-crlf.key")).status, Status::Pass);
    EXPECT_EQ(key_rsa_pkcs1(fixture("rsa4096-leaf.key")).status, Status::Pass);
}

TEST(KeyRsaPkcs1, PassesOnLegacyEncryptedPkcs1LeavingEncryptionToKeyUnencrypted) {
    const Finding f = key_rsa_pkcs1(fixture("leaf-enc-legacy.key"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("key-unencrypted"), std::string::npos) << f.message;
}

TEST(KeyRsaPkcs1, FailsOnPkcs8RsaWithTheTraditionalHint) {
    const std::string path = fixture("leaf-pkcs8.key");
    const Finding f = key_rsa_pkcs1(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("PKCS#8"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("BEGIN RSA PRIVATE KEY"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("openssl rsa -in " + path), std::string::npos) << *f.hint;
    EXPECT_NE(f.hint->find("-traditional"), std::string::npos) << *f.hint;
    EXPECT_NE(f.hint->find("certcheck fix"), std::string::npos) << *f.hint;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyRsaPkcs1, FailsOnADerRsaKey) {
    const Finding f = key_rsa_pkcs1(fixture("leaf-key.der"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("DER"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("-inform DER"), std::string::npos) << *f.hint;
    EXPECT_NE(f.hint->find("-traditional"), std::string::npos) << *f.hint;
}

TEST(KeyRsaPkcs1, FailsOnEcKeysSayingIamDocumentsRsaOnly) {
    for (const char* name : {"ec-leaf.key", "ec-leaf-pkcs8.key"}) {
        const std::string path = fixture(name);
        const Finding f = run_rule("key-rsa-pkcs1", load(fixture("ec-leaf.pem"), path));
        EXPECT_EQ(f.status, Status::Error) << name;
        EXPECT_NE(f.message.find("EC"), std::string::npos) << name << ": " << f.message;
        EXPECT_NE(f.message.find("RSA keys only"), std::string::npos) << name << ": " << f.message;
        ASSERT_TRUE(f.hint.has_value()) << name;
        EXPECT_NE(f.hint->find("RSA"), std::string::npos) << *f.hint;
        expect_no_key_material(f, read_file(path));
    }
}

TEST(KeyRsaPkcs1, FailsOnEd25519) {
    const std::string path = fixture("ed25519.key");
    const Finding f = key_rsa_pkcs1(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("ED25519"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("RSA keys only"), std::string::npos) << f.message;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyRsaPkcs1, FailsOnDsa) {
    const std::string path = fixture("dsa.key");
    const Finding f = key_rsa_pkcs1(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("DSA"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("RSA keys only"), std::string::npos) << f.message;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyRsaPkcs1, FailsOnCorpusNonRsaKeys) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string dir = "pyca-cryptography-vectors/asymmetric/";
    for (const char* rel : {"PKCS8/unenc-dsa-pkcs8.pem", "Traditional_OpenSSL_Serialization/dsa.2048.pem",
                            "PEM_Serialization/ec_private_key.pem", "PKCS8/ec_private_key.pem",
                            "Ed448/ed448-pkcs8.pem", "X25519/x25519-pkcs8.pem",
                            "PEM_Serialization/ec_private_key_encrypted.pem"}) {
        const Finding f = key_rsa_pkcs1(corpus(dir + rel));
        EXPECT_EQ(f.status, Status::Error) << rel << ": " << f.message;
        EXPECT_NE(f.message.find("RSA keys only"), std::string::npos) << rel << ": " << f.message;
    }
}

TEST(KeyRsaPkcs1, FailsOnAnRsaPssKey) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string path = corpus("pyca-cryptography-vectors/asymmetric/PKCS8/rsa_pss_2048.pem");
    const Finding f = key_rsa_pkcs1(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("RSA-PSS"), std::string::npos) << f.message;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyRsaPkcs1, FailsOnAnOpenSshKey) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string path = corpus("pyca-cryptography-vectors/asymmetric/OpenSSH/rsa-nopsw.key");
    const Finding f = key_rsa_pkcs1(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("OpenSSH"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("ssh-keygen"), std::string::npos) << *f.hint;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyRsaPkcs1, PassesOnATinyButWellFormedPkcs1Key) {
    // Size is key-size's business.
    EXPECT_EQ(key_rsa_pkcs1(fixture("rsa1024-leaf.key")).status, Status::Pass);
}

TEST(KeyRsaPkcs1, NotApplicableWithoutExactlyOneReadableKey) {
    EXPECT_EQ(run_rule("key-rsa-pkcs1", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    for (const char* name : {"two-keys.key", "key-is-cert.key", "leaf-pub.pem", "empty.pem", "leaf-enc-pkcs8.key"}) {
        const Finding f = key_rsa_pkcs1(fixture(name));
        EXPECT_EQ(f.status, Status::NotApplicable) << name << ": " << f.message;
    }
    std::string corrupt = read_file(fixture("leaf.key"));
    corrupt[corrupt.find('\n') + 10] = '!';
    const Finding f = run_rule("key-rsa-pkcs1", load_bytes(read_file(fixture("leaf.pem")), corrupt));
    EXPECT_EQ(f.status, Status::NotApplicable) << f.message;
    EXPECT_NE(f.message.find("key-pem"), std::string::npos) << f.message;
}

TEST(KeyRsaPkcs1, WithTheEcP256ParameterAcceptsSec1AndLeavesTheCurveToCloudfrontKey) {
    // The cloudfront profile's typed parameter (ProfileParams::key_accepts_ec_p256), not its name.
    Context ctx = test_context();
    ctx.params.key_accepts_ec_p256 = true;
    const Finding sec1 = run_rule("key-rsa-pkcs1", load(fixture("ec-leaf.pem"), fixture("ec-leaf.key")), ctx);
    EXPECT_EQ(sec1.status, Status::Pass) << sec1.message;
    const Finding pkcs8 = run_rule("key-rsa-pkcs1", load(fixture("ec-leaf.pem"), fixture("ec-leaf-pkcs8.key")), ctx);
    EXPECT_EQ(pkcs8.status, Status::Error);
    ASSERT_TRUE(pkcs8.hint.has_value());
    EXPECT_NE(pkcs8.hint->find("openssl ec"), std::string::npos) << *pkcs8.hint;
    const Finding p384 = run_rule("key-rsa-pkcs1", load(fixture("profiles/acm-secp384r1.pem"), fixture("profiles/acm-secp384r1.key")), ctx);
    // The curve is cloudfront-key's finding, not this rule's (one cause, one finding).
    EXPECT_EQ(p384.status, Status::Pass) << p384.message;
    EXPECT_NE(p384.message.find("P-384 key in SEC1 PEM (BEGIN EC PRIVATE KEY) (its curve: see cloudfront-key)"), std::string::npos)
        << p384.message;
    EXPECT_EQ(run_rule("key-rsa-pkcs1", load(fixture("leaf.pem"), fixture("leaf.key")), ctx).status, Status::Pass);
    // Without the parameter the same SEC1 key fails.
    EXPECT_EQ(run_rule("key-rsa-pkcs1", load(fixture("ec-leaf.pem"), fixture("ec-leaf.key"))).status, Status::Error);
}

}  // namespace
}  // namespace certcheck::test
