// request-path: pass, fail (empty, no leading/trailing slash, non-printable, too long), not-applicable.
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding path_check(const std::string& path) {
    Request r;
    r.path = path;
    return run_rule("request-path", load(fixture("leaf.pem"), std::nullopt, std::nullopt, r));
}

TEST(RequestPath, PassesOnValidPaths) {
    const Finding root = path_check("/");
    EXPECT_EQ(root.status, Status::Pass) << root.message;
    EXPECT_FALSE(root.hint.has_value());
    EXPECT_EQ(path_check("/cloudfront/prod/").status, Status::Pass);
    EXPECT_EQ(path_check("/a/").status, Status::Pass);
    EXPECT_EQ(path_check("/!~{}[]@#$%^&*()/").status, Status::Pass);
    EXPECT_EQ(path_check("/" + std::string(510, 'p') + "/").status, Status::Pass);  // 512
}

TEST(RequestPath, FailsOnAnEmptyPath) {
    const Finding f = path_check("");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "empty")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
}

TEST(RequestPath, FailsWithoutLeadingOrTrailingSlash) {
    const Finding lead = path_check("cloudfront/");
    EXPECT_EQ(lead.status, Status::Error);
    EXPECT_TRUE(has(lead.message, "start with '/'")) << lead.message;
    const Finding trail = path_check("/cloudfront");
    EXPECT_EQ(trail.status, Status::Error);
    EXPECT_TRUE(has(trail.message, "end with '/'")) << trail.message;
    EXPECT_EQ(path_check("cloudfront").status, Status::Error);
}

TEST(RequestPath, FailsOnAnEmptySegmentOnly) {
    // The pattern is / or / [\u0021-\u007E]+ /: "//" has nothing between its slashes.
    const Finding f = path_check("//");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "nothing between its slashes")) << f.message;
    EXPECT_EQ(path_check("///").status, Status::Pass);  // '/' itself is in \u0021-\u007E
}

TEST(RequestPath, FailsOnCharactersOutsidePrintableAscii) {
    const Finding space = path_check("/my path/");
    EXPECT_EQ(space.status, Status::Error);
    EXPECT_TRUE(has(space.message, "0x20")) << space.message;
    EXPECT_TRUE(has(space.message, "position 4")) << space.message;
    const Finding del = path_check("/a\x7F/");
    EXPECT_EQ(del.status, Status::Error);
    EXPECT_TRUE(has(del.message, "0x7F")) << del.message;
    const Finding utf8 = path_check("/caf\xC3\xA9/");
    EXPECT_EQ(utf8.status, Status::Error);
    EXPECT_TRUE(has(utf8.message, "0xC3")) << utf8.message;
    EXPECT_EQ(path_check("/a\tb/").status, Status::Error);
}

TEST(RequestPath, FailsOver512Characters) {
    const Finding f = path_check("/" + std::string(511, 'p') + "/");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "513 characters")) << f.message;
    EXPECT_TRUE(has(f.message, "512")) << f.message;
}

TEST(RequestPath, NotApplicableWithoutAPath) {
    const Finding f = run_rule("request-path", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_TRUE(has(f.message, "no --path")) << f.message;
}

}  // namespace
}  // namespace certcheck::test
