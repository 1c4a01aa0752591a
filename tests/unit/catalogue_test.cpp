// Meta-test of the catalogue: every rule has metadata, a docs page and a test file; every
// profile names registered rules only.
#include <filesystem>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "certcheck/profile.hpp"
#include "certcheck/registry.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

std::string underscores(std::string_view id) {
    std::string s{id};
    for (char& c : s) {
        if (c == '-') c = '_';
    }
    return s;
}

TEST(Catalogue, EveryRuleHasMetadata) {
    const std::regex kebab("^[a-z0-9]+(-[a-z0-9]+)*$");
    std::set<std::string_view> seen;
    for (const auto& rule : builtin_rules()) {
        const RuleInfo& info = rule->info();
        EXPECT_TRUE(std::regex_match(std::string{info.id}, kebab)) << info.id;
        EXPECT_TRUE(seen.insert(info.id).second) << "duplicate id " << info.id;
        EXPECT_FALSE(info.summary.empty()) << info.id;
        EXPECT_FALSE(info.citation.empty()) << info.id;
        EXPECT_FALSE(info.hint.empty()) << info.id;
        EXPECT_FALSE(rule->not_applicable_reason().empty()) << info.id;
    }
}

TEST(Catalogue, EveryRuleHasADocsPageAndATestFile) {
    for (const auto& rule : builtin_rules()) {
        const std::string id{rule->info().id};
        EXPECT_TRUE(std::filesystem::exists(source_path("docs/rules/" + id + ".md"))) << "no docs/rules/" << id << ".md";
        EXPECT_TRUE(std::filesystem::exists(source_path("tests/rules/" + underscores(id) + "_test.cpp")))
            << "no tests/rules/" << underscores(id) << "_test.cpp";
        EXPECT_TRUE(std::filesystem::exists(source_path("src/rules/" + underscores(id) + ".cpp")))
            << "no src/rules/" << underscores(id) << ".cpp";
    }
}

// The registration list is generated from the rule files' "// catalogue: N" lines
// (cmake/gen-rule-list.cmake): a rule file without one would be compiled but never run.
TEST(Catalogue, EveryRuleFileIsRegistered) {
    std::set<std::string> registered;
    for (const auto& rule : builtin_rules()) registered.insert(underscores(rule->info().id));
    const std::regex marker("(^|\n)// catalogue: [0-9]+\n");
    int rule_files = 0;
    for (const auto& e : std::filesystem::directory_iterator(source_path("src/rules"))) {
        if (e.path().extension() != ".cpp") continue;
        const std::string text = read_file(e.path().string());
        if (text.find("RuleInfo") == std::string::npos) continue;  // common.cpp, builtin.cpp
        ++rule_files;
        const std::string stem = e.path().stem().string();
        EXPECT_TRUE(std::regex_search(text, marker)) << e.path() << " has no '// catalogue: N' line";
        EXPECT_EQ(registered.count(stem), 1u) << e.path() << " is not in the catalogue (its RuleInfo id is not " << stem << "?)";
    }
    EXPECT_EQ(static_cast<std::size_t>(rule_files), builtin_rules().size());
}

TEST(Catalogue, ProfilesNameRegisteredRules) {
    ASSERT_NE(find_profile(kDefaultProfile), nullptr);
    for (const Profile& p : builtin_profiles()) {
        EXPECT_FALSE(p.rules.empty()) << p.name;
        for (const ProfileRule& r : p.rules) EXPECT_NE(find_rule(r.id), nullptr) << p.name << " names unknown rule " << r.id;
    }
    // The iam-server profile is SPEC section 2's table (24 rules) plus key-weak (SPEC section 7,
    // in every profile) and pem-leading-bytes (in every upload profile: issue 14).
    EXPECT_EQ(find_profile("iam-server")->rules.size(), 26u);
    for (const Profile& p : builtin_profiles()) EXPECT_NE(p.find("key-weak"), nullptr) << p.name;
    for (const Profile& p : builtin_profiles()) {
        if (p.target != UploadTarget::Deployed) {
            EXPECT_NE(p.find("pem-leading-bytes"), nullptr) << p.name;
        }
    }
}

TEST(Catalogue, SpecProfilesExistAndEveryRuleBelongsToOne) {
    for (const char* name : {"iam-server", "cloudfront", "acm", "iam-signing", "roles-anywhere"}) {
        EXPECT_NE(find_profile(name), nullptr) << name;
    }
    // cloudfront is iam-server plus three rules (SPEC section 2).
    for (const ProfileRule& r : find_profile("iam-server")->rules) EXPECT_NE(find_profile("cloudfront")->find(r.id), nullptr) << r.id;
    EXPECT_EQ(find_profile("cloudfront")->rules.size(), 29u);
    for (const auto& rule : builtin_rules()) {
        const auto id = rule->info().id;
        bool used = false;
        for (const Profile& p : builtin_profiles()) used = used || p.find(id) != nullptr;
        EXPECT_TRUE(used) << id << " is in no profile";
    }
}

}  // namespace
}  // namespace certcheck::test
