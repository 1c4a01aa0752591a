// Key loading: every format is recognised by label and shape, nothing is decrypted.
#include <openssl/pem.h>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

// Copies out the facts of the one key, so the Material may be a temporary.
struct KeyFacts {
    KeyFormat format;
    std::string algorithm;
    int bits;
    bool encrypted;
    bool parsed;
    std::optional<std::string> problem;
};

KeyFacts only_key(const Material& m) {
    EXPECT_EQ(m.keys.size(), 1u);
    const PrivateKey& k = m.keys.at(0);
    return {k.format, k.algorithm, k.bits, k.encrypted, k.pkey != nullptr, k.problem};
}

TEST(Keys, Pkcs1AndPkcs8Rsa) {
    const Material a = load(fixture("leaf.pem"), fixture("leaf.key"));
    const KeyFacts k1 = only_key(a);
    EXPECT_EQ(k1.format, KeyFormat::Pkcs1Rsa);
    EXPECT_EQ(k1.algorithm, "RSA");
    EXPECT_EQ(k1.bits, 2048);
    EXPECT_NE(a.usable_key(), nullptr);

    const Material b = load(fixture("leaf.pem"), fixture("leaf-pkcs8.key"));
    EXPECT_EQ(only_key(b).format, KeyFormat::Pkcs8);
    EXPECT_EQ(only_key(b).algorithm, "RSA");
}

TEST(Keys, EcDsaEd25519) {
    EXPECT_EQ(only_key(load(fixture("ec-leaf.pem"), fixture("ec-leaf.key"))).algorithm, "EC");
    EXPECT_EQ(only_key(load(fixture("ec-leaf.pem"), fixture("ec-leaf.key"))).format, KeyFormat::Sec1Ec);
    EXPECT_EQ(only_key(load(fixture("leaf.pem"), fixture("dsa.key"))).algorithm, "DSA");
    EXPECT_EQ(only_key(load(fixture("leaf.pem"), fixture("ed25519.key"))).algorithm, "ED25519");
}

TEST(Keys, EncryptedKeysAreRecognisedNotDecrypted) {
    const KeyFacts legacy = only_key(load(fixture("leaf.pem"), fixture("leaf-enc-legacy.key")));
    EXPECT_TRUE(legacy.encrypted);
    EXPECT_EQ(legacy.format, KeyFormat::LegacyEncrypted);
    EXPECT_EQ(legacy.algorithm, "RSA");
    EXPECT_FALSE(legacy.parsed);
    EXPECT_FALSE(legacy.problem.has_value());

    const KeyFacts p8 = only_key(load(fixture("leaf.pem"), fixture("leaf-enc-pkcs8.key")));
    EXPECT_TRUE(p8.encrypted);
    EXPECT_EQ(p8.format, KeyFormat::Pkcs8Encrypted);
    EXPECT_FALSE(p8.parsed);
}

TEST(Keys, DerKey) {
    const KeyFacts k = only_key(load(fixture("leaf.pem"), fixture("leaf-key.der")));
    EXPECT_EQ(k.format, KeyFormat::Der);
    EXPECT_EQ(k.algorithm, "RSA");
    EXPECT_TRUE(k.parsed);
}

TEST(Keys, LabelThatLiesIsAProblem) {
    // A PKCS#8 body under an RSA PRIVATE KEY label: OpenSSL would accept it, IAM's parsers need not.
    std::string pem = read_file(fixture("leaf-pkcs8.key"));
    for (const std::string_view from : {"BEGIN PRIVATE KEY", "END PRIVATE KEY"}) {
        const auto pos = pem.find(from);
        pem.replace(pos, from.size(), std::string{from.substr(0, 3) == "BEG" ? "BEGIN RSA PRIVATE KEY" : "END RSA PRIVATE KEY"});
    }
    const Material m = load_bytes(read_file(fixture("leaf.pem")), pem);
    const KeyFacts k = only_key(m);
    EXPECT_FALSE(k.parsed);
    ASSERT_TRUE(k.problem.has_value());
    EXPECT_NE(k.problem->find("PKCS#8"), std::string::npos) << *k.problem;
}

TEST(Keys, MalformedDekInfo) {
    std::string pem = read_file(fixture("leaf-enc-legacy.key"));
    const auto pos = pem.find("DEK-Info:");
    const auto eol = pem.find('\n', pos);
    pem.replace(pos, eol - pos, "DEK-Info: AES-256-CBC,XYZ");
    const KeyFacts k = only_key(load_bytes(read_file(fixture("leaf.pem")), pem));
    EXPECT_TRUE(k.encrypted);
    ASSERT_TRUE(k.problem.has_value());
    EXPECT_NE(k.problem->find("DEK-Info"), std::string::npos);
}

TEST(Keys, TwoKeysAreBothFoundAndNoneIsUsable) {
    const Material m = load(fixture("leaf.pem"), fixture("two-keys.key"));
    EXPECT_EQ(m.keys.size(), 2u);
    EXPECT_EQ(m.usable_key(), nullptr);
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(Keys, RefusingPassphraseCallbackNeverPrompts) {
    // The callback certcheck hands to any OpenSSL call that could ask for a passphrase.
    const std::string pem = read_file(fixture("leaf-enc-legacy.key"));
    ossl::BioPtr bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    ossl::clear_errors();
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, ossl::refuse_passphrase, nullptr);
    EXPECT_EQ(key, nullptr);
    EVP_PKEY_free(key);
    const std::string why = ossl::drain_errors();
    EXPECT_FALSE(why.empty());
    EXPECT_EQ(why.find("unknown OpenSSL error"), std::string::npos) << why;
    EXPECT_EQ(ossl::drain_errors("empty"), "empty");  // the queue was drained
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(Keys, RsaKeyWithABogusPrimeDoesNotLoad) {
    if (!corpora_available()) GTEST_SKIP() << "../shared/corpora not present";
    // Syntactically fine PKCS#1 with q = 2: OpenSSL reads it, but it is no usable key.
    const Material m = load(fixture("leaf.pem"), corpus("pyca-cryptography-vectors/asymmetric/PEM_Serialization/rsa-bad-1025-q-is-2.pem"));
    const KeyFacts k = only_key(m);
    EXPECT_FALSE(k.parsed);
    ASSERT_TRUE(k.problem.has_value());
    EXPECT_NE(k.problem->find("invalid"), std::string::npos) << *k.problem;
    EXPECT_EQ(m.usable_key(), nullptr);
}

TEST(Keys, EncryptedOpenSshKeyIsMarkedEncrypted) {
    if (!corpora_available()) GTEST_SKIP() << "../shared/corpora not present";
    const std::string dir = "pyca-cryptography-vectors/asymmetric/OpenSSH/";
    EXPECT_TRUE(only_key(load(fixture("leaf.pem"), corpus(dir + "rsa-psw.key"))).encrypted);
    EXPECT_FALSE(only_key(load(fixture("leaf.pem"), corpus(dir + "rsa-nopsw.key"))).encrypted);
}

}  // namespace
}  // namespace certcheck::test
