// The engine: selection (profile, --skip, --only, unknown ids) and the run loop's lifecycle.
#include <stdexcept>

#include <gtest/gtest.h>

#include "certcheck/engine.hpp"
#include "certcheck/registry.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

const Profile& iam() {
    const Profile* p = find_profile("iam-server");
    EXPECT_NE(p, nullptr);
    return *p;
}

TEST(Engine, ProfileSelectsItsRulesInCatalogueOrder) {
    const auto rules = select_rules(iam(), {}, {});
    ASSERT_EQ(rules.size(), iam().rules.size());
    std::size_t last = 0;
    for (const SelectedRule& r : rules) {
        std::size_t pos = 0;
        for (const auto& v : builtin_rules()) {
            if (v.get() == r.rule) break;
            ++pos;
        }
        EXPECT_GE(pos, last);
        last = pos;
    }
}

TEST(Engine, SkipAndOnly) {
    const auto skipped = select_rules(iam(), {"key-size", "host-match"}, {});
    EXPECT_EQ(skipped.size(), iam().rules.size() - 2);
    for (const auto& r : skipped) EXPECT_NE(r.rule->info().id, "key-size");
    const auto only = select_rules(iam(), {}, {"chain-order", "body-pem"});
    ASSERT_EQ(only.size(), 2u);
    EXPECT_EQ(only[0].rule->info().id, "body-pem");  // catalogue order, not command-line order
    EXPECT_EQ(only[1].rule->info().id, "chain-order");
}

TEST(Engine, UnknownRuleSuggestsTheClosest) {
    try {
        (void)select_rules(iam(), {"chain-ordr"}, {});
        FAIL() << "an unknown id was accepted";
    } catch (const SelectionError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown rule 'chain-ordr'"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("did you mean 'chain-order'"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)select_rules(iam(), {}, {"no-such-rule-at-all"}), SelectionError);
}

TEST(Engine, OneFindingPerRuleAndSeverityFromTheRule) {
    const Material m = load(fixture("expired.pem"), fixture("expired.key"), fixture("chain.pem"));
    const auto rules = select_rules(iam(), {}, {});
    const auto findings = run_rules(rules, m, test_context());
    ASSERT_EQ(findings.size(), rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) EXPECT_EQ(findings[i].rule, rules[i].rule->info().id);
    for (const Finding& f : findings) {
        if (f.rule == "body-validity") {
            EXPECT_EQ(f.status, Status::Error);
            ASSERT_TRUE(f.hint.has_value());
        }
        if (f.status == Status::Pass || f.status == Status::NotApplicable) {
            EXPECT_FALSE(f.hint.has_value()) << f.rule;
        }
    }
}

class ThrowingRule final : public Validator {
public:
    const RuleInfo& info() const noexcept override { return info_; }
    bool applies(const Material&, const Context&) const override { return true; }
    std::string_view not_applicable_reason() const noexcept override { return "never"; }
    Result check(const Material&, const Context&) const override { throw std::runtime_error("boom"); }

private:
    RuleInfo info_{"test-throws", Severity::Warn, "throws", "none", "none"};
};

TEST(Engine, ARuleThatThrowsBecomesAnErrorFindingNamingIt) {
    ThrowingRule rule;
    const auto findings = run_rules({SelectedRule{&rule, Severity::Warn}}, load(fixture("leaf.pem")), test_context());
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].status, Status::Error);
    EXPECT_NE(findings[0].message.find("test-throws"), std::string::npos);
    EXPECT_NE(findings[0].message.find("boom"), std::string::npos);
}

TEST(Engine, DidYouMean) {
    const std::vector<std::string_view> known{"chain-order", "chain-pem", "body-pem"};
    EXPECT_EQ(did_you_mean("chain-ordre", known).at(0), "chain-order");
    EXPECT_EQ(did_you_mean("body", known).at(0), "body-pem");
    EXPECT_TRUE(did_you_mean("zzzzzzzzzzzz", known).empty());
}

}  // namespace
}  // namespace certcheck::test
