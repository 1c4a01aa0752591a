// key-unencrypted: pass (a plain key), fail (legacy Proc-Type encryption, ENCRYPTED PRIVATE KEY,
// encrypted DER, an encrypted key anywhere in the file, broken encryption headers), and
// not-applicable (no key file, or no private key in it). Never quotes the key.
#include <gtest/gtest.h>

#include <string>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding key_unencrypted(const std::string& key_path) {
    return run_rule("key-unencrypted", load(fixture("leaf.pem"), key_path));
}

TEST(KeyUnencrypted, PassesOnPlainKeys) {
    for (const char* name : {"leaf.key", "leaf-pkcs8.key", "ec-leaf.key", "ed25519.key", "leaf-key.der"}) {
        const Finding f = key_unencrypted(fixture(name));
        EXPECT_EQ(f.status, Status::Pass) << name << ": " << f.message;
        EXPECT_FALSE(f.hint.has_value()) << name;
    }
}

TEST(KeyUnencrypted, FailsOnLegacyProcTypeEncryption) {
    const std::string path = fixture("leaf-enc-legacy.key");
    const Finding f = key_unencrypted(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("encrypted"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("Proc-Type: 4,ENCRYPTED"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("at line 1"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("openssl rsa -in " + path), std::string::npos) << *f.hint;
    EXPECT_NE(f.hint->find("-traditional"), std::string::npos) << *f.hint;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyUnencrypted, FailsOnEncryptedPkcs8) {
    const std::string path = fixture("leaf-enc-pkcs8.key");
    const Finding f = key_unencrypted(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("ENCRYPTED PRIVATE KEY"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    expect_no_key_material(f, read_file(path));
}

TEST(KeyUnencrypted, FailsOnAnEncryptedKeyAfterAPlainOne) {
    const std::string enc = read_file(fixture("leaf-enc-legacy.key"));
    const Finding f = run_rule("key-unencrypted",
                               load_bytes(read_file(fixture("leaf.pem")), read_file(fixture("leaf.key")) + enc));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("at line 28"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 28);
    expect_no_key_material(f, enc);
}

TEST(KeyUnencrypted, FailsOnEncryptedCorpusKeysIncludingBrokenHeadersAndDer) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string dir = "pyca-cryptography-vectors/asymmetric/";
    for (const char* rel : {"PEM_Serialization/rsa_private_key.pem", "Traditional_OpenSSL_Serialization/key1.pem",
                            "Traditional_OpenSSL_Serialization/key1-malformed-iv.pem",
                            "PKCS8/enc-rsa-pkcs8.pem", "PKCS8/bad-encryption-oid.pem",
                            "PEM_Serialization/ec_private_key_encrypted.pem", "DER_Serialization/enc-rsa-pkcs8.der"}) {
        const Finding f = key_unencrypted(corpus(dir + rel));
        EXPECT_EQ(f.status, Status::Error) << rel << ": " << f.message;
        EXPECT_NE(f.message.find("encrypted"), std::string::npos) << rel << ": " << f.message;
    }
    const Finding no_dek = key_unencrypted(corpus(dir + "Traditional_OpenSSL_Serialization/key1-no-dek-info.pem"));
    EXPECT_EQ(no_dek.status, Status::Error);
    EXPECT_NE(no_dek.message.find("DEK-Info"), std::string::npos) << no_dek.message;
    expect_no_key_material(no_dek, read_file(corpus(dir + "Traditional_OpenSSL_Serialization/key1-no-dek-info.pem")));
}

TEST(KeyUnencrypted, NotApplicableWithoutAPrivateKey) {
    EXPECT_EQ(run_rule("key-unencrypted", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    for (const char* name : {"key-is-cert.key", "leaf-pub.pem", "empty.pem", "garbage.bin"}) {
        const Finding f = key_unencrypted(fixture(name));
        EXPECT_EQ(f.status, Status::NotApplicable) << name << ": " << f.message;
    }
}

}  // namespace
}  // namespace certcheck::test
