// End-to-end: `certcheck access` on the organisation testdata/gen-access.sh builds. The expected
// matrix below is written out by hand from the IAM rules (AWS-RULES.md 5), not read back from
// certcheck: an Allow needs every condition true and no matching Deny; an explicit Deny wins; a
// certificate that cannot authenticate (untrusted, expired at --at, revoked) assumes nothing.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/roles_anywhere.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};
const std::string kArn{kTestAnchorArn};

std::string org(std::string_view rel) { return fixture("access/" + std::string{rel}); }

std::vector<std::string> base_args(const std::string& format) {
    return {"access", "--trust-anchor", org("anchor.pem"), "--trust-policy", org("roles/deploy.json"), "--trust-policy",
            org("roles/readonly-role.json"), "--trust-policy", org("roles/open.json"), "--trust-policy", org("roles/admin-role.json"),
            "--trust-anchor-arn", kArn, "--at", kAt, "--format", format};
}

struct Matrix {
    RunResult run;
    nlohmann::json doc;
    // "web-1" x "deploy" -> "allow"
    std::map<std::pair<std::string, std::string>, nlohmann::json> cells;
};

std::string workload_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    std::string base = path.substr(slash + 1);
    return base.substr(0, base.find('.'));
}

Matrix run_matrix(std::vector<std::string> extra) {
    std::vector<std::string> args = base_args("json");
    args.insert(args.end(), extra.begin(), extra.end());
    Matrix m;
    m.run = run_certcheck(args, 120);
    if (m.run.exit_code == 2) return m;  // an input error: nothing on standard output
    try {
        m.doc = nlohmann::json::parse(m.run.out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << e.what() << "\n"
                      << m.run.out << m.run.err;
        return m;
    }
    for (const auto& cell : m.doc["access"]) {
        m.cells[{workload_name(cell["certificate"]), cell["role"]}] = cell;
    }
    return m;
}

// The hand-written matrix: one row per certificate, roles in the order deploy, ReadOnly, open, Admin.
// "a1" = allow by statement 1, "d2" = deny by statement 2, "d" = deny with no deciding statement.
struct Row {
    const char* cert;
    const char* deploy;
    const char* readonly;
    const char* open;
    const char* admin;
};
constexpr Row kExpected[] = {
    // OU=Web, DNS web-1.svc.example.com: ReadOnly's StringLike *.svc.example.com holds.
    {"web-1", "d", "a1", "a1", "d"},
    {"web-2", "d", "a1", "a1", "d"},
    // OU=Deploy and aws:SourceArn is the anchor: deploy holds; its DNS is under ci., not svc.
    {"deploy-1", "a1", "d", "a1", "d"},
    // No SAN: no x509SAN/DNS tag, so StringLike on it is false.
    {"deploy-2", "a1", "d", "a1", "d"},
    // CN=admin-1 is listed by Admin's statement 1; no Deny matches.
    {"admin-1", "d", "d", "a1", "a1"},
    // CN=admin-2 is listed too, but OU=Contractors matches the Deny in statement 2: explicit deny wins.
    {"admin-2", "d", "d", "a1", "d2"},
    // Only the first DNS SAN (batch-1.jobs.example.com) is mapped; the svc one is not.
    {"batch-1", "d", "d", "a1", "d"},
    // Expired on 2028-12-31, revoked by the issuing CA's CRL, under the revoked Legacy CA, from another CA.
    {"old-1", "d", "d", "d", "d"},
    {"web-3", "d", "d", "d", "d"},
    {"legacy-1", "d", "d", "d", "d"},
    {"stranger", "d", "d", "d", "d"},
};

void expect_cell(const Matrix& m, const std::string& cert, const std::string& role, const std::string& want) {
    const auto it = m.cells.find({cert, role});
    ASSERT_NE(it, m.cells.end()) << cert << " x " << role;
    const nlohmann::json& c = it->second;
    const std::string decision = want[0] == 'a' ? "allow" : want[0] == 'u' ? "unknown"
                                                                           : "deny";
    EXPECT_EQ(c["decision"], decision) << cert << " x " << role << ": " << c.dump();
    if (want.size() > 1) {
        EXPECT_EQ(c["statement"], std::stoi(want.substr(1))) << cert << " x " << role << ": " << c.dump();
    } else {
        EXPECT_TRUE(c["statement"].is_null()) << cert << " x " << role << ": " << c.dump();
    }
}

TEST(AccessBinary, TheOrganisationsMatrixMatchesTheIamRules) {
    const Matrix m = run_matrix({"--crl", org("crl/issuing-ca.crl.pem"), "--crl", org("crl/root.crl.pem"), org("workloads"),
                                 org("stranger")});
    EXPECT_EQ(m.run.exit_code, 1) << "a role is open to any certificate\n"
                                  << m.run.err;
    ASSERT_EQ(m.doc["tool"], "certcheck");
    ASSERT_EQ(m.doc["roles"].size(), 4u);
    ASSERT_EQ(m.doc["certificates"].size(), 11u);
    ASSERT_EQ(m.doc["access"].size(), 44u);
    for (const Row& r : kExpected) {
        expect_cell(m, r.cert, "deploy", r.deploy);
        expect_cell(m, r.cert, "ReadOnly", r.readonly);
        expect_cell(m, r.cert, "open", r.open);
        expect_cell(m, r.cert, "Admin", r.admin);
    }
    // Roles: named by file stem (deploy, open) or by RoleName (ReadOnly, Admin from get-role output).
    std::map<std::string, nlohmann::json> roles;
    for (const auto& r : m.doc["roles"]) roles[r["role"]] = r;
    EXPECT_EQ(roles.at("deploy")["certificates_allowed"], 2);
    EXPECT_EQ(roles.at("ReadOnly")["certificates_allowed"], 2);
    EXPECT_EQ(roles.at("open")["certificates_allowed"], 7);
    EXPECT_EQ(roles.at("Admin")["certificates_allowed"], 1);
    EXPECT_EQ(roles.at("open")["any_certificate"], true);
    for (const char* closed : {"deploy", "ReadOnly", "Admin"}) EXPECT_EQ(roles.at(closed)["any_certificate"], false) << closed;
    EXPECT_EQ(m.doc["open_roles"], nlohmann::json::array({"open"}));
    EXPECT_EQ(m.doc["certificates_with_several_roles"].size(), 5u) << m.doc["certificates_with_several_roles"].dump();
    EXPECT_TRUE(m.doc["roles_no_certificate_can_assume"].empty());

    // Why, in words.
    const auto why = [&](const char* cert, const char* role) { return m.cells.at({cert, role})["why"].get<std::string>(); };
    EXPECT_TRUE(has(why("batch-1", "ReadOnly"),
                    "the certificate holds DNS SAN 'batch-1.svc.example.com', but Roles Anywhere maps only the first DNS SAN"))
        << why("batch-1", "ReadOnly");
    EXPECT_TRUE(has(why("admin-2", "Admin"), "denied by statement 2 (Sid NoContractors)")) << why("admin-2", "Admin");
    EXPECT_TRUE(has(why("old-1", "open"), "certificate has expired")) << why("old-1", "open");
    EXPECT_TRUE(has(why("web-3", "open"), "CN=web-3")) << why("web-3", "open");
    EXPECT_TRUE(has(why("web-3", "open"), "revoked by the CRL in " + org("crl/issuing-ca.crl.pem"))) << why("web-3", "open");
    EXPECT_TRUE(has(why("legacy-1", "open"), "the intermediate CN=Example Legacy CA")) << why("legacy-1", "open");
    EXPECT_TRUE(has(why("stranger", "open"), "unable to get local issuer certificate")) << why("stranger", "open");
    std::map<std::string, std::string> status;
    for (const auto& c : m.doc["certificates"]) status[workload_name(c["certificate"])] = c["status"];
    EXPECT_EQ(status["old-1"], "expired");
    EXPECT_EQ(status["web-3"], "revoked");
    EXPECT_EQ(status["legacy-1"], "revoked");
    EXPECT_EQ(status["stranger"], "untrusted");
    EXPECT_EQ(status["web-1"], "ok");
}

TEST(AccessBinary, WithoutTheCrlsTheRevokedCertificatesAuthenticate) {
    const Matrix m = run_matrix({org("workloads/web-3"), org("workloads/legacy-1")});
    expect_cell(m, "web-3", "ReadOnly", "a1");
    expect_cell(m, "legacy-1", "ReadOnly", "a1");
}

TEST(AccessBinary, AMappingWithoutOuLeavesTheDeployRoleToNobody) {
    const Matrix m = run_matrix({"--attribute-mapping", org("mapping-no-ou.json"), org("workloads")});
    expect_cell(m, "deploy-1", "deploy", "d");
    expect_cell(m, "deploy-2", "deploy", "d");
    // The Deny on OU=Contractors no longer matches either: admin-2 now gets Admin.
    expect_cell(m, "admin-2", "Admin", "a1");
    EXPECT_EQ(m.doc["roles_no_certificate_can_assume"], nlohmann::json::array({"deploy"}));
    EXPECT_TRUE(has(m.cells.at({"deploy-1", "deploy"})["why"].get<std::string>(),
                    "does not map x509Subject/OU"))
        << m.cells.at({"deploy-1", "deploy"})["why"];
    EXPECT_TRUE(has(m.doc["attribute_mapping"].get<std::string>(), "mapping-no-ou.json"));
}

TEST(AccessBinary, ACrlFromOutsideTheAnchorsHierarchyIsAnErrorNamingTheFile) {
    const Matrix m = run_matrix({"--crl", org("crl/other-ca.crl.pem"), org("workloads/web-1")});
    EXPECT_EQ(m.run.exit_code, 2);
    EXPECT_TRUE(has(m.run.err, org("crl/other-ca.crl.pem") + ": the CRL issued by CN=Other Root CA")) << m.run.err;
    EXPECT_TRUE(has(m.run.err, "not from the trust anchor's hierarchy")) << m.run.err;
    const RunResult notcrl = run_certcheck({"access", "--trust-anchor", org("anchor.pem"), "--trust-policy", org("roles/open.json"), "--crl",
                                            org("anchor.pem"), "--at", kAt, org("workloads/web-1")});
    EXPECT_EQ(notcrl.exit_code, 2);
    EXPECT_TRUE(has(notcrl.err, org("anchor.pem") + ": line 1: a CERTIFICATE block")) << notcrl.err;
}

TEST(AccessBinary, RolesFromBadFilesAreErrorsNamingTheFile) {
    TempDir dir;
    const std::string bad = dir.write("bad-role.json", R"({"Role":{"RoleName":"X","AssumeRolePolicyDocument":"%7B%zz"}})");
    const RunResult r = run_certcheck({"access", "--trust-anchor", org("anchor.pem"), "--trust-policy", bad, "--at", kAt, org("workloads/web-1")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, bad + ": not a role")) << r.err;
    const std::string neither = dir.write("neither.json", R"({"hello":1})");
    const RunResult n = run_certcheck({"access", "--trust-anchor", org("anchor.pem"), "--trust-policy", neither, "--at", kAt, org("workloads/web-1")});
    EXPECT_EQ(n.exit_code, 2);
    EXPECT_TRUE(has(n.err, "neither a trust policy")) << n.err;
}

TEST(AccessBinary, TextCsvAndHtml) {
    std::vector<std::string> extra = {"--crl", org("crl/issuing-ca.crl.pem"), org("workloads")};
    auto args = base_args("text");
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult text = run_certcheck(args, 120);
    EXPECT_TRUE(has(text.out, "CERTIFICATE")) << text.out;
    EXPECT_TRUE(has(text.out, "open (" + org("roles/open.json") + "): 8 certificates allowed; OPEN: any certificate issued by")) << text.out;
    EXPECT_TRUE(has(text.out, "certificates that can assume more than one role:")) << text.out;

    args = base_args("csv");
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult csv = run_certcheck(args, 120);
    EXPECT_TRUE(csv.out.starts_with("certificate,status,role,decision,statement,why\r\n")) << csv.out;
    EXPECT_TRUE(has(csv.out, org("workloads/admin-2/admin-2.pem") + ",ok,Admin,deny,2,denied by statement 2 (Sid NoContractors)\r\n")) << csv.out;
    EXPECT_TRUE(has(csv.out, ",revoked,open,deny,,")) << csv.out;

    TempDir dir;
    args = base_args("html");
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("--output");
    args.push_back(dir.path() + "/access.html");
    const RunResult html = run_certcheck(args, 120);
    EXPECT_EQ(html.exit_code, 1) << html.err;
    const std::string page = read_file(dir.path() + "/access.html");
    EXPECT_TRUE(page.starts_with("<!DOCTYPE html>")) << page.substr(0, 100);
    EXPECT_TRUE(has(page, "<td class=\"deny\" title=\"denied by statement 2 (Sid NoContractors)\">")) << page;
    EXPECT_TRUE(has(page, "x509SAN/DNS is &#39;batch-1.jobs.example.com&#39;")) << "quotes escaped";
    EXPECT_FALSE(has(page, "<script")) << "self-contained, no script";
}

TEST(AccessBinary, UsageErrors) {
    const RunResult none = run_certcheck({"access", "--trust-anchor", org("anchor.pem"), org("workloads")});
    EXPECT_EQ(none.exit_code, 2) << "--trust-policy is required";
    const RunResult empty = run_certcheck({"access", "--trust-anchor", org("anchor.pem"), "--trust-policy", org("roles/open.json"), "--at", kAt,
                                           org("roles")});
    EXPECT_EQ(empty.exit_code, 2);
    EXPECT_TRUE(has(empty.err, "no end-entity certificate found")) << empty.err;
}

TEST(AttributeMappingBinary, CheckAndScanFollowTheProfilesMapping) {
    const std::string cert = org("workloads/deploy-1/deploy-1.pem");
    const std::vector<std::string> common = {"--profile", "roles-anywhere", "--trust-anchor", org("anchor.pem"), "--trust-policy",
                                             org("roles/deploy.json"), "--trust-anchor-arn", kArn, "--at", kAt, "--only", "ra-trust-policy"};
    std::vector<std::string> args = {"check", "--no-config", "--cert", cert, "--chain", org("workloads/deploy-1/chain.pem")};
    args.insert(args.end(), common.begin(), common.end());
    const RunResult plain = run_certcheck(args);
    EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
    EXPECT_TRUE(has(plain.out, "aws:PrincipalTag/x509Subject/OU = Deploy")) << plain.out;

    args.push_back("--attribute-mapping");
    args.push_back(org("mapping-no-ou.json"));
    const RunResult mapped = run_certcheck(args);
    EXPECT_EQ(mapped.exit_code, 1) << mapped.out << mapped.err;
    EXPECT_TRUE(has(mapped.out, "roles-anywhere session (attribute mapping from " + org("mapping-no-ou.json") + "):")) << mapped.out;
    EXPECT_FALSE(has(mapped.out, "aws:PrincipalTag/x509Subject/OU = Deploy")) << mapped.out;
    EXPECT_TRUE(has(mapped.out, "not mapped: x509Subject/OU = Deploy")) << mapped.out;
    EXPECT_TRUE(has(mapped.out,
                    "this certificate produces no x509Subject/OU tag; the certificate holds x509Subject/OU 'Deploy', but the "
                    "attribute mapping from " +
                        org("mapping-no-ou.json") + " does not map x509Subject/OU [ra-trust-policy]"))
        << mapped.out;

    std::vector<std::string> scan = {"scan", "--no-config", org("workloads/deploy-1"), "--format", "json", "--attribute-mapping",
                                     org("mapping-no-ou.json")};
    scan.insert(scan.end(), common.begin(), common.end());
    const RunResult s = run_certcheck(scan);
    EXPECT_EQ(s.exit_code, 1) << s.out << s.err;
    EXPECT_TRUE(has(s.out, "does not map x509Subject/OU")) << s.out;

    // A bad mapping file is an input error naming it; the options need the roles-anywhere profile.
    TempDir dir;
    const std::string bad = dir.write("mapping.json", R"({"attributeMappings":[{"certificateField":"x509Everything","mappingRules":[]}]})");
    const RunResult b = run_certcheck({"check", "--no-config", "--cert", cert, "--profile", "roles-anywhere", "--attribute-mapping", bad});
    EXPECT_EQ(b.exit_code, 2);
    EXPECT_TRUE(has(b.err, bad + ": not an attribute mapping: attributeMappings[0]: certificateField is 'x509Everything'")) << b.err;
    const RunResult wrong = run_certcheck({"check", "--no-config", "--cert", cert, "--attribute-mapping", org("mapping-no-ou.json")});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_TRUE(has(wrong.err, "apply to --profile roles-anywhere")) << wrong.err;
}

TEST(CrlBinary, CheckReportsARevokedCertificate) {
    const RunResult r = run_certcheck({"check", "--no-config", "--profile", "roles-anywhere", "--cert", org("workloads/web-3/web-3.pem"),
                                       "--chain", org("workloads/web-3/chain.pem"), "--trust-anchor", org("anchor.pem"), "--crl",
                                       org("crl/issuing-ca.crl.pem"), "--at", kAt, "--only", "ra-revoked"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "is revoked by the CRL in " + org("crl/issuing-ca.crl.pem"))) << r.out;
    const RunResult no_anchor = run_certcheck({"check", "--no-config", "--profile", "roles-anywhere", "--cert",
                                               org("workloads/web-3/web-3.pem"), "--crl", org("crl/issuing-ca.crl.pem")});
    EXPECT_EQ(no_anchor.exit_code, 2);
    EXPECT_TRUE(has(no_anchor.err, "--crl needs --trust-anchor")) << no_anchor.err;
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

// scan finishes each subject as check does: the Roles Anywhere session preview (json and text)
// and the command to run next.
TEST(ScanPreview, ScanShowsTheSessionPreviewAndNextCommandAsCheckDoes) {
    const std::string dir = org("workloads/deploy-1");
    const std::vector<std::string> common = {"--no-config", "--profile", "roles-anywhere", "--trust-anchor", org("anchor.pem"),
                                             "--trust-policy", org("roles/deploy.json"), "--trust-anchor-arn", kArn, "--at", kAt};
    std::vector<std::string> check = {"check", "--cert", dir + "/deploy-1.pem", "--chain", dir + "/chain.pem", "--format", "json"};
    check.insert(check.end(), common.begin(), common.end());
    std::vector<std::string> scan = {"scan", dir, "--format", "json"};
    scan.insert(scan.end(), common.begin(), common.end());
    const RunResult c = run_certcheck(check);
    const RunResult s = run_certcheck(scan);
    const auto cj = nlohmann::json::parse(c.out);
    const auto sj = nlohmann::json::parse(s.out);
    ASSERT_EQ(sj["subjects"].size(), 1u) << s.out;
    const auto& cs = cj["subjects"][0];
    const auto& ss = sj["subjects"][0];
    ASSERT_TRUE(ss.contains("roles_anywhere")) << s.out;
    EXPECT_EQ(ss["roles_anywhere"], cs["roles_anywhere"]);
    EXPECT_FALSE(ss["roles_anywhere"]["session_tags"].empty()) << s.out;
    EXPECT_EQ(ss["verdict"], cs["verdict"]);

    std::vector<std::string> text = {"scan", dir};
    text.insert(text.end(), common.begin(), common.end());
    const RunResult t = run_certcheck(text);
    EXPECT_TRUE(has(t.out, "roles-anywhere session (default attribute mapping):")) << t.out;
    EXPECT_TRUE(has(t.out, "aws:PrincipalTag/x509Subject/OU = Deploy")) << t.out;
    ASSERT_EQ(ss["verdict"], "pass") << s.out;
    EXPECT_TRUE(has(t.out, "next: aws_signing_helper credential-process")) << t.out;
}

}  // namespace
}  // namespace certcheck::test
