// endpoint-chain-complete: pass (served chain + trust store reach a root), error (an intermediate is
// not served, or the served root is not trusted), warn (the root is served), not-applicable (not an
// endpoint run). The served chains are built from fixtures in memory; tests/e2e/endpoint_test.cpp
// serves them with openssl s_server.
#include <gtest/gtest.h>

#include "support/servers.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(EndpointChainComplete, PassesWhenTheIntermediateIsServedAndTheRootTrusted) {
    const auto e = endpoint_context();
    const Finding f = run_rule("endpoint-chain-complete", served_fixture({"leaf.pem", "chain-no-root.pem"}), e->ctx);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Intermediate CA")) << f.message;
    // Served out of order, the path is still complete (chain-order reports the order).
    const Finding reversed = run_rule("endpoint-chain-complete", served_fixture({"leaf.pem", "chain-reversed.pem"}), e->ctx);
    EXPECT_EQ(reversed.status, Status::Warn) << reversed.message;  // the root is served
}

TEST(EndpointChainComplete, FailsWhenTheIntermediateIsNotServed) {
    const auto e = endpoint_context();
    const Finding f = run_rule("endpoint-chain-complete", served_fixture({"leaf.pem"}), e->ctx);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "CN=certcheck Test Intermediate CA")) << f.message;
    EXPECT_TRUE(has(f.message, "neither served nor in")) << f.message;
    EXPECT_EQ(f.file, "127.0.0.1:8443");
    // Without the root in the trust store, even a full chain fails: the served root is not trusted.
    auto untrusted = endpoint_context();
    untrusted->ctx.trust = test_context().trust;
    const Finding g = run_rule("endpoint-chain-complete", served_fixture({"leaf.pem", "chain.pem"}), untrusted->ctx);
    EXPECT_EQ(g.status, Status::Error) << g.message;
    EXPECT_TRUE(has(g.message, "not in")) << g.message;
}

TEST(EndpointChainComplete, WarnsWhenTheRootIsServed) {
    const auto e = endpoint_context();
    const Finding f = run_rule("endpoint-chain-complete", served_fixture({"leaf.pem", "chain.pem"}), e->ctx);
    EXPECT_EQ(f.status, Status::Warn) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Root CA")) << f.message;
}

TEST(EndpointChainComplete, NotApplicableOutsideAnEndpointRun) {
    EXPECT_EQ(run_rule("endpoint-chain-complete", load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem"))).status,
              Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
