// chain-no-leaf: pass, fail (the body certificate inside the chain), and not-applicable.
#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(ChainNoLeaf, PassesWhenTheChainHoldsOnlyIssuers) {
    const Finding f = run_rule("chain-no-leaf", load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    EXPECT_EQ(run_rule("chain-no-leaf", load(fixture("leaf.pem"), std::nullopt, fixture("chain-reversed.pem"))).status,
              Status::Pass);
}

TEST(ChainNoLeaf, PassesWhenTheChainHoldsAnotherLeafOfTheSameCa) {
    // Same issuer, different certificate: not the body itself.
    const std::string chain = read_file(fixture("soon.pem")) + read_file(fixture("chain.pem"));
    const Finding f = run_rule("chain-no-leaf", load_bytes(read_file(fixture("leaf.pem")), std::nullopt, chain));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

TEST(ChainNoLeaf, FailsOnAFullchainNamingIndexAndLine) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-with-leaf.pem"));
    const Finding f = run_rule("chain-no-leaf", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_NE(f.message.find("chain[0]"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("www.example.com"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("body certificate itself"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("fullchain.pem"), std::string::npos) << *f.hint;

    EXPECT_EQ(run_rule("chain-no-leaf", load(fixture("leaf.pem"), std::nullopt, fixture("fullchain.pem"))).status,
              Status::Error);
}

TEST(ChainNoLeaf, FailsOnTheLeafAtTheEndOfTheChain) {
    const std::string chain = read_file(fixture("chain.pem")) + read_file(fixture("leaf.pem"));
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt, chain);
    ASSERT_EQ(m.chain_certs.size(), 3u);
    const Finding f = run_rule("chain-no-leaf", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, m.chain_certs[2].line);
    EXPECT_NE(f.message.find("chain[2]"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("line " + std::to_string(m.chain_certs[2].line)), std::string::npos) << f.message;
}

TEST(ChainNoLeaf, FailsOnTheCfsslLeafFirstChain) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    // cfssl's leaf, inter-L2, inter-L1, ca (derived/chain-with-leaf-first.pem, one block per line).
    const std::string chain = cfssl_chain({"cfssl-leaf-rsa2048", "inter-L2", "inter-L1", "ca"});
    const std::string body = read_file(corpus("cfssl-bundler/testdata/cfssl-leaf-rsa2048.pem"));
    const Material m = load_bytes(body, std::nullopt, chain);
    ASSERT_EQ(m.chain_certs.size(), 4u);
    const Finding f = run_rule("chain-no-leaf", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_NE(f.message.find("chain[0]"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("cloudflare-leaf.com"), std::string::npos) << f.message;
    // Without the leaf, the same chain passes.
    const Material ok = load_bytes(body, std::nullopt, chain.substr(chain.find("-----BEGIN", 1)));
    EXPECT_EQ(run_rule("chain-no-leaf", ok).status, Status::Pass);
}

TEST(ChainNoLeaf, NotApplicableWithoutAChainOrABody) {
    EXPECT_EQ(run_rule("chain-no-leaf", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    // No body certificate to compare with.
    EXPECT_EQ(run_rule("chain-no-leaf", load(fixture("garbage.bin"), std::nullopt, fixture("chain-with-leaf.pem"))).status,
              Status::NotApplicable);
    // No chain certificate could be read.
    EXPECT_EQ(run_rule("chain-no-leaf", load(fixture("leaf.pem"), std::nullopt, fixture("empty.pem"))).status,
              Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
