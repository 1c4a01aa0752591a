// End-to-end: `check --profile X` for cloudfront, acm, iam-signing and roles-anywhere on
// generated fixtures, with the next command each prints; the roles-anywhere preview in text and
// json; the new inputs' exit-2 errors; `profiles` and `rules --profile X`.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/report.hpp"
#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};
const std::string kArn{kTestAnchorArn};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ProfilesBinary, CloudfrontPassesAndPrintsTheIamCommandWithItsPath) {
    const RunResult r = run_certcheck({"check", "--profile", "cloudfront", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"),
                                       "--chain", fixture("chain-no-root.pem"), "--trust-store", fixture("root-ca.pem"), "--path",
                                       "/cloudfront/prod/", "--name", "www", "--at", kAt});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out,
                         "next: aws iam upload-server-certificate --server-certificate-name www --path /cloudfront/prod/ "
                         "--certificate-body file://" +
                             fixture("leaf.pem")))
        << r.out;
}

TEST(ProfilesBinary, CloudfrontTakesAnEcP256KeyInSec1) {
    const Checked c = check_json_report({"--profile", "cloudfront", "--cert", fixture("ec-leaf.pem"), "--key", fixture("ec-leaf.key"),
                                         "--chain", fixture("chain-no-root.pem"), "--trust-store", fixture("root-ca.pem"), "--path",
                                         "/cloudfront/x/", "--at", kAt},
                                        60);
    EXPECT_EQ(c.run.exit_code, 0) << c.context();
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "pass") << c.msg("key-rsa-pkcs1");
    EXPECT_EQ(c.st("cloudfront-key"), "pass");
    // The same key under iam-server is refused: the allowance is the profile's parameter.
    const Checked iam = check_json_report({"--cert", fixture("ec-leaf.pem"), "--key", fixture("ec-leaf.key"), "--at", kAt}, 60);
    EXPECT_EQ(iam.st("key-rsa-pkcs1"), "error");
}

TEST(ProfilesBinary, CloudfrontFailsFor4096BitsAWrongPathAndARoot) {
    const Checked c = check_json_report({"--profile", "cloudfront", "--cert", fixture("rsa4096-leaf.pem"), "--key",
                                         fixture("rsa4096-leaf.key"), "--chain", fixture("chain.pem"), "--path", "/prod/", "--at", kAt},
                                        60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("cloudfront-key"), "error");
    EXPECT_EQ(c.st("cloudfront-path"), "error");
    EXPECT_EQ(c.st("chain-no-root"), "warn");
    EXPECT_EQ(c.st("key-size"), "pass") << "4096 bits is fine for IAM itself";
    EXPECT_EQ(c.doc["profile"], "cloudfront");
}

TEST(ProfilesBinary, AcmPassesAndPrintsImportCertificateWithFileb) {
    const RunResult r = run_certcheck({"check", "--profile", "acm", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-pkcs8.key"),
                                       "--chain", fixture("chain.pem"), "--at", kAt});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "next: aws acm import-certificate --certificate fileb://" + fixture("leaf.pem") +
                                    " --private-key fileb://" + fixture("leaf-pkcs8.key") + " --certificate-chain fileb://" +
                                    fixture("chain.pem")))
        << r.out;
}

TEST(ProfilesBinary, AcmTakesEachSupportedKeyAndRefusesOthers) {
    const std::vector<std::pair<std::string, std::string>> ok = {
        {fixture("rsa1024-leaf.pem"), fixture("rsa1024-leaf.key")}, {fixture("leaf.pem"), fixture("leaf.key")}, {pfixture("acm-rsa3072.pem"), pfixture("acm-rsa3072.key")}, {fixture("rsa4096-leaf.pem"), fixture("rsa4096-leaf.key")}, {fixture("ec-leaf.pem"), fixture("ec-leaf.key")}, {pfixture("acm-secp384r1.pem"), pfixture("acm-secp384r1.key")}, {pfixture("acm-secp521r1.pem"), pfixture("acm-secp521r1.key")}};
    for (const auto& [cert, key] : ok) {
        const Checked c = check_json_report({"--profile", "acm", "--cert", cert, "--key", key, "--chain", fixture("chain.pem"), "--at", kAt}, 60);
        EXPECT_EQ(c.st("acm-key-algorithm"), "pass") << cert;
        // The EC fixtures are issued by the RSA test intermediate: ACM refuses them for that reason alone.
        const bool ec = c.msg("acm-key-algorithm").find("EC ") != std::string::npos;
        EXPECT_EQ(c.run.exit_code, ec ? 1 : 0) << c.context();
        EXPECT_EQ(c.st("acm-issuer-key-algorithm"), ec ? "error" : "pass") << cert;
    }
    for (const auto& [cert, key] : std::vector<std::pair<std::string, std::string>>{
             {fixture("rsa6144-leaf.pem"), fixture("rsa6144-leaf.key")},
             {pfixture("acm-secp256k1.pem"), pfixture("acm-secp256k1.key")},
             {pfixture("acm-ed25519.pem"), pfixture("acm-ed25519.key")}}) {
        const Checked c = check_json_report({"--profile", "acm", "--cert", cert, "--key", key, "--chain", fixture("chain.pem"), "--at", kAt}, 60);
        EXPECT_EQ(c.run.exit_code, 1) << c.context();
        EXPECT_EQ(c.st("acm-key-algorithm"), "error") << cert;
    }
}

TEST(ProfilesBinary, AcmMakesTrailingWhitespaceAnError) {
    const Checked acm = check_json_report({"--profile", "acm", "--cert", fixture("leaf-trailing-space.pem"), "--key", fixture("leaf.key"),
                                           "--chain", fixture("chain.pem"), "--at", kAt},
                                          60);
    EXPECT_EQ(acm.st("pem-trailing-whitespace"), "error");
    EXPECT_EQ(acm.run.exit_code, 1);
    const Checked iam = check_json_report({"--cert", fixture("leaf-trailing-space.pem"), "--key", fixture("leaf.key"), "--chain",
                                           fixture("chain.pem"), "--at", kAt},
                                          60);
    EXPECT_EQ(iam.st("pem-trailing-whitespace"), "warn");
}

TEST(ProfilesBinary, AcmRefusesAVersion1Certificate) {
    const Checked c = check_json_report({"--profile", "acm", "--cert", pfixture("acm-v1.pem"), "--key", pfixture("acm-v1.key"), "--chain",
                                         fixture("chain.pem"), "--at", kAt},
                                        60);
    EXPECT_EQ(c.st("acm-x509v3"), "error");
    EXPECT_EQ(c.run.exit_code, 1);
}

TEST(ProfilesBinary, IamSigningPrintsUploadSigningCertificate) {
    const RunResult r = run_certcheck({"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--user-name", "alice", "--at", kAt});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "next: aws iam upload-signing-certificate --user-name alice --certificate-body file://" + fixture("leaf.pem")))
        << r.out;
    EXPECT_FALSE(contains(r.out, "KEY.pem")) << r.out;
    const RunResult mismatch = run_certcheck({"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--key",
                                              fixture("other.key"), "--at", kAt});
    EXPECT_EQ(mismatch.exit_code, 1) << mismatch.out;
    EXPECT_TRUE(contains(mismatch.out, "[key-matches-cert]")) << mismatch.out;
}

std::vector<std::string> ra_args(const std::string& cert, std::vector<std::string> extra) {
    std::vector<std::string> args{"--profile", "roles-anywhere", "--cert", pfixture(cert), "--at", kAt};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

TEST(ProfilesBinary, RolesAnywherePassesWithPreviewInText) {
    std::vector<std::string> args{"check"};
    for (auto& a : ra_args("ra-leaf.pem", {"--key", pfixture("ra-leaf.key"), "--chain", fixture("inter-ca.pem"), "--trust-anchor",
                                           pfixture("ra-anchor.pem"), "--trust-policy", pfixture("policy-allow.json"),
                                           "--trust-anchor-arn", kArn})) {
        args.push_back(a);
    }
    const RunResult r = run_certcheck(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "aws:PrincipalTag/x509Subject/CN = ra-client.example.com")) << r.out;
    EXPECT_TRUE(contains(r.out, "aws:PrincipalTag/x509Subject/OU = Security/Engineering/Research")) << r.out;
    EXPECT_TRUE(contains(r.out, "source identity: CN=ra-client.example.com")) << r.out;
    EXPECT_TRUE(contains(r.out, "default session name: ")) << r.out;
    EXPECT_TRUE(contains(r.out, "allowed by statement 1 (Sid ClientCertificates)")) << r.out;
    EXPECT_TRUE(contains(r.out, "next: aws_signing_helper credential-process --certificate " + pfixture("ra-leaf.pem"))) << r.out;
    EXPECT_TRUE(contains(r.out, "--trust-anchor-arn " + kArn)) << r.out;
}

TEST(ProfilesBinary, RolesAnywherePreviewInJsonAfterTheContractKeys) {
    const Checked c = check_json_report(ra_args("ra-badtags.pem", {"--chain", fixture("inter-ca.pem"), "--trust-anchor", pfixture("ra-anchor.pem"),
                                                                   "--trust-policy", pfixture("policy-block.json"), "--trust-anchor-arn", kArn}),
                                        60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    const auto& subject = c.doc["subjects"][0];
    // Key order in the raw output: the SPEC section 3 keys first, then roles_anywhere, not_checked, then
    // the inventory keys (docs/formats.md).
    std::vector<std::size_t> at;
    for (const char* key : {"\"name\"", "\"inputs\"", "\"verdict\"", "\"error\"", "\"findings\"", "\"roles_anywhere\"",
                            "\"not_checked\"", "\"certificates\"", "\"files\""}) {
        at.push_back(c.run.out.find(key, c.run.out.find("\"subjects\"")));
        EXPECT_NE(at.back(), std::string::npos) << key;
    }
    EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << c.run.out;
    EXPECT_EQ(subject.size(), 9u);  // not_checked: no --key, no --trust-anchor
    const auto& ra = subject["roles_anywhere"];
    bool saw_dropped_ou = false;
    for (const auto& t : ra["session_tags"]) {
        if (t["key"] == "aws:PrincipalTag/x509Subject/OU") saw_dropped_ou = t["dropped"] == true && t["reason"].is_string();
    }
    EXPECT_TRUE(saw_dropped_ou) << ra.dump(2);
    EXPECT_EQ(ra["source_identity"], "CN=ra-badtags.example.com");
    EXPECT_TRUE(ra["session_name"].is_string());
    EXPECT_EQ(ra["trust_policy"]["verdict"], "not-allowed");
    EXPECT_EQ(ra["trust_policy"]["statements"][0]["sid"], "OnlyBilling");
    EXPECT_EQ(c.st("ra-tag-values"), "warn");
    EXPECT_EQ(c.st("ra-trust-policy"), "error");
    EXPECT_TRUE(contains(c.msg("ra-trust-policy"), "this certificate produces no x509Subject/OU tag")) << c.msg("ra-trust-policy");
}

TEST(ProfilesBinary, RolesAnywhereNdjsonLineCarriesThePreviewBeforeTheRunFields) {
    const RunResult r = run_certcheck({"check", "--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--trust-policy",
                                       pfixture("policy-no-condition.json"), "--at", kAt, "--format", "ndjson"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    const auto line = nlohmann::json::parse(r.out);
    EXPECT_EQ(line["roles_anywhere"]["trust_policy"]["verdict"], "allowed");
    EXPECT_EQ(line["roles_anywhere"]["trust_policy"]["warnings"].size(), 1u);
    EXPECT_LT(r.out.find("\"findings\""), r.out.find("\"roles_anywhere\""));
    EXPECT_LT(r.out.find("\"roles_anywhere\""), r.out.find("\"profile\""));
}

TEST(ProfilesBinary, OtherProfilesHaveNoRolesAnywhereKey) {
    const Checked c = check_json_report({"--cert", fixture("leaf.pem"), "--at", kAt}, 60);
    EXPECT_FALSE(c.doc["subjects"][0].contains("roles_anywhere"));
}

TEST(ProfilesBinary, RolesAnywhereCasesFromTheIssue) {
    struct Case {
        std::string cert;
        std::vector<std::string> extra;
        std::string rule;
        std::string status;
    };
    const std::vector<Case> cases = {
        {"ra-v1.pem", {}, "ra-x509v3", "error"},
        {"ra-ca-true.pem", {}, "ra-basic-constraints", "error"},
        {"ra-no-ds.pem", {}, "ra-key-usage", "error"},
        {"ra-empty-subject.pem", {}, "ra-subject-present", "error"},
        {"ra-leaf.pem", {"--trust-anchor", pfixture("ra-anchor-3.pem")}, "ra-anchor-bundle", "error"},
        {"ra-deep-leaf.pem", {"--chain", pfixture("ra-deep-chain.pem"), "--trust-anchor", pfixture("ra-anchor.pem")}, "ra-chain-to-anchor", "error"},
        {"ra-depth5-leaf.pem", {"--chain", pfixture("ra-depth5-chain.pem"), "--trust-anchor", pfixture("ra-anchor.pem")}, "ra-chain-to-anchor", "pass"},
        {"ra-leaf.pem", {"--trust-policy", pfixture("policy-no-condition.json")}, "ra-trust-policy", "warn"},
        {"ra-leaf.pem", {"--trust-policy", pfixture("policy-unsupported.json")}, "ra-trust-policy", "error"},
    };
    for (const Case& k : cases) {
        const Checked c = check_json_report(ra_args(k.cert, k.extra), 60);
        EXPECT_EQ(c.st(k.rule), k.status) << k.cert << ": " << c.msg(k.rule);
    }
    const std::string sha1 = fixture("sha1-leaf.pem");
    const Checked c = check_json_report({"--profile", "roles-anywhere", "--cert", sha1, "--at", kAt}, 60);
    EXPECT_EQ(c.st("ra-signature-algorithm"), "error");
}

TEST(ProfilesBinary, BadRolesAnywhereInputsExitTwoNamingTheFile) {
    const std::string malformed = pfixture("policy-malformed.json");
    const RunResult bad = run_certcheck({"check", "--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--trust-policy",
                                         "file://" + malformed, "--at", kAt});
    EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
    EXPECT_TRUE(contains(bad.err, malformed)) << bad.err;
    EXPECT_TRUE(contains(bad.err, "line 7, column")) << bad.err;
    const RunResult missing = run_certcheck({"check", "--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--trust-anchor",
                                             "/nonexistent/anchor.pem", "--at", kAt});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(contains(missing.err, "/nonexistent/anchor.pem")) << missing.err;
    const RunResult arn = run_certcheck({"check", "--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--trust-anchor-arn",
                                         "not-an-arn", "--at", kAt});
    EXPECT_EQ(arn.exit_code, 2);
    EXPECT_TRUE(contains(arn.err, "--trust-anchor-arn")) << arn.err;
    const RunResult wrong = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--trust-anchor", pfixture("ra-anchor.pem"), "--at", kAt});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_TRUE(contains(wrong.err, "roles-anywhere")) << wrong.err;
}

TEST(ProfilesBinary, ProfilesAndRulesListTheNewProfiles) {
    const RunResult list = run_certcheck({"profiles"});
    EXPECT_EQ(list.exit_code, 0);
    for (const char* p : {"iam-server", "cloudfront", "acm", "iam-signing", "roles-anywhere"}) EXPECT_TRUE(contains(list.out, p)) << p;
    const RunResult ra = run_certcheck({"rules", "--profile", "roles-anywhere"});
    EXPECT_EQ(ra.exit_code, 0) << ra.err;
    EXPECT_TRUE(contains(ra.out, "ra-chain-to-anchor")) << ra.out;
    EXPECT_FALSE(contains(ra.out, "key-rsa-pkcs1")) << ra.out;
    const RunResult acm = run_certcheck({"rules", "--profile", "acm"});
    EXPECT_TRUE(contains(acm.out, "acm-key-algorithm")) << acm.out;
}

TEST(ProfilesBinary, ScanAcceptsEveryProfile) {
    for (const char* p : {"cloudfront", "acm", "iam-signing", "roles-anywhere"}) {
        const RunResult r = run_certcheck({"scan", "--profile", p, "--at", kAt, "--format", "json", source_path("testdata/examples")});
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << p << ": " << r.err;
        EXPECT_TRUE(contains(r.out, std::string{"\"profile\": \""} + p + "\"")) << r.out;
    }
}

}  // namespace
}  // namespace certcheck::test
