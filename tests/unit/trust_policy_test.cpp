// The trust-policy parser and evaluator: every operator, the qualifiers, IfExists, case rules,
// wildcards, multi-valued keys, several statements, Deny, unsupported operators and malformed
// input (never a throw).
#include <gtest/gtest.h>

#include <string>

#include "certcheck/rolesanywhere.hpp"
#include "support/support.hpp"

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
              {"test:Multi", {"a", "b"}},
              {"test:Empty", {}},
              {"test:Flag", {"true"}},
              {"test:Count", {"42"}},
              {"aws:CurrentTime", {"2030-01-01T00:00:00Z"}},
              {"aws:EpochTime", {"1893456000"}},
              {"sts:SourceIdentity", {"CN=client.example.com"}}};
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

TEST(TrustPolicy, UnsupportedOperatorsUnknownKeysAndPolicyVariablesAreUnknownNeverTrue) {
    EXPECT_EQ(cond("BinaryEquals", kCn, R"("QmluYXJ5")"), Tri::Unknown);
    EXPECT_EQ(cond("StringEquals", kCn, R"("${aws:username}")"), Tri::Unknown);
    // A key certcheck cannot see in a Roles Anywhere request (and none given here).
    EXPECT_EQ(cond("IpAddress", "aws:SourceIp", R"("10.0.0.0/8")"), Tri::Unknown);
    EXPECT_EQ(cond("Bool", "aws:SecureTransport", R"("true")"), Tri::Unknown);
    // Null takes no qualifier and no IfExists.
    EXPECT_EQ(cond("NullIfExists", kCn, R"("true")"), Tri::Unknown);
    EXPECT_EQ(cond("Null", kCn, R"("maybe")"), Tri::Unknown);
    ConditionContext untimed = request();
    std::erase_if(untimed.keys, [](const auto& k) { return k.first == "aws:CurrentTime"; });
    const TrustPolicyParse p = parse_trust_policy(policy({statement(R"({"DateLessThan":{"aws:CurrentTime":"2031-01-01T00:00:00Z"}})")}));
    ASSERT_TRUE(p.policy.has_value());
    const PolicyEvaluation e = evaluate_trust_policy(*p.policy, untimed);
    EXPECT_EQ(e.verdict, PolicyVerdict::Unknown) << "no --at time in this request";
    EXPECT_NE(e.summary.find("DateLessThan"), std::string::npos) << e.summary;
}

// ---- one test per operator family: true, false and missing-key cases

constexpr const char* kGoneKey = "aws:PrincipalTag/x509Subject/O";

TEST(TrustPolicyOperators, Null) {
    EXPECT_EQ(cond("Null", kGoneKey, R"("true")"), Tri::True);  // absent, and the policy asks "is it null?"
    EXPECT_EQ(cond("Null", kCn, R"("true")"), Tri::False);      // present
    EXPECT_EQ(cond("Null", kCn, R"("false")"), Tri::True);
    EXPECT_EQ(cond("Null", kGoneKey, R"("false")"), Tri::False);  // missing key: "must be present" fails
    EXPECT_EQ(cond("Null", kCn, "false"), Tri::True) << "a JSON boolean reads like the string";
}

TEST(TrustPolicyOperators, Bool) {
    EXPECT_EQ(cond("Bool", "test:Flag", R"("true")"), Tri::True);
    EXPECT_EQ(cond("Bool", "test:Flag", "true"), Tri::True);
    EXPECT_EQ(cond("Bool", "test:Flag", R"("FALSE")"), Tri::False);
    EXPECT_EQ(cond("Bool", kCn, R"("true")"), Tri::False) << "a non-boolean value never matches";
    EXPECT_EQ(cond("Bool", kGoneKey, R"("true")"), Tri::False);
    EXPECT_EQ(cond("BoolIfExists", kGoneKey, R"("true")"), Tri::True);
    EXPECT_EQ(cond("Bool", "test:Flag", R"("yes")"), Tri::Unknown) << "an unreadable policy value";
}

TEST(TrustPolicyOperators, Numeric) {
    EXPECT_EQ(cond("NumericEquals", "test:Count", R"("42")"), Tri::True);
    EXPECT_EQ(cond("NumericEquals", "test:Count", "42.0"), Tri::True);
    EXPECT_EQ(cond("NumericEquals", "test:Count", R"("41")"), Tri::False);
    EXPECT_EQ(cond("NumericNotEquals", "test:Count", R"("41")"), Tri::True);
    EXPECT_EQ(cond("NumericNotEquals", "test:Count", R"("42")"), Tri::False);
    EXPECT_EQ(cond("NumericLessThan", "test:Count", R"("43")"), Tri::True);
    EXPECT_EQ(cond("NumericLessThan", "test:Count", R"("42")"), Tri::False);
    EXPECT_EQ(cond("NumericLessThanEquals", "test:Count", R"("42")"), Tri::True);
    EXPECT_EQ(cond("NumericLessThanEquals", "test:Count", R"("-1")"), Tri::False);
    EXPECT_EQ(cond("NumericGreaterThan", "test:Count", R"("41.5")"), Tri::True);
    EXPECT_EQ(cond("NumericGreaterThan", "test:Count", R"("42")"), Tri::False);
    EXPECT_EQ(cond("NumericGreaterThanEquals", "test:Count", R"("42")"), Tri::True);
    EXPECT_EQ(cond("NumericGreaterThanEquals", "test:Count", R"("100")"), Tri::False);
    EXPECT_EQ(cond("NumericLessThan", kCn, R"("3")"), Tri::False) << "a non-numeric request value never matches";
    EXPECT_EQ(cond("NumericLessThan", "test:Count", R"("three")"), Tri::Unknown);
    EXPECT_EQ(cond("NumericLessThan", kGoneKey, R"("3")"), Tri::False);
    EXPECT_EQ(cond("NumericNotEquals", kGoneKey, R"("3")"), Tri::True);
    EXPECT_EQ(cond("NumericLessThanIfExists", kGoneKey, R"("3")"), Tri::True);
}

TEST(TrustPolicyOperators, DateAgainstTheCheckTime) {
    // request(): aws:CurrentTime is 2030-01-01T00:00:00Z (--at), aws:EpochTime 1893456000.
    EXPECT_EQ(cond("DateLessThan", "aws:CurrentTime", R"("2031-01-01T00:00:00Z")"), Tri::True);
    EXPECT_EQ(cond("DateLessThan", "aws:CurrentTime", R"("2029-06-01")"), Tri::False);
    EXPECT_EQ(cond("DateLessThanEquals", "aws:CurrentTime", R"("2030-01-01T00:00:00Z")"), Tri::True);
    EXPECT_EQ(cond("DateLessThanEquals", "aws:CurrentTime", R"("2029-12-31T23:59:59Z")"), Tri::False);
    EXPECT_EQ(cond("DateGreaterThan", "aws:CurrentTime", R"("2029-12-31T23:59:59Z")"), Tri::True);
    EXPECT_EQ(cond("DateGreaterThan", "aws:CurrentTime", R"("2030-01-01T00:00:00Z")"), Tri::False);
    EXPECT_EQ(cond("DateGreaterThanEquals", "aws:CurrentTime", R"("2030-01-01T01:00:00+01:00")"), Tri::True);
    EXPECT_EQ(cond("DateGreaterThanEquals", "aws:CurrentTime", R"("2030-01-02")"), Tri::False);
    EXPECT_EQ(cond("DateEquals", "aws:CurrentTime", R"("1893456000")"), Tri::True) << "epoch seconds";
    EXPECT_EQ(cond("DateEquals", "aws:EpochTime", R"("2030-01-01T00:00:00Z")"), Tri::True);
    EXPECT_EQ(cond("DateNotEquals", "aws:CurrentTime", R"("2030-01-01T00:00:00Z")"), Tri::False);
    EXPECT_EQ(cond("DateNotEquals", "aws:CurrentTime", R"("2030-01-02T00:00:00Z")"), Tri::True);
    EXPECT_EQ(cond("DateLessThan", "aws:CurrentTime", R"("next year")"), Tri::Unknown);
    EXPECT_EQ(cond("DateLessThan", kGoneKey, R"("2031-01-01")"), Tri::False);
    EXPECT_EQ(cond("DateLessThanIfExists", kGoneKey, R"("2031-01-01")"), Tri::True);
    EXPECT_EQ(cond("DateLessThan", kCn, R"("2031-01-01")"), Tri::False) << "a request value that is no date";
}

TEST(TrustPolicyOperators, StringNotLike) {
    EXPECT_EQ(cond("StringNotLike", kCn, R"(["*.example.org","admin*"])"), Tri::True);
    EXPECT_EQ(cond("StringNotLike", kCn, R"(["*.example.org","client.*"])"), Tri::False);
    EXPECT_EQ(cond("StringNotLike", kGoneKey, R"("x*")"), Tri::True);
    EXPECT_EQ(cond("StringNotLikeIfExists", kGoneKey, R"("x*")"), Tri::True);
    EXPECT_EQ(cond("ForAnyValue:StringNotLike", "test:Multi", R"("a")"), Tri::True);
    EXPECT_EQ(cond("ForAllValues:StringNotLike", "test:Multi", R"("?")"), Tri::False);
}

TEST(TrustPolicyOperators, QualifiersOnEmptySetsAndMissingKeys) {
    // An empty multi-valued key behaves as a missing one: ForAllValues holds vacuously, ForAnyValue does not.
    EXPECT_EQ(cond("ForAllValues:StringEquals", "test:Empty", R"("x")"), Tri::True);
    EXPECT_EQ(cond("ForAnyValue:StringEquals", "test:Empty", R"("x")"), Tri::False);
    EXPECT_EQ(cond("ForAllValues:StringNotEquals", kGoneKey, R"("x")"), Tri::True);
    EXPECT_EQ(cond("ForAnyValue:StringNotEquals", kGoneKey, R"("x")"), Tri::False);
    EXPECT_EQ(cond("ForAnyValue:StringEqualsIfExists", kGoneKey, R"("x")"), Tri::True);
    EXPECT_EQ(cond("ForAllValues:NumericLessThan", "test:Multi", R"("5")"), Tri::False);
}

TEST(TrustPolicyOperators, IfExistsOnPresentKeysStillCompares) {
    EXPECT_EQ(cond("StringEqualsIfExists", kCn, R"("client.example.com")"), Tri::True);
    EXPECT_EQ(cond("StringEqualsIfExists", kCn, R"("other")"), Tri::False);
    EXPECT_EQ(cond("StringLikeIfExists", kCn, R"("*.example.com")"), Tri::True);
    EXPECT_EQ(cond("ArnLikeIfExists", "aws:SourceArn", R"("arn:aws:rolesanywhere:*:999999999999:*")"), Tri::False);
}

TEST(TrustPolicy, SourceIdentityConditionsConstrainTheCertificate) {
    const PolicyEvaluation e = eval(policy({statement(R"({"StringEquals":{"sts:SourceIdentity":"CN=client.example.com"}})")}));
    EXPECT_EQ(e.verdict, PolicyVerdict::Allowed);
    EXPECT_TRUE(e.warnings.empty()) << "a condition on sts:SourceIdentity is a condition on the certificate";
    const PolicyEvaluation no = eval(policy({statement(R"({"StringLike":{"sts:SourceIdentity":"CN=admin*"}})")}));
    EXPECT_EQ(no.verdict, PolicyVerdict::NotAllowed);
}

TEST(TrustPolicy, ASanTheCertificateHoldsButRolesAnywhereDoesNotMapIsExplained) {
    ConditionContext c = request();
    c.unmapped.push_back({"aws:PrincipalTag/x509SAN/DNS", "DNS SAN", "api.example.com", "Roles Anywhere maps only the first DNS SAN"});
    const TrustPolicyParse p = parse_trust_policy(policy({statement(R"({"StringEquals":{"aws:PrincipalTag/x509SAN/DNS":"api.example.com"}})")}));
    ASSERT_TRUE(p.policy.has_value()) << p.error;
    const PolicyEvaluation e = evaluate_trust_policy(*p.policy, c);
    EXPECT_EQ(e.verdict, PolicyVerdict::NotAllowed);
    EXPECT_TRUE(has(e.summary, "the certificate holds DNS SAN 'api.example.com', but Roles Anywhere maps only the first DNS SAN")) << e.summary;
    // A negated condition that holds only because the value is not mapped says so too.
    const TrustPolicyParse n = parse_trust_policy(policy({statement(R"({"StringNotLike":{"aws:PrincipalTag/x509SAN/DNS":"api.*"}})")}));
    ASSERT_TRUE(n.policy.has_value());
    const PolicyEvaluation ne = evaluate_trust_policy(*n.policy, c);
    ASSERT_EQ(ne.statements.size(), 1u);
    EXPECT_EQ(ne.statements[0].conditions[0].result, Tri::True);
    EXPECT_TRUE(has(ne.statements[0].conditions[0].detail, "only because DNS SAN 'api.example.com' is not mapped")) << ne.statements[0].conditions[0].detail;
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
