// chain-order: pass, fail (first bad index and an order that works), and not-applicable.
#include <cstddef>
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding chain_order(const std::string& chain_file) {
    return run_rule("chain-order", load(fixture("leaf.pem"), std::nullopt, fixture(chain_file)));
}

Finding cfssl_order(std::initializer_list<const char*> names) {
    return run_rule("chain-order", cfssl_material(names));
}

// leaf.pem with one base64 character of its signature changed: same issuer name, signature no longer verifies.
std::string leaf_with_bad_signature() {
    std::string pem = read_file(fixture("leaf.pem"));
    const std::size_t end = pem.find("-----END");
    const std::size_t last_line = pem.rfind('\n', end - 2) + 1;        // the last base64 line
    const std::size_t prev_line = pem.rfind('\n', last_line - 2) + 1;  // the one before: inside the signature
    char& c = pem[prev_line + 10];
    c = c == 'A' ? 'B' : 'A';
    return pem;
}

TEST(ChainOrder, PassesOnChainsInIssuingOrder) {
    const Finding f = chain_order("chain.pem");
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "each of the 2 chain certificates")) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    const Finding one = chain_order("chain-no-root.pem");
    EXPECT_EQ(one.status, Status::Pass);
    EXPECT_EQ(one.message, "the chain certificate issued the body");  // not "each of the 1 chain certificate"
    // Intermediates re-signed by the root (same subject and key) still issue the body.
    EXPECT_EQ(chain_order("chain-expired-inter.pem").status, Status::Pass);
    EXPECT_EQ(chain_order("chain-sha1-inter.pem").status, Status::Pass);
}

TEST(ChainOrder, FailsOnAReversedChainNamingIndexAndWorkingOrder) {
    const Finding f = chain_order("chain-reversed.pem");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_TRUE(has(f.message, "index 0")) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Root CA")) << f.message;
    EXPECT_TRUE(has(f.message, "did not issue the body")) << f.message;
    EXPECT_TRUE(has(f.message, "chain[1], chain[0]")) << f.message;
    EXPECT_FALSE(has(f.message, "leaving out")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "reorder")) << *f.hint;
}

TEST(ChainOrder, FailsWhenNoChainCertificateIssuedTheBody) {
    const Finding f = chain_order("chain-root-only.pem");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "index 0")) << f.message;
    EXPECT_TRUE(has(f.message, "no certificate in the chain issued the body")) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Intermediate CA")) << f.message;  // the body's issuer
}

TEST(ChainOrder, FailsWhenTheIssuerNameMatchesButTheSignatureDoesNot) {
    const Material m = load_bytes(leaf_with_bad_signature(), std::nullopt, read_file(fixture("chain.pem")));
    ASSERT_NE(m.leaf(), nullptr);
    ASSERT_EQ(m.chain_certs.size(), 2u);
    ASSERT_EQ(m.leaf()->issuer, m.chain_certs[0].subject);
    const Finding f = run_rule("chain-order", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "index 0")) << f.message;
    EXPECT_TRUE(has(f.message, "no certificate in the chain issued the body")) << f.message;
}

TEST(ChainOrder, FailsOnADuplicateAtTheFirstBadIndex) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-duplicate.pem"));
    const Finding f = run_rule("chain-order", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, m.chain_certs.at(1).line);
    EXPECT_TRUE(has(f.message, "index 1")) << f.message;
    EXPECT_TRUE(has(f.message, "did not issue chain[0]")) << f.message;
    EXPECT_TRUE(has(f.message, "chain[0], chain[2] (leaving out the other 1)")) << f.message;
}

TEST(ChainOrder, FailsOnAnUnrelatedCertificateInTheMiddle) {
    const Finding f = chain_order("chain-unrelated.pem");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "index 1")) << f.message;
    EXPECT_TRUE(has(f.message, "Unrelated Root CA")) << f.message;
    EXPECT_TRUE(has(f.message, "chain[0], chain[2]")) << f.message;
}

TEST(ChainOrder, CfsslChainsInOrderPass) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    EXPECT_EQ(cfssl_order({"inter-L2", "inter-L1", "ca"}).status, Status::Pass);
    EXPECT_EQ(cfssl_order({"inter-L2", "inter-L1"}).status, Status::Pass);
    EXPECT_EQ(cfssl_order({"inter-L2-direct", "ca"}).status, Status::Pass);
    EXPECT_EQ(cfssl_order({"inter-L2", "inter-L1-sha1", "ca"}).status, Status::Pass);
    const Finding expired = cfssl_order({"inter-L2", "inter-L1-expired", "ca"});
    EXPECT_EQ(expired.status, Status::Pass) << expired.message;
}

TEST(ChainOrder, CfsslReversedAndSwappedChainsFailWithAWorkingOrder) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    const Finding reversed = cfssl_order({"ca", "inter-L1", "inter-L2"});
    EXPECT_EQ(reversed.status, Status::Error);
    EXPECT_TRUE(has(reversed.message, "index 0")) << reversed.message;
    EXPECT_TRUE(has(reversed.message, "chain[2], chain[1], chain[0]")) << reversed.message;

    // inter-L1 and inter-L2 share a CN: L1 must not be taken for the body's issuer.
    const Finding swapped = cfssl_order({"inter-L1", "inter-L2", "ca"});
    EXPECT_EQ(swapped.status, Status::Error);
    EXPECT_TRUE(has(swapped.message, "index 0")) << swapped.message;
    EXPECT_TRUE(has(swapped.message, "chain[1], chain[0], chain[2]")) << swapped.message;
}

TEST(ChainOrder, CfsslMissingIntermediatesFail) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    const Finding issuing = cfssl_order({"inter-L1", "ca"});
    EXPECT_EQ(issuing.status, Status::Error);
    EXPECT_TRUE(has(issuing.message, "index 0")) << issuing.message;
    EXPECT_TRUE(has(issuing.message, "no certificate in the chain issued the body")) << issuing.message;

    const Finding middle = cfssl_order({"inter-L2", "ca"});
    EXPECT_EQ(middle.status, Status::Error);
    EXPECT_TRUE(has(middle.message, "index 1")) << middle.message;
    EXPECT_TRUE(has(middle.message, "the chain is missing the certificate that issued CN=cloudflare-inter.com")) << middle.message;
    EXPECT_FALSE(has(middle.message, "out of order")) << middle.message;

    EXPECT_EQ(cfssl_order({"ca"}).status, Status::Error);
}

TEST(ChainOrder, CfsslExtraCertificatesFail) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    const Finding both = cfssl_order({"inter-L2", "inter-L1", "inter-L2-direct", "ca"});
    EXPECT_EQ(both.status, Status::Error);
    EXPECT_TRUE(has(both.message, "index 2")) << both.message;
    EXPECT_TRUE(has(both.message, "chain[0], chain[1], chain[3] (leaving out the other 1)")) << both.message;

    const Finding dup = cfssl_order({"inter-L2", "inter-L2", "inter-L1", "ca"});
    EXPECT_EQ(dup.status, Status::Error);
    EXPECT_TRUE(has(dup.message, "index 1")) << dup.message;

    const Finding leaf = cfssl_order({"cfssl-leaf-rsa2048", "inter-L2", "inter-L1", "ca"});
    EXPECT_EQ(leaf.status, Status::Error);
    EXPECT_TRUE(has(leaf.message, "index 0")) << leaf.message;
    EXPECT_TRUE(has(leaf.message, "chain[1], chain[2], chain[3]")) << leaf.message;
}

TEST(ChainOrder, NotApplicableWithoutAChainOrABody) {
    const Finding f = run_rule("chain-order", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_EQ(run_rule("chain-order", load(fixture("garbage.bin"), std::nullopt, fixture("chain.pem"))).status,
              Status::NotApplicable);
    EXPECT_EQ(run_rule("chain-order", load(fixture("leaf.pem"), std::nullopt, fixture("garbage.bin"))).status,
              Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
