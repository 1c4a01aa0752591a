// read_contents: every container, and passphrases asked for only through the given source.
#include <gtest/gtest.h>

#include "load/contents.hpp"
#include "certcheck/load.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Contents read(const std::string& name, const PassphraseSource* source = nullptr) {
    return read_contents(read_input(Slot::Body, fixture(name)), source);
}

TEST(Contents, PemCertificatesAndKeys) {
    const Contents c = read("leaf-with-key.pem");
    EXPECT_EQ(c.container, Container::Pem);
    ASSERT_EQ(c.certs.size(), 1u);
    ASSERT_EQ(c.keys.size(), 1u);
    EXPECT_EQ(c.keys[0].format, KeyFormat::Pkcs1Rsa);
    EXPECT_TRUE(c.keys[0].pkey);
    EXPECT_TRUE(c.problems.empty());
}

TEST(Contents, Pkcs7PemAndDer) {
    EXPECT_EQ(read("leaf.p7b").certs.size(), 3u);
    const Contents der = read("leaf-p7b.der");
    EXPECT_EQ(der.container, Container::Pkcs7);
    ASSERT_EQ(der.certs.size(), 3u);
    EXPECT_EQ(der.certs[0].label, "CN=www.example.com");
}

TEST(Contents, EncryptedKeyStaysLockedWithoutASource) {
    const Contents c = read("leaf-enc-legacy.key");
    ASSERT_EQ(c.keys.size(), 1u);
    EXPECT_TRUE(c.keys[0].encrypted);
    EXPECT_FALSE(c.keys[0].pkey);
    EXPECT_TRUE(c.needs_passphrase);
}

TEST(Contents, SourceIsAskedOnceAndItsAnswerDecrypts) {
    int asked = 0;
    std::string what;
    const PassphraseSource source = [&](const std::string& w) -> std::optional<std::string> {
        ++asked;
        what = w;
        return std::string{"test"};
    };
    const Contents legacy = read("leaf-enc-legacy.key", &source);
    ASSERT_EQ(legacy.keys.size(), 1u);
    EXPECT_TRUE(legacy.keys[0].pkey);
    EXPECT_EQ(legacy.keys[0].algorithm, "RSA");
    EXPECT_TRUE(legacy.decrypted);
    EXPECT_EQ(asked, 1);
    EXPECT_TRUE(has(what, "leaf-enc-legacy.key"));

    const Contents p12 = read("leaf.p12", &source);
    EXPECT_EQ(p12.container, Container::Pkcs12);
    EXPECT_EQ(p12.certs.size(), 3u);
    ASSERT_EQ(p12.keys.size(), 1u);
    EXPECT_TRUE(p12.keys[0].pkey);
    EXPECT_EQ(asked, 2);
}

TEST(Contents, WrongPassphraseAndNoAnswer) {
    const PassphraseSource wrong = [](const std::string&) -> std::optional<std::string> { return std::string{"nope"}; };
    const Contents key = read("leaf-enc-pkcs8.key", &wrong);
    ASSERT_EQ(key.keys.size(), 1u);
    EXPECT_FALSE(key.keys[0].pkey);
    EXPECT_TRUE(has(key.keys[0].problem.value_or(""), "the passphrase does not decrypt it"));
    EXPECT_TRUE(read("leaf.p12", &wrong).certs.empty());

    const PassphraseSource none = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    const Contents p12 = read("leaf.p12", &none);
    EXPECT_TRUE(p12.needs_passphrase);
    EXPECT_TRUE(p12.certs.empty());
}

TEST(Contents, UnprotectedPkcs12NeedsNoSource) {
    const Contents c = read("leaf-nopass.p12");
    EXPECT_EQ(c.certs.size(), 3u);
    ASSERT_EQ(c.keys.size(), 1u);
    EXPECT_TRUE(c.keys[0].pkey);
    EXPECT_FALSE(c.needs_passphrase);
}

TEST(Contents, OtherObjectsAndGarbage) {
    const Contents csr = read("csr.pem");
    ASSERT_EQ(csr.others.size(), 1u);
    EXPECT_EQ(csr.others[0].what, "CERTIFICATE REQUEST");
    EXPECT_FALSE(read("garbage.bin").problems.empty());
    EXPECT_FALSE(read("empty.pem").problems.empty());
}

TEST(Contents, SpkiDigestPairsKeyAndCertificate) {
    const Contents cert = read("leaf.pem");
    const Contents key = read("leaf-pkcs8.key");
    ASSERT_EQ(cert.certs.size(), 1u);
    ASSERT_EQ(key.keys.size(), 1u);
    const std::string a = spki_sha256(X509_get0_pubkey(cert.certs[0].x509.get()));
    EXPECT_EQ(a.size(), 44u);  // base64 of 32 bytes
    EXPECT_EQ(a, spki_sha256(key.keys[0].pkey.get()));
    EXPECT_NE(a, spki_sha256(read("other.key").keys.at(0).pkey.get()));
}

}  // namespace
}  // namespace certcheck::test
