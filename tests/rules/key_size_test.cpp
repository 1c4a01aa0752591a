// key-size: pass (RSA 2048 to 4096 bits, both ends), warn (under 2048, over 4096), and
// not-applicable (no usable key, or not RSA). Never quotes the key.
#include <gtest/gtest.h>

#include <string>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding key_size(const std::string& cert, const std::string& key) {
    return run_rule("key-size", load(fixture(cert), fixture(key)));
}

TEST(KeySize, PassesFrom2048To4096Bits) {
    const Finding f = key_size("leaf.pem", "leaf.key");
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("2048"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    EXPECT_FALSE(f.hint.has_value());
    const Finding big = key_size("rsa4096-leaf.pem", "rsa4096-leaf.key");
    EXPECT_EQ(big.status, Status::Pass) << big.message;
    EXPECT_NE(big.message.find("4096"), std::string::npos) << big.message;
}

TEST(KeySize, JudgesRsaKeysInAnyReadableForm) {
    EXPECT_EQ(key_size("leaf.pem", "leaf-pkcs8.key").status, Status::Pass);
    EXPECT_EQ(key_size("leaf.pem", "leaf-key.der").status, Status::Pass);
}

TEST(KeySize, WarnsUnder2048Bits) {
    const std::string path = fixture("rsa1024-leaf.key");
    const Finding f = run_rule("key-size", load(fixture("rsa1024-leaf.pem"), path));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("1024 bits, under 2048"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("2048"), std::string::npos) << *f.hint;
    expect_no_key_material(f, read_file(path));
}

TEST(KeySize, WarnsOver4096Bits) {
    const std::string path = fixture("rsa6144-leaf.key");
    const Finding f = run_rule("key-size", load(fixture("rsa6144-leaf.pem"), path));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("6144 bits, over 4096"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    expect_no_key_material(f, read_file(path));
}

TEST(KeySize, WarnsOnA512BitCorpusKeyAndJudgesRsaPss) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string dir = "pyca-cryptography-vectors/asymmetric/";
    const Finding tiny = run_rule("key-size", load(corpus("pyca-cryptography-vectors/x509/v1_cert.pem"),
                                                   corpus(dir + "Traditional_OpenSSL_Serialization/testrsa.pem")));
    EXPECT_EQ(tiny.status, Status::Warn);
    EXPECT_NE(tiny.message.find("512 bits"), std::string::npos) << tiny.message;
    const Finding pss = run_rule("key-size", load(fixture("leaf.pem"), corpus(dir + "PKCS8/rsa_pss_2048.pem")));
    EXPECT_EQ(pss.status, Status::Pass) << pss.message;
}

TEST(KeySize, NotApplicableForNonRsaKeys) {
    EXPECT_EQ(key_size("ec-leaf.pem", "ec-leaf.key").status, Status::NotApplicable);
    EXPECT_EQ(key_size("leaf.pem", "ed25519.key").status, Status::NotApplicable);
    EXPECT_EQ(key_size("leaf.pem", "dsa.key").status, Status::NotApplicable);
}

TEST(KeySize, NotApplicableWithoutAUsableKey) {
    EXPECT_EQ(run_rule("key-size", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    for (const char* name : {"two-keys.key", "leaf-enc-legacy.key", "leaf-enc-pkcs8.key", "key-is-cert.key", "empty.pem"}) {
        const Finding f = key_size("leaf.pem", name);
        EXPECT_EQ(f.status, Status::NotApplicable) << name << ": " << f.message;
    }
}

}  // namespace
}  // namespace certcheck::test
