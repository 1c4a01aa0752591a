// chain-present: pass (a chain, or a self-signed body), warn (no chain for a CA-issued body), not-applicable.
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(ChainPresent, PassesWhenAChainIsGiven) {
    const Finding f = run_rule("chain-present", load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
}

TEST(ChainPresent, PassesForASelfSignedBodyWithoutAChain) {
    const Finding f = run_rule("chain-present", load(fixture("self-signed.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "self-signed")) << f.message;
}

TEST(ChainPresent, WarnsWhenACaIssuedBodyComesWithoutAChain) {
    const Finding f = run_rule("chain-present", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 1);
    EXPECT_TRUE(has(f.message, "no --chain given")) << f.message;
    EXPECT_TRUE(has(f.message, "www.example.com")) << f.message;
    EXPECT_TRUE(has(f.message, "CN=certcheck Test Intermediate CA")) << f.message;  // its issuer
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "--chain")) << *f.hint;
}

TEST(ChainPresent, WarnsForARootIssuedIntermediateAsBody) {
    // Not self-signed: issued by the root.
    EXPECT_EQ(run_rule("chain-present", load(fixture("inter-ca.pem"))).status, Status::Warn);
    EXPECT_EQ(run_rule("chain-present", load(fixture("root-ca.pem"))).status, Status::Pass);
}

TEST(ChainPresent, NotApplicableWithoutAReadableBody) {
    const Finding f = run_rule("chain-present", load(fixture("garbage.bin")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_EQ(run_rule("chain-present", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
