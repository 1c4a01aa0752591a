// request-name: pass, fail (empty, too long, characters outside [A-Za-z0-9_+=,.@-]), not-applicable.
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding name_check(const std::string& name) {
    Request r;
    r.name = name;
    return run_rule("request-name", load(fixture("leaf.pem"), std::nullopt, std::nullopt, r));
}

TEST(RequestName, PassesOnValidNames) {
    const Finding f = name_check("www.example.com-2099-12-31");
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    EXPECT_EQ(name_check("a_b+c=d,e.f@g-h").status, Status::Pass);
    EXPECT_EQ(name_check("x").status, Status::Pass);
    EXPECT_EQ(name_check(std::string(128, 'n')).status, Status::Pass);
}

TEST(RequestName, FailsOnAnEmptyName) {
    const Finding f = name_check("");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "empty")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
}

TEST(RequestName, FailsOver128Characters) {
    const Finding f = name_check(std::string(129, 'n'));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "129 characters")) << f.message;
    EXPECT_TRUE(has(f.message, "128")) << f.message;
}

TEST(RequestName, FailsOnDisallowedCharactersNamingThePosition) {
    const Finding slash = name_check("prod/www");
    EXPECT_EQ(slash.status, Status::Error);
    EXPECT_TRUE(has(slash.message, "'/'")) << slash.message;
    EXPECT_TRUE(has(slash.message, "position 5")) << slash.message;
    ASSERT_TRUE(slash.hint.has_value());
    EXPECT_TRUE(has(*slash.hint, "--path")) << *slash.hint;

    const Finding space = name_check("my cert");
    EXPECT_EQ(space.status, Status::Error);
    EXPECT_TRUE(has(space.message, "0x20")) << space.message;
    EXPECT_TRUE(has(space.message, "position 3")) << space.message;

    for (const char* bad : {"star*", "colon:name", "semi;colon", "quote'", "tab\tname", "hash#"}) {
        EXPECT_EQ(name_check(bad).status, Status::Error) << bad;
    }
}

TEST(RequestName, FailsOnNonAscii) {
    const Finding f = name_check("caf\xC3\xA9");
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "0xC3")) << f.message;
    EXPECT_TRUE(has(f.message, "position 4")) << f.message;
}

TEST(RequestName, NotApplicableWithoutAName) {
    const Finding f = run_rule("request-name", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_TRUE(has(f.message, "no --name")) << f.message;
}

}  // namespace
}  // namespace certcheck::test
