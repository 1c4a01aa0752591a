// End-to-end (issue 14 items 2 and 3): a file given as --key is validated in every profile (a public
// key, a certificate, an encrypted key, another certificate's key never pass with key-matches-cert
// silently not-applicable); roles-anywhere flags the legacy Proc-Type PEM aws_signing_helper cannot
// read and warns on encrypted PKCS#8 it can; a missing --trust-anchor or --key is reported as not
// checked; iam-signing's --user-name is validated and carried into the printed command.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/report.hpp"
#include "support/roles_anywhere.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(KeyAlwaysValidated, EveryProfileFailsABadKeyFile) {
    // cert, key, the rule expected to fail
    const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
        {fixture("leaf.pem"), fixture("leaf-pub.pem"), "key-pem"},
        {fixture("leaf.pem"), fixture("key-is-cert.key"), "key-pem"},
        {fixture("leaf.pem"), fixture("leaf-enc-pkcs8.key"), "key-unencrypted"},
        {fixture("leaf.pem"), fixture("other.key"), "key-matches-cert"},
    };
    for (const std::string profile : {"iam-server", "cloudfront", "acm", "iam-signing", "roles-anywhere"}) {
        for (const auto& [cert, key, rule] : cases) {
            const Checked c = check_json_report({"--profile", profile, "--cert", cert, "--key", key, "--at", kAt}, 60);
            const bool ra_pkcs8 = profile == "roles-anywhere" && rule == "key-unencrypted";
            // Roles Anywhere's helper reads encrypted PKCS#8: a warning that the pair was not compared.
            EXPECT_EQ(c.st(rule), ra_pkcs8 ? "warn" : "error") << profile << " " << key << "\n"
                                                               << c.context();
            if (!ra_pkcs8) {
                EXPECT_EQ(c.run.exit_code, 1) << profile << " " << key;
            }
            if (c.st("key-matches-cert") == "not-applicable") {
                EXPECT_TRUE(contains(c.msg("key-matches-cert"), "see key-")) << c.msg("key-matches-cert");
            }
        }
    }
}

TEST(KeyAlwaysValidated, RolesAnywhereRefusesLegacyEncryptedPem) {
    const Checked c = check_json_report({"--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--key",
                                         fixture("leaf-enc-legacy.key"), "--chain", fixture("inter-ca.pem"), "--trust-anchor",
                                         pfixture("ra-anchor.pem"), "--at", kAt},
                                        60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("key-unencrypted"), "error");
    EXPECT_TRUE(contains(c.msg("key-unencrypted"), "Proc-Type: 4,ENCRYPTED), which aws_signing_helper cannot read"))
        << c.msg("key-unencrypted");
    EXPECT_TRUE(contains(c.hint.at("key-unencrypted"), "openssl pkcs8 -topk8 -v2 aes-256-cbc")) << c.hint.at("key-unencrypted");
}

TEST(KeyAlwaysValidated, RolesAnywhereWithoutATrustAnchorSaysWhatWasNotChecked) {
    const RunResult r = run_certcheck({"check", "--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--key",
                                       pfixture("ra-leaf.key"), "--at", kAt});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out,
                         "not checked: no --trust-anchor was given, so the path to a Roles Anywhere trust anchor was not "
                         "checked"))
        << r.out;
    const Checked j = check_json_report({"--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--at", kAt}, 60);
    ASSERT_TRUE(j.doc["subjects"][0].contains("not_checked")) << j.context();
    const auto& nc = j.doc["subjects"][0]["not_checked"];
    ASSERT_EQ(nc.size(), 2u) << nc.dump();
    EXPECT_TRUE(contains(nc[0].get<std::string>(), "no --key was given")) << nc.dump();
    EXPECT_TRUE(contains(nc[1].get<std::string>(), "no --trust-anchor was given")) << nc.dump();
    // With both inputs there is nothing to say.
    const Checked full = check_json_report({"--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--key", pfixture("ra-leaf.key"),
                                            "--chain", fixture("inter-ca.pem"), "--trust-anchor", pfixture("ra-anchor.pem"), "--at", kAt},
                                           60);
    EXPECT_EQ(full.run.exit_code, 0) << full.context();
    EXPECT_FALSE(full.doc["subjects"][0].contains("not_checked"));
}

TEST(KeyAlwaysValidated, AFailingRunStillSaysWhatWasNotChecked) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("expired.pem"), "--at", kAt});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "not checked: no --key was given, so the private key was not checked")) << r.out;
}

TEST(IamSigningUserName, IsCarriedIntoTheCommandAndTheSubjectIsTheFile) {
    const RunResult r = run_certcheck({"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"),
                                       "--user-name", "deploy+ci@example.com", "--at", kAt});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "PASS " + fixture("leaf.pem") + ":")) << r.out;
    EXPECT_TRUE(contains(r.out, "next: aws iam upload-signing-certificate --user-name deploy+ci@example.com --certificate-body file://" +
                                    fixture("leaf.pem")))
        << r.out;
    EXPECT_FALSE(contains(r.out, "USER stands for")) << r.out;
    const RunResult none = run_certcheck({"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--at", kAt});
    EXPECT_TRUE(contains(none.out, "--user-name USER --certificate-body")) << none.out;
    EXPECT_TRUE(contains(none.out, "no --user-name was given; USER stands for the IAM user name")) << none.out;
}

TEST(IamSigningUserName, InvalidNamesAndWrongProfilesAreUsageErrors) {
    const std::string long_name(129, 'a');
    for (const auto& [name, words] : std::vector<std::pair<std::string, std::string>>{
             {"deploy bot", "--user-name has byte 0x20 at position 7"},
             {"a/b", "--user-name has '/' at position 2"},
             {long_name, "--user-name is 129 characters, over 128"},
             {"", "--user-name is empty"}}) {
        const RunResult r = run_certcheck({"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--user-name", name, "--at", kAt});
        EXPECT_EQ(r.exit_code, 2) << name << ": " << r.out << r.err;
        EXPECT_TRUE(contains(r.err, words)) << r.err;
        EXPECT_TRUE(contains(r.err, "[\\w+=,.@-]+")) << r.err;
    }
    const RunResult max = run_certcheck(
        {"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--user-name", std::string(128, 'a'), "--at", kAt});
    EXPECT_EQ(max.exit_code, 0) << max.err;
    const RunResult wrong = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--user-name", "bob", "--at", kAt});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_TRUE(contains(wrong.err, "use it with --profile iam-signing")) << wrong.err;
    const RunResult name = run_certcheck({"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--name", "bob", "--at", kAt});
    EXPECT_EQ(name.exit_code, 2);
    EXPECT_TRUE(contains(name.err, "takes the IAM user with --user-name")) << name.err;
}

// --name and --path belong to IAM server certificates (iam-server, cloudfront): with a profile that
// uploads elsewhere they are refused, never silently ignored; check and fix say the same.
TEST(UploadOptions, NameAndPathOutsideIamServerProfilesAreUsageErrors) {
    const TempDir dir{"upload-options"};
    for (const std::string command : {"check", "fix"}) {
        for (const std::string profile : {"acm", "roles-anywhere"}) {
            for (const auto& [flag, value] : std::vector<std::pair<std::string, std::string>>{{"--name", "web"}, {"--path", "/x/"}}) {
                std::vector<std::string> args{command, "--profile", profile, "--cert", fixture("leaf.pem"), flag, value, "--at", kAt};
                if (command == "fix") args.insert(args.end(), {"--key", fixture("leaf.key"), "--out", dir.path() + "/out"});
                const RunResult r = run_certcheck(args);
                EXPECT_EQ(r.exit_code, 2) << command << " " << profile << " " << flag << ": " << r.out << r.err;
                EXPECT_TRUE(contains(r.err, flag + " is the IAM server-certificate")) << r.err;
                EXPECT_TRUE(contains(r.err, "--profile " + profile + " uploads no IAM server certificate")) << r.err;
            }
        }
    }
    const RunResult signing =
        run_certcheck({"check", "--profile", "iam-signing", "--cert", fixture("leaf.pem"), "--path", "/x/", "--at", kAt});
    EXPECT_EQ(signing.exit_code, 2) << signing.err;
    EXPECT_TRUE(contains(signing.err, "--path is an IAM server certificate's")) << signing.err;
    // Where they belong they are read: cloudfront checks the path, acm without them runs.
    const RunResult cloudfront = run_certcheck(
        {"check", "--profile", "cloudfront", "--cert", fixture("leaf.pem"), "--path", "/x/", "--format", "json", "--at", kAt});
    EXPECT_NE(cloudfront.exit_code, 2) << cloudfront.err;
    EXPECT_TRUE(contains(cloudfront.out, "/cloudfront/")) << cloudfront.out;
    const RunResult acm = run_certcheck({"check", "--profile", "acm", "--cert", fixture("leaf.pem"), "--at", kAt});
    EXPECT_NE(acm.exit_code, 2) << acm.err;
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(QuietOutput, ShowsOnlyFindingsThatFailTheRun) {
    const std::vector<std::string> base = {"check", "--cert", fixture("soon.pem"), "--key", fixture("soon.key"), "--chain",
                                           fixture("chain.pem"), "--at", std::string{kTestAt}, "-q"};
    const RunResult quiet = run_certcheck(base);
    EXPECT_EQ(quiet.exit_code, 0) << quiet.out;
    EXPECT_EQ(quiet.out, "") << "a warning does not fail the run under --fail-on error";
    std::vector<std::string> warn = base;
    warn.insert(warn.end(), {"--fail-on", "warn"});
    const RunResult failing = run_certcheck(warn);
    EXPECT_EQ(failing.exit_code, 1);
    EXPECT_NE(failing.out.find("[body-expiry-soon]"), std::string::npos) << failing.out;
    EXPECT_EQ(failing.out.find("hint:"), std::string::npos) << failing.out;
    EXPECT_EQ(failing.out.find("FAIL"), std::string::npos) << failing.out;
}

}  // namespace
}  // namespace certcheck::test
