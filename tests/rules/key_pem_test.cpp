// key-pem: pass (one private-key block that parses, whatever its type), fail (a certificate, a
// public key, two keys, DER, PKCS#12, corrupt base64, missing END, a label that lies, OpenSSH,
// extra blocks or text, empty or binary files), and not-applicable (no --key). Never quotes the key.
#include <gtest/gtest.h>

#include <string>

#include "support/forge.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding key_pem(const std::string& key_path) { return run_rule("key-pem", load(fixture("leaf.pem"), key_path)); }
Finding key_pem_bytes(std::string key) {
    return run_rule("key-pem", load_bytes(read_file(fixture("leaf.pem")), std::move(key)));
}

TEST(KeyPem, PassesOnOnePkcs1Key) {
    const Finding f = key_pem(fixture("leaf.key"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("one RSA PRIVATE KEY block at line 1"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    EXPECT_FALSE(f.hint.has_value());
    expect_no_key_material(f, read_file(fixture("leaf.key")));
}

TEST(KeyPem, PassesOnOtherParsableKeyTypesAndLineEndings) {
    // The key's type and form are key-rsa-pkcs1's business; key-pem only asks for one parsable block.
    for (const char* name : {"leaf-pkcs8.key", "leaf-crlf.key", "ec-leaf.key", "ec-leaf-pkcs8.key", "ed25519.key", "dsa.key"}) {
        const Finding f = key_pem(fixture(name));
        EXPECT_EQ(f.status, Status::Pass) << name << ": " << f.message;
    }
}

TEST(KeyPem, PassesOnAnEncryptedKeyLeavingItToKeyUnencrypted) {
    const Finding f = key_pem(fixture("leaf-enc-legacy.key"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("key-unencrypted"), std::string::npos) << f.message;
    EXPECT_EQ(key_pem(fixture("leaf-enc-pkcs8.key")).status, Status::Pass);
}

TEST(KeyPem, FailsOnACertificateInTheKeySlot) {
    const Finding f = key_pem(fixture("key-is-cert.key"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("a certificate, not a private key"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("--cert"), std::string::npos) << *f.hint;
}

TEST(KeyPem, FailsOnAPublicKey) {
    const Finding f = key_pem(fixture("leaf-pub.pem"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("public key (PUBLIC KEY)"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    expect_no_key_material(f, read_file(fixture("leaf-pub.pem")));
}

TEST(KeyPem, FailsOnTwoKeysNamingBothLines) {
    const Finding f = key_pem(fixture("two-keys.key"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("2 private-key blocks (lines 1 and 28)"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 28);
    ASSERT_TRUE(f.hint.has_value());
    expect_no_key_material(f, read_file(fixture("two-keys.key")));
}

TEST(KeyPem, FailsOnADerKeyWithAConvertHint) {
    const Finding f = key_pem(fixture("leaf-key.der"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("DER"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("-inform DER"), std::string::npos) << *f.hint;
}

TEST(KeyPem, FailsOnPkcs12) {
    const Finding f = key_pem(fixture("leaf.p12"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("PKCS#12"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("openssl pkcs12"), std::string::npos) << *f.hint;
}

TEST(KeyPem, FailsOnCorruptBase64NamingTheLine) {
    std::string key = read_file(fixture("leaf.key"));
    // Line 5 (the 4th base64 line): replace its 10th character with '!'.
    std::size_t pos = 0;
    for (int i = 1; i < 5; ++i) pos = key.find('\n', pos) + 1;
    key[pos + 9] = '!';
    const Finding f = key_pem_bytes(key);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("does not parse"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("line 5 is not base64"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    expect_no_key_material(f, key);
}

TEST(KeyPem, FailsOnAMissingEndLine) {
    std::string key = read_file(fixture("leaf.key"));
    key.erase(key.find("-----END"));
    const Finding f = key_pem_bytes(key);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("END"), std::string::npos) << f.message;
    expect_no_key_material(f, key);
}

TEST(KeyPem, FailsOnABlockThatDoesNotDecodeAsAKey) {
    // A valid base64 body that is not an RSAPrivateKey: the leaf certificate under an RSA key label.
    std::string cert = read_file(fixture("leaf.pem"));
    const std::string begin = "-----BEGIN CERTIFICATE-----";
    const std::string end = "-----END CERTIFICATE-----";
    cert.replace(cert.find(begin), begin.size(), "-----BEGIN RSA PRIVATE KEY-----");
    cert.replace(cert.find(end), end.size(), "-----END RSA PRIVATE KEY-----");
    const Finding f = key_pem_bytes(cert);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("RSA PRIVATE KEY block at line 1 does not parse"), std::string::npos) << f.message;
    expect_no_key_material(f, cert);
}

TEST(KeyPem, FailsOnAPkcs8BodyUnderAPkcs1Label) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string path = corpus("pyca-cryptography-vectors/asymmetric/PKCS8/wrong-pem-delimiter-rsa.pem");
    const Finding f = key_pem(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("PKCS#8"), std::string::npos) << f.message;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyPem, FailsOnAnOpenSshKeyWithAConvertHint) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const std::string path = corpus("pyca-cryptography-vectors/asymmetric/OpenSSH/rsa-nopsw.key");
    const Finding f = key_pem(path);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("OpenSSH"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("ssh-keygen"), std::string::npos) << *f.hint;
    expect_no_key_material(f, read_file(path));
}

TEST(KeyPem, FailsOnACertificateBesideTheKey) {
    const Finding f = key_pem(fixture("leaf-with-key.pem"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("line 1: a 'CERTIFICATE' block beside the private key"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    expect_no_key_material(f, read_file(fixture("leaf.key")));
}

TEST(KeyPem, FailsOnTextOutsideTheBlockWithoutQuotingIt) {
    const std::string key = read_file(fixture("leaf.key"));
    const Finding f = key_pem_bytes(key + "secret passphrase is hunter2\n");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 28);
    EXPECT_NE(f.message.find("outside the PEM block"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("hunter2"), std::string::npos) << f.message;
    expect_no_key_material(f, key);
}

TEST(KeyPem, FailsOnEmptyBinaryAndTextFiles) {
    const Finding empty = key_pem(fixture("empty.pem"));
    EXPECT_EQ(empty.status, Status::Error);
    EXPECT_NE(empty.message.find("empty"), std::string::npos) << empty.message;
    const Finding binary = key_pem(fixture("garbage.bin"));
    EXPECT_EQ(binary.status, Status::Error);
    EXPECT_NE(binary.message.find("binary"), std::string::npos) << binary.message;
    const Finding text = key_pem_bytes("just some text\n");
    EXPECT_EQ(text.status, Status::Error);
    EXPECT_NE(text.message.find("no PEM block"), std::string::npos) << text.message;
}

TEST(KeyPem, FailsOnAnRsaKeyWhoseFactorIsNotPrime) {
    // p is the product of two primes and n = p*q: OpenSSL parses it, `openssl pkey -check` refuses it.
    const std::string key = forge::bad_rsa_private_pem(2048, true);
    const Finding f = key_pem_bytes(key);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_NE(f.message.find("its first factor (p) is not prime"), std::string::npos) << f.message;
    expect_no_key_material(f, key);
}

TEST(KeyPem, FailsOnAnRsaKeyWhoseFactorsDoNotMakeItsModulus) {
    const std::string key = forge::bad_rsa_private_pem(2048, false);  // n = p*q + 2
    const Finding f = key_pem_bytes(key);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_NE(f.message.find("the modulus is not the product of its two factors"), std::string::npos) << f.message;
    expect_no_key_material(f, key);
}

TEST(KeyPem, NotApplicableWithoutAKey) {
    const Finding f = run_rule("key-pem", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_NE(f.message.find("no --key"), std::string::npos) << f.message;
}

}  // namespace
}  // namespace certcheck::test
