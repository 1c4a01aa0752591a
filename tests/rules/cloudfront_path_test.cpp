// cloudfront-path: pass (/cloudfront/…/), fail (missing, wrong prefix, no trailing slash). It
// always applies, so its not-applicable case is that it is outside other profiles.
#include <gtest/gtest.h>

#include "certcheck/profile.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding with_path(std::optional<std::string> path) {
    Request r;
    r.path = std::move(path);
    return run_rule("cloudfront-path", load(fixture("leaf.pem"), std::nullopt, std::nullopt, r));
}

TEST(CloudfrontPath, PassesForACloudfrontPath) {
    for (const char* p : {"/cloudfront/", "/cloudfront/prod/", "/cloudfront/a/b/"}) {
        const Finding f = with_path(p);
        EXPECT_EQ(f.status, Status::Pass) << p << ": " << f.message;
    }
}

TEST(CloudfrontPath, FailsWithoutAPath) {
    const Finding f = with_path(std::nullopt);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "no --path")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "/cloudfront/")) << *f.hint;
}

TEST(CloudfrontPath, FailsForAWrongPath) {
    for (const char* p : {"/", "/prod/", "/cloudfront", "/cloudfrontx/", "/cloudfront/prod", "/CloudFront/prod/"}) {
        const Finding f = with_path(p);
        EXPECT_EQ(f.status, Status::Error) << p;
        EXPECT_TRUE(has(f.message, p)) << f.message;
    }
}

TEST(CloudfrontPath, OnlyInTheCloudfrontProfile) {
    EXPECT_NE(find_profile("cloudfront")->find("cloudfront-path"), nullptr);
    EXPECT_EQ(find_profile("iam-server")->find("cloudfront-path"), nullptr);
    EXPECT_EQ(find_profile("acm")->find("cloudfront-path"), nullptr);
}

}  // namespace
}  // namespace certcheck::test
