// The access core: roles from policy files and get-role output, and which roles count as open to
// any certificate (a certificate with no subject or SAN attributes from a CA of the hierarchy).
#include <gtest/gtest.h>

#include <map>

#include "access/access.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

std::string org(std::string_view rel) { return fixture("access/" + std::string{rel}); }

constexpr const char* kActions = R"("Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"])";

std::string allow_when(const std::string& condition) {
    std::string s = R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},)" + std::string{kActions};
    if (!condition.empty()) s += R"(,"Condition":)" + condition;
    return s + "}]}";
}

Role role(const std::string& name, const std::string& policy) {
    TrustPolicyParse p = parse_trust_policy(policy);
    EXPECT_TRUE(p.policy.has_value()) << p.error;
    return Role{name, name + ".json", p.policy ? *p.policy : TrustPolicy{}};
}

TEST(AccessRoles, PolicyFilesAreNamedByStemAndGetRoleOutputByRoleName) {
    const Role plain = load_role(org("roles/deploy.json"));
    EXPECT_EQ(plain.name, "deploy");
    ASSERT_EQ(plain.policy.statements.size(), 1u);
    const Role encoded = load_role(org("roles/readonly-role.json"));
    EXPECT_EQ(encoded.name, "ReadOnly");
    ASSERT_EQ(encoded.policy.statements.size(), 1u);
    ASSERT_EQ(encoded.policy.statements[0].conditions.size(), 1u);
    EXPECT_EQ(encoded.policy.statements[0].conditions[0].values, std::vector<std::string>{"*.svc.example.com"});
    const Role object = load_role(org("roles/admin-role.json"));
    EXPECT_EQ(object.name, "Admin");
    EXPECT_EQ(object.policy.statements.size(), 2u);
    // The inner Role object alone, as `--query Role` prints it.
    const std::string inner = temp_dir().write("inner-role.json", R"({"RoleName":"Inner","AssumeRolePolicyDocument":)" + allow_when("") + "}");
    EXPECT_EQ(load_role(inner).name, "Inner");
}

TEST(AccessRoles, BadRoleFilesNameTheFile) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    for (const std::string bad : {deep.c_str(), R"({"Role":{"RoleName":"X","AssumeRolePolicyDocument":"%7B%"}})", R"({"Role":{"AssumeRolePolicyDocument":7}})",
                                  R"({"Role":{"AssumeRolePolicyDocument":"%7B%7D"}})", "[]", "{"}) {
        const std::string path = temp_dir().write("bad-role.json", bad);
        try {
            (void)load_role(path);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const InputError& e) {
            EXPECT_TRUE(has(e.what(), path + ": not a role")) << e.what();
        }
    }
}

AccessMatrix matrix(std::vector<Role> roles) {
    AccessInputs in;
    in.anchors = load_file(read_input(Slot::TrustAnchor, org("anchor.pem"))).certs;
    in.roles = std::move(roles);
    in.at = kTestTime;
    const FoundCertificates found = find_certificates({org("workloads/web-1"), org("workloads/admin-1")});
    EXPECT_EQ(found.subjects.size(), 2u);
    return build_access_matrix(in, found.subjects);
}

TEST(AccessMatrixCore, OpenRolesAreThoseACertificateWithoutAttributesCanAssume) {
    const AccessMatrix m = matrix({
        role("none", allow_when("")),
        role("negated", allow_when(R"({"StringNotEquals":{"aws:PrincipalTag/x509Subject/OU":"Contractors"}})")),
        role("issuer-only", allow_when(R"({"StringEquals":{"aws:PrincipalTag/x509Issuer/CN":"Example Issuing CA"}})")),
        role("if-exists", allow_when(R"({"StringEqualsIfExists":{"aws:PrincipalTag/x509SAN/DNS":"web-1.svc.example.com"}})")),
        role("by-cn", allow_when(R"({"StringEquals":{"aws:PrincipalTag/x509Subject/CN":"web-1"}})")),
        role("by-source-identity", allow_when(R"({"StringLike":{"sts:SourceIdentity":"CN=admin-*"}})")),
        role("nobody", allow_when(R"({"StringEquals":{"aws:PrincipalTag/x509Subject/CN":"nobody"}})")),
    });
    std::map<std::string, const AccessRole*> by;
    for (const AccessRole& r : m.roles) by[r.name] = &r;
    EXPECT_TRUE(by["none"]->any_certificate);
    EXPECT_TRUE(by["negated"]->any_certificate) << "a missing OU satisfies StringNotEquals";
    EXPECT_TRUE(by["issuer-only"]->any_certificate) << "every certificate the issuing CA signs carries that issuer tag";
    EXPECT_TRUE(has(by["issuer-only"]->any_certificate_why, "issued by CN=Example Issuing CA")) << by["issuer-only"]->any_certificate_why;
    EXPECT_TRUE(by["if-exists"]->any_certificate) << "a certificate without a DNS SAN passes IfExists";
    EXPECT_FALSE(by["by-cn"]->any_certificate);
    EXPECT_FALSE(by["by-source-identity"]->any_certificate);
    EXPECT_FALSE(by["nobody"]->any_certificate);
    EXPECT_EQ(by["by-cn"]->certificates_allowed, 1u);
    EXPECT_EQ(by["by-source-identity"]->certificates_allowed, 1u);
    EXPECT_EQ(by["nobody"]->certificates_allowed, 0u);
    EXPECT_EQ(access_exit_code(m), 1);
}

TEST(AccessMatrixCore, UnknownWhenAConditionCannotBeDecided) {
    const AccessMatrix m = matrix({role("ip", allow_when(R"({"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}})")),
                                   role("arn", allow_when(R"({"ArnEquals":{"aws:SourceArn":"arn:aws:rolesanywhere:us-east-1:1:trust-anchor/x"}})"))});
    for (std::size_t c = 0; c < m.certificates.size(); ++c) {
        EXPECT_EQ(m.at(c, 0).decision, Decision::Unknown) << m.at(c, 0).why;
        EXPECT_EQ(m.at(c, 1).decision, Decision::Unknown) << "no --trust-anchor-arn: " << m.at(c, 1).why;
        EXPECT_EQ(m.at(c, 1).statement, 1);
    }
    EXPECT_EQ(access_exit_code(m), 0);
}

}  // namespace
}  // namespace certcheck::test
