// endpoint-serves-chain: pass (the served intermediates are the --chain file's, in order), error
// (one missing, one extra, another order), not-applicable (no --chain, or not an endpoint run).
#include <gtest/gtest.h>

#include "support/servers.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(EndpointServesChain, PassesWhenTheFileIsServedInOrder) {
    const auto e = endpoint_context(std::nullopt, "chain.pem");
    const Finding f = run_rule("endpoint-serves-chain", served_fixture({"leaf.pem", "chain.pem"}), e->ctx);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "2 certificates")) << f.message;
}

TEST(EndpointServesChain, FailsForAMissingExtraOrReorderedCertificate) {
    const auto e = endpoint_context(std::nullopt, "chain.pem");
    const Finding missing = run_rule("endpoint-serves-chain", served_fixture({"leaf.pem", "chain-no-root.pem"}), e->ctx);
    EXPECT_EQ(missing.status, Status::Error);
    EXPECT_TRUE(has(missing.message, "not served: CN=certcheck Test Root CA")) << missing.message;
    const Finding extra = run_rule("endpoint-serves-chain", served_fixture({"leaf.pem", "chain-unrelated.pem"}), e->ctx);
    EXPECT_EQ(extra.status, Status::Error);
    EXPECT_TRUE(has(extra.message, "served but not in the file: CN=Unrelated Root CA")) << extra.message;
    const Finding order = run_rule("endpoint-serves-chain", served_fixture({"leaf.pem", "chain-reversed.pem"}), e->ctx);
    EXPECT_EQ(order.status, Status::Error);
    EXPECT_TRUE(has(order.message, "another order")) << order.message;
}

TEST(EndpointServesChain, NotApplicableWithoutChain) {
    const auto e = endpoint_context("leaf.pem");
    EXPECT_EQ(run_rule("endpoint-serves-chain", served_fixture({"leaf.pem"}), e->ctx).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("endpoint-serves-chain", load(fixture("leaf.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
