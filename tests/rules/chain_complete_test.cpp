// chain-complete: pass (ends in a root, or the last issuer is in the chain or the trust store), warn, not-applicable.
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Material with_chain(const std::string& chain_file) { return load(fixture("leaf.pem"), std::nullopt, fixture(chain_file)); }

Context with_trust(const TrustStore& trust) {
    Context ctx = test_context();
    ctx.trust = &trust;
    return ctx;
}

TEST(ChainComplete, PassesWhenTheChainEndsInASelfSignedRoot) {
    const Finding f = run_rule("chain-complete", with_chain("chain.pem"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "self-signed root")) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Root CA")) << f.message;
    EXPECT_FALSE(f.hint.has_value());
}

TEST(ChainComplete, PassesWhenTheLastIssuerIsEarlierInTheChain) {
    // root + inter: out of order (chain-order's business), but nothing is missing: the path
    // through both reaches the root.
    const Finding f = run_rule("chain-complete", with_chain("chain-reversed.pem"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "self-signed root")) << f.message;
}

TEST(ChainComplete, WarnsWithoutARootAndWithoutATrustStore) {
    const Material m = with_chain("chain-no-root.pem");
    const Finding f = run_rule("chain-complete", m);  // test_context(): no trust store
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, m.chain_certs.back().line);
    EXPECT_TRUE(has(f.message, "chain[0]")) << f.message;
    EXPECT_TRUE(has(f.message, "CN=certcheck Test Root CA")) << f.message;  // the missing issuer
    EXPECT_TRUE(has(f.message, "an empty trust store")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "to the chain")) << *f.hint;
}

TEST(ChainComplete, PassesWhenTheTrustStoreHoldsTheIssuer) {
    const TrustStore trust = TrustStore::from_path(fixture("root-ca.pem"));
    const Finding f = run_rule("chain-complete", with_chain("chain-no-root.pem"), with_trust(trust));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "root-ca.pem")) << f.message;
}

TEST(ChainComplete, PassesWithATrustStoreDirectory) {
    const TrustStore trust = TrustStore::from_path(source_path("testdata/fixtures"));
    EXPECT_EQ(run_rule("chain-complete", with_chain("chain-no-root.pem"), with_trust(trust)).status, Status::Pass);
}

TEST(ChainComplete, WarnsWhenTheTrustStoreHoldsOnlyAnUnrelatedRoot) {
    const TrustStore trust = TrustStore::from_path(fixture("other-root.pem"));
    const Finding f = run_rule("chain-complete", with_chain("chain-no-root.pem"), with_trust(trust));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_TRUE(has(f.message, "other-root.pem")) << f.message;
}

TEST(ChainComplete, WarnsWhenTheTrustStoreHoldsOnlyTheChainItself) {
    // The trust store holds a CA, but not the one that issued chain[0].
    const TrustStore trust = TrustStore::from_path(fixture("inter-ca.pem"));
    EXPECT_EQ(run_rule("chain-complete", with_chain("chain-no-root.pem"), with_trust(trust)).status, Status::Warn);
}

TEST(ChainComplete, CfsslChainWithoutRoot) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    // derived/chain-ok-no-root.pem: inter-L2, inter-L1 (issued by ca.pem).
    const Material m = cfssl_material({"inter-L2", "inter-L1"});
    const Finding none = run_rule("chain-complete", m);
    EXPECT_EQ(none.status, Status::Warn);
    EXPECT_TRUE(has(none.message, "chain[1]")) << none.message;
    EXPECT_TRUE(has(none.message, "CFSSL_TEST_CA")) << none.message;
    const TrustStore trust = TrustStore::from_path(corpus("cfssl-bundler/testdata/ca.pem"));
    EXPECT_EQ(run_rule("chain-complete", m, with_trust(trust)).status, Status::Pass);
}

TEST(ChainComplete, NotApplicableWithoutAReadableChain) {
    EXPECT_EQ(run_rule("chain-complete", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("chain-complete", load(fixture("leaf.pem"), std::nullopt, fixture("empty.pem"))).status,
              Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(ChainComplete, ASelfSignedBodyWithAChainFileEndsInItself) {
    // The path is empty (the body is its own root): found by the check fuzz target, which read
    // past an empty path here.
    const Material m = load(fixture("self-signed.pem"), std::nullopt, fixture("chain.pem"));
    const Finding f = run_rule("chain-complete", m);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "self-signed root, " + m.leaf()->label)) << f.message;
}

}  // namespace
}  // namespace certcheck::test
