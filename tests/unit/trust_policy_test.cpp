// The trust-policy parser and evaluator: every operator, the qualifiers, IfExists, case rules,
// wildcards, multi-valued keys, several statements, Deny, unsupported operators and malformed
// input (never a throw).
#include <gtest/gtest.h>

#include <string>

#include "certcheck/rolesanywhere.hpp"

namespace certcheck::test {
namespace {

std::string statement(const std::string& condition, const std::string& effect = "Allow",
                      const std::string& actions = R"(["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"])") {
    std::string s = R"({"Effect":")" + effect + R"(","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":)" + actions;
    if (!condition.empty()) s += R"(,"Condition":)" + condition;
    return s + "}";
}

std::string policy(std::initializer_list<std::string> statements) {
    std::string list;
    for (const auto& s : statements) list += (list.empty() ? "" : ",") + s;
    return R"({"Version":"2012-10-17","Statement":[)" + list + "]}";
}

ConditionContext request() {
    ConditionContext c;
    c.keys = {{"aws:PrincipalTag/x509Subject/CN", {"client.example.com"}},
              {"aws:PrincipalTag/x509Subject/OU", {"Security/Engineering"}},
              {"aws:PrincipalTag/x509SAN/DNS", {"client.example.com"}},
              {"aws:SourceArn", {"arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/abc"}},
              {"test:Multi", {"a", "b"}}};
    return c;
}

PolicyEvaluation eval(const std::string& json) {
    const TrustPolicyParse p = parse_trust_policy(json);
    EXPECT_TRUE(p.policy.has_value()) << p.error;
    if (!p.policy) return {};
    return evaluate_trust_policy(*p.policy, request());
}

// The single condition's result in a one-statement policy.
Tri cond(const std::string& op, const std::string& key, const std::string& values) {
    const PolicyEvaluation e = eval(policy({statement(R"({")" + op + R"(":{")" + key + R"(":)" + values + "}}")}));
    if (e.statements.size() != 1 || e.statements[0].conditions.size() != 1) {
        ADD_FAILURE() << op << " " << key;
        return Tri::Unknown;
    }
    return e.statements[0].conditions[0].result;
}

constexpr const char* kCn = "aws:PrincipalTag/x509Subject/CN";

TEST(TrustPolicy, StringEqualsIsCaseSensitiveAndOrsItsValues) {
    EXPECT_EQ(cond("StringEquals", kCn, R"("client.example.com")"), Tri::True);
    EXPECT_EQ(cond("StringEquals", kCn, R"("Client.example.com")"), Tri::False);
    EXPECT_EQ(cond("StringEquals", kCn, R"(["x","client.example.com"])"), Tri::True);
    EXPECT_EQ(cond("StringEqualsIgnoreCase", kCn, R"("CLIENT.example.com")"), Tri::True);
}

TEST(TrustPolicy, ConditionKeyNamesAreCaseInsensitive) {
    EXPECT_EQ(cond("StringEquals", "AWS:principaltag/X509SUBJECT/cn", R"("client.example.com")"), Tri::True);
}

TEST(TrustPolicy, StringNotEqualsExcludesEveryValue) {
    EXPECT_EQ(cond("StringNotEquals", kCn, R"("other")"), Tri::True);
    EXPECT_EQ(cond("StringNotEquals", kCn, R"(["other","client.example.com"])"), Tri::False);
    EXPECT_EQ(cond("StringNotEqualsIgnoreCase", kCn, R"("CLIENT.EXAMPLE.COM")"), Tri::False);
}

TEST(TrustPolicy, StringLikeWildcards) {
    EXPECT_EQ(cond("StringLike", kCn, R"("*.example.com")"), Tri::True);
    EXPECT_EQ(cond("StringLike", kCn, R"("client.example.co?")"), Tri::True);
    EXPECT_EQ(cond("StringLike", kCn, R"("?.example.com")"), Tri::False);
    EXPECT_EQ(cond("StringLike", kCn, R"("*")"), Tri::True);
    EXPECT_EQ(cond("StringLike", kCn, R"("*.EXAMPLE.com")"), Tri::False);
    EXPECT_EQ(cond("StringNotLike", kCn, R"("*.example.org")"), Tri::True);
    EXPECT_EQ(cond("StringNotLike", kCn, R"("client*")"), Tri::False);
}

TEST(TrustPolicy, WildcardMatchEdgeCases) {
    EXPECT_TRUE(wildcard_match("", ""));
    EXPECT_FALSE(wildcard_match("", "a"));
    EXPECT_TRUE(wildcard_match("**", ""));
    EXPECT_TRUE(wildcard_match("a*b*c", "aXXbYYc"));
    EXPECT_FALSE(wildcard_match("a*b*c", "aXXbYY"));
    EXPECT_TRUE(wildcard_match("sts:*", "sts:tagsession"));
    EXPECT_TRUE(wildcard_match("STS:AssumeRole", "sts:assumerole", true));
    EXPECT_FALSE(wildcard_match("?", ""));
    // No exponential blow-up on a pathological pattern.
    EXPECT_FALSE(wildcard_match(std::string(200, '*') + "b", std::string(5000, 'a')));
}

TEST(TrustPolicy, ArnEqualsAndArnLikeCompareFieldByField) {
    EXPECT_EQ(cond("ArnEquals", "aws:SourceArn", R"("arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/abc")"), Tri::True);
    EXPECT_EQ(cond("ArnLike", "aws:SourceArn", R"("arn:aws:rolesanywhere:*:123456789012:trust-anchor/*")"), Tri::True);
    EXPECT_EQ(cond("ArnLike", "aws:SourceArn", R"("arn:aws:rolesanywhere:*:999999999999:trust-anchor/*")"), Tri::False);
    // '*' does not cross a field boundary: this pattern has too few fields.
    EXPECT_EQ(cond("ArnLike", "aws:SourceArn", R"("arn:aws:*")"), Tri::False);
    EXPECT_EQ(cond("ArnNotEquals", "aws:SourceArn", R"("arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/zzz")"), Tri::True);
}

TEST(TrustPolicy, MissingKeys) {
    constexpr const char* kGone = "aws:PrincipalTag/x509Subject/O";
    EXPECT_EQ(cond("StringEquals", kGone, R"("x")"), Tri::False);
    EXPECT_EQ(cond("StringNotEquals", kGone, R"("x")"), Tri::True);
    EXPECT_EQ(cond("StringEqualsIfExists", kGone, R"("x")"), Tri::True);
    EXPECT_EQ(cond("ForAnyValue:StringEquals", kGone, R"("x")"), Tri::False);
    EXPECT_EQ(cond("ForAllValues:StringEquals", kGone, R"("x")"), Tri::True);
}

TEST(TrustPolicy, QualifiersOnMultiValuedKeys) {
    EXPECT_EQ(cond("ForAnyValue:StringEquals", "test:Multi", R"("b")"), Tri::True);
    EXPECT_EQ(cond("ForAllValues:StringEquals", "test:Multi", R"("b")"), Tri::False);
    EXPECT_EQ(cond("ForAllValues:StringEquals", "test:Multi", R"(["a","b","c"])"), Tri::True);
    EXPECT_EQ(cond("ForAnyValue:StringNotEquals", "test:Multi", R"("a")"), Tri::True);
    EXPECT_EQ(cond("ForAllValues:StringNotEquals", "test:Multi", R"("a")"), Tri::False);
    EXPECT_EQ(cond("ForAllValues:StringLike", "test:Multi", R"("?")"), Tri::True);
}

TEST(TrustPolicy, UnsupportedOperatorsAndPolicyVariablesAreUnknownNeverTrue) {
    EXPECT_EQ(cond("NumericLessThan", kCn, R"("3")"), Tri::Unknown);
    EXPECT_EQ(cond("Null", kCn, R"("false")"), Tri::Unknown);
    EXPECT_EQ(cond("Bool", kCn, "true"), Tri::Unknown);
    EXPECT_EQ(cond("StringEquals", kCn, R"("${aws:username}")"), Tri::Unknown);
    const PolicyEvaluation e = eval(policy({statement(R"({"DateLessThan":{"aws:CurrentTime":"2031-01-01T00:00:00Z"}})")}));
    EXPECT_EQ(e.verdict, PolicyVerdict::Unknown);
    EXPECT_NE(e.summary.find("DateLessThan"), std::string::npos) << e.summary;
}

TEST(TrustPolicy, ConditionsAreAndedAcrossOperatorsAndKeys) {
    const PolicyEvaluation e = eval(policy({statement(
        R"({"StringEquals":{"aws:PrincipalTag/x509Subject/CN":"client.example.com","aws:PrincipalTag/x509SAN/DNS":"nope"}})")}));
    EXPECT_EQ(e.verdict, PolicyVerdict::NotAllowed);
    EXPECT_NE(e.summary.find("x509SAN/DNS is 'client.example.com', not 'nope'"), std::string::npos) << e.summary;
}

TEST(TrustPolicy, AnyAllowingStatementAllowsAndDenyWins) {
    const std::string block = statement(R"({"StringEquals":{"aws:PrincipalTag/x509Subject/CN":"other"}})");
    const std::string allow = statement(R"({"StringLike":{"aws:PrincipalTag/x509Subject/CN":"*.example.com"}})");
    const PolicyEvaluation two = eval(policy({block, allow}));
    EXPECT_EQ(two.verdict, PolicyVerdict::Allowed);
    ASSERT_TRUE(two.deciding.has_value());
    EXPECT_EQ(two.statements[static_cast<std::size_t>(*two.deciding)].index, 1);
    const std::string deny = statement(R"({"StringLike":{"aws:PrincipalTag/x509Subject/OU":"Security*"}})", "Deny", R"("sts:AssumeRole")");
    const PolicyEvaluation denied = eval(policy({allow, deny}));
    EXPECT_EQ(denied.verdict, PolicyVerdict::Denied);
    EXPECT_NE(denied.summary.find("statement 2"), std::string::npos) << denied.summary;
}

TEST(TrustPolicy, NoConditionOnTheCertificateWarns) {
    const PolicyEvaluation open = eval(policy({statement("")}));
    EXPECT_EQ(open.verdict, PolicyVerdict::Allowed);
    ASSERT_EQ(open.warnings.size(), 1u);
    const PolicyEvaluation account_only = eval(policy({statement(R"({"StringEquals":{"aws:SourceAccount":"123456789012"}})")}));
    EXPECT_EQ(account_only.warnings.size(), 1u);
    const PolicyEvaluation arn = eval(policy({statement(R"({"ArnLike":{"aws:SourceArn":"arn:aws:rolesanywhere:*:*:trust-anchor/*"}})")}));
    EXPECT_TRUE(arn.warnings.empty());
}

TEST(TrustPolicy, RolesAnywhereNeedsAllThreeActions) {
    const PolicyEvaluation e = eval(policy({statement("", "Allow", R"("sts:AssumeRole")")}));
    EXPECT_EQ(e.verdict, PolicyVerdict::NotAllowed);
    EXPECT_NE(e.summary.find("sts:TagSession, sts:SetSourceIdentity"), std::string::npos) << e.summary;
    EXPECT_EQ(eval(policy({statement("", "Allow", R"("sts:*")")})).verdict, PolicyVerdict::Allowed);
}

TEST(TrustPolicy, OnlyStatementsTrustingRolesAnywhereCount) {
    const PolicyEvaluation e = eval(R"({"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}})");
    EXPECT_EQ(e.verdict, PolicyVerdict::NoStatement);
    const TrustPolicyParse star = parse_trust_policy(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*"}]})");
    ASSERT_TRUE(star.policy.has_value());
    EXPECT_TRUE(star.policy->statements[0].trusts_roles_anywhere);
}

TEST(TrustPolicy, NotPrincipalIsUnsupported) {
    const PolicyEvaluation e = eval(R"({"Statement":[{"Effect":"Allow","NotPrincipal":{"Service":"x"},"Principal":"*","Action":"*"}]})");
    EXPECT_EQ(e.verdict, PolicyVerdict::Unknown);
}

TEST(TrustPolicy, MalformedJsonGivesThePosition) {
    const TrustPolicyParse p = parse_trust_policy("{\"Statement\": [\n  {\"Effect\": \"Allow\",}\n]}");
    EXPECT_FALSE(p.policy.has_value());
    EXPECT_NE(p.error.find("line 2"), std::string::npos) << p.error;
    EXPECT_NE(p.error.find("malformed JSON"), std::string::npos) << p.error;
}

TEST(TrustPolicy, WrongShapesAreErrorsNotCrashes) {
    for (const char* bad : {"", "[]", "42", "{}", R"({"Statement":7})", R"({"Statement":[1]})", R"({"Statement":[{"Effect":"Maybe","Principal":"*"}]})",
                            R"({"Statement":[{"Effect":"Allow"}]})", R"({"Statement":[{"Effect":"Allow","Principal":"*","Condition":[]}]})",
                            R"({"Statement":[{"Effect":"Allow","Principal":"*","Condition":{"StringEquals":{"k":{"x":1}}}}]})",
                            "{\"Statement\":\"\xff\"}"}) {
        const TrustPolicyParse p = parse_trust_policy(bad);
        EXPECT_FALSE(p.policy.has_value()) << bad;
        EXPECT_FALSE(p.error.empty()) << bad;
    }
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const TrustPolicyParse p = parse_trust_policy(deep);
    EXPECT_FALSE(p.policy.has_value());
    EXPECT_NE(p.error.find("nesting"), std::string::npos) << p.error;
}

TEST(TrustPolicy, NumbersAndBooleansAreReadAsText) {
    const TrustPolicyParse p = parse_trust_policy(
        R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Condition":{"StringEquals":{"k":[1,true,"x"]}}}})");
    ASSERT_TRUE(p.policy.has_value()) << p.error;
    EXPECT_EQ(p.policy->statements[0].conditions[0].values, (std::vector<std::string>{"1", "true", "x"}));
}

}  // namespace
}  // namespace certcheck::test
