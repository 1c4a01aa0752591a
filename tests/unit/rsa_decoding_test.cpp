// The built-in RSA decoding that the CLI switches on: certificates parse to usable public keys that
// compare, verify and report parameters exactly as provider-decoded ones do.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include "certcheck/openssl.hpp"
#include "scan/classify.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

// Each gtest case runs in its own process under ctest, so switching it on here stays here.
// Built without the ENGINE API (CERTCHECK_NO_ENGINE, OpenSSL 4) the switch says no and the same
// expectations hold for the provider route.
#ifdef OPENSSL_NO_ENGINE
constexpr bool kEngineRoute = false;
#else
constexpr bool kEngineRoute = true;
#endif
class BuiltinRsaDecoding : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(ossl::use_builtin_rsa_public_key_decoding(), kEngineRoute); }
};

TEST_F(BuiltinRsaDecoding, KeysMatchCompareAndVerifyAsBefore) {
    const Material m = load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem"));
    ASSERT_NE(m.leaf(), nullptr);
    ASSERT_NE(m.usable_key(), nullptr);
    EVP_PKEY* pub = X509_get0_pubkey(m.leaf()->x509.get());
    ASSERT_NE(pub, nullptr);
    EXPECT_TRUE(EVP_PKEY_is_a(pub, "RSA"));
    EXPECT_EQ(EVP_PKEY_get_bits(pub), 2048);
    EXPECT_EQ(EVP_PKEY_eq(pub, m.usable_key()->pkey.get()), 1);
    EXPECT_EQ(scan::key_identity(pub), scan::key_identity(m.usable_key()->pkey.get()));

    const Material other = load(fixture("leaf.pem"), fixture("other.key"));
    ASSERT_NE(other.usable_key(), nullptr);
    EXPECT_NE(EVP_PKEY_eq(pub, other.usable_key()->pkey.get()), 1);
    EXPECT_NE(scan::key_identity(pub), scan::key_identity(other.usable_key()->pkey.get()));

    ASSERT_FALSE(m.chain_certs.empty());
    EXPECT_EQ(X509_verify(m.leaf()->x509.get(), X509_get0_pubkey(m.chain_certs.front().x509.get())), 1);
    EXPECT_NE(X509_verify(m.chain_certs.front().x509.get(), pub), 1);
}

TEST_F(BuiltinRsaDecoding, RuleVerdictsAreUnchanged) {
    const Material good = load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem"));
    EXPECT_EQ(run_rule("key-matches-cert", good).status, Status::Pass);
    EXPECT_EQ(run_rule("chain-order", good).status, Status::Pass);
    EXPECT_EQ(run_rule("key-size", good).status, Status::Pass);
    const Material mismatched = load(fixture("leaf.pem"), fixture("other.key"));
    EXPECT_EQ(run_rule("key-matches-cert", mismatched).status, Status::Error);
    const Material reversed = load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-reversed.pem"));
    EXPECT_EQ(run_rule("chain-order", reversed).status, Status::Error);
    const Material small = load(fixture("rsa1024-leaf.pem"), fixture("rsa1024-leaf.key"));
    EXPECT_EQ(run_rule("key-size", small).status, Status::Warn);
    EXPECT_EQ(run_rule("key-matches-cert", small).status, Status::Pass);
}

TEST_F(BuiltinRsaDecoding, OtherAlgorithmsStillDecode) {
    const Material ec = load(fixture("ec-leaf.pem"), fixture("ec-leaf.key"));
    ASSERT_NE(ec.leaf(), nullptr);
    EVP_PKEY* pub = X509_get0_pubkey(ec.leaf()->x509.get());
    ASSERT_NE(pub, nullptr);
    EXPECT_TRUE(EVP_PKEY_is_a(pub, "EC"));
    EXPECT_EQ(run_rule("key-matches-cert", ec).status, Status::Pass);
}

TEST(BuiltinRsaDecodingSwitch, IsIdempotent) {
    EXPECT_EQ(ossl::use_builtin_rsa_public_key_decoding(), kEngineRoute);
    EXPECT_EQ(ossl::use_builtin_rsa_public_key_decoding(), kEngineRoute);
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

const PrivateKey& only(const Material& m) {
    EXPECT_EQ(m.keys.size(), 1U);
    return m.keys.front();
}

// Scan pairs keys with certificates by these identities: read straight from the DER for RSA,
// from the key objects otherwise. Both routes must agree.
TEST(KeyIdentity, RsaModulusFromTheDerMatchesTheCertificate) {
    const Material pkcs1 = load(fixture("leaf.pem"), fixture("leaf.key"));
    const Material pkcs8 = load(fixture("leaf.pem"), fixture("leaf-pkcs8.key"));
    const PrivateKey& k1 = only(pkcs1);
    const PrivateKey& k8 = only(pkcs8);
    EXPECT_EQ(k1.rsa_modulus.size(), 256U);  // 2048 bits, no leading zero
    EXPECT_EQ(k1.rsa_modulus, k8.rsa_modulus);
    X509* leaf = pkcs1.leaf()->x509.get();
    EXPECT_EQ(scan::key_identity(leaf), scan::key_identity(k1));
    EXPECT_EQ(scan::key_identity(leaf), scan::key_identity(k8));
    // The cheap routes give what the key objects give.
    EXPECT_EQ(scan::key_identity(k1), scan::key_identity(k1.pkey.get()));
    EXPECT_EQ(scan::key_identity(leaf), scan::key_identity(X509_get0_pubkey(leaf)));

    const Material other = load(fixture("leaf.pem"), fixture("other.key"));
    EXPECT_NE(scan::key_identity(leaf), scan::key_identity(only(other)));
}

TEST(KeyIdentity, OtherAlgorithmsUseTheKeyObjects) {
    const Material ec = load(fixture("ec-leaf.pem"), fixture("ec-leaf.key"));
    const PrivateKey& k = only(ec);
    EXPECT_TRUE(k.rsa_modulus.empty());
    EXPECT_FALSE(scan::key_identity(k).empty());
    EXPECT_EQ(scan::key_identity(ec.leaf()->x509.get()), scan::key_identity(k));
    EXPECT_NE(scan::key_identity(ec.leaf()->x509.get()), scan::key_identity(only(load(fixture("leaf.pem"), fixture("leaf.key")))));
}

}  // namespace
}  // namespace certcheck::test
