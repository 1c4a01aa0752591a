// endpoint-serves-cert: pass (the served leaf is the --cert file's), error (another certificate,
// e.g. a renewal not deployed), not-applicable (no --cert, or not an endpoint run).
#include <gtest/gtest.h>

#include "support/servers.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(EndpointServesCert, PassesWhenTheFileIsServed) {
    const auto e = endpoint_context("leaf.pem");
    const Finding f = run_rule("endpoint-serves-cert", served_fixture({"leaf.pem", "chain-no-root.pem"}), e->ctx);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

TEST(EndpointServesCert, FailsWhenAnotherCertificateIsServed) {
    const auto e = endpoint_context("soon.pem");
    const Finding f = run_rule("endpoint-serves-cert", served_fixture({"leaf.pem", "chain-no-root.pem"}), e->ctx);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "serves CN=www.example.com")) << f.message;
    EXPECT_TRUE(has(f.message, "CN=soon.example.com")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "soon.pem")) << *f.hint;
}

TEST(EndpointServesCert, NotApplicableWithoutCert) {
    const auto e = endpoint_context();
    EXPECT_EQ(run_rule("endpoint-serves-cert", served_fixture({"leaf.pem"}), e->ctx).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("endpoint-serves-cert", load(fixture("leaf.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
