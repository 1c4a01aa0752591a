// The CLI in-process: parsing, exit codes, messages, formats, colour.
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

struct Ran {
    int code;
    std::string out;
    std::string err;
};

Ran run(std::vector<std::string> args, bool tty = false, bool no_color = false) {
    args.insert(args.begin(), "certcheck");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out;
    std::ostringstream err;
    cli::Io io{out, err, tty, no_color};
    const int code = cli::run(static_cast<int>(argv.size()), argv.data(), io);
    return {code, out.str(), err.str()};
}

std::vector<std::string> good(std::vector<std::string> extra = {}) {
    std::vector<std::string> a{"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"),
                               "--chain", fixture("chain.pem"), "--at", std::string{kTestAt}};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

TEST(Cli, HelpAndVersion) {
    const Ran help = run({"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("check"), std::string::npos);
    const Ran version = run({"--version"});
    EXPECT_EQ(version.code, 0);
    EXPECT_NE(version.out.find("certcheck 0."), std::string::npos) << version.out;
    const Ran check_help = run({"check", "--help"});
    EXPECT_EQ(check_help.code, 0);
    EXPECT_NE(check_help.out.find("--expiry-warn"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run({}).code, 2);
    EXPECT_EQ(run({"frobnicate"}).code, 2);
    EXPECT_EQ(run({"check"}).code, 2);  // --cert is required
    const Ran bad_flag = run(good({"--no-such-flag"}));
    EXPECT_EQ(bad_flag.code, 2);
    EXPECT_NE(bad_flag.err.find("--no-such-flag"), std::string::npos) << bad_flag.err;
}

TEST(Cli, UnknownProfileListsTheValidOnes) {
    const Ran r = run(good({"--profile", "iam-servr"}));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown profile 'iam-servr'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("valid profiles: iam-server"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST(Cli, UnknownRuleSuggestsOne) {
    const Ran r = run(good({"--skip", "key-sise"}));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("did you mean 'key-size'"), std::string::npos) << r.err;
    EXPECT_EQ(run(good({"--only", "nope"})).code, 2);
}

TEST(Cli, BadValues) {
    const Ran at = run(good({"--at", "tomorrow"}));
    EXPECT_EQ(at.code, 2);
    EXPECT_NE(at.err.find("--at"), std::string::npos);
    EXPECT_EQ(run(good({"--fail-on", "info"})).code, 2);
    EXPECT_EQ(run(good({"--format", "yaml"})).code, 2);
    EXPECT_EQ(run(good({"--expiry-warn", "-3"})).code, 2);
    EXPECT_EQ(run(good({"-q", "-v"})).code, 2);
}

TEST(Cli, UnreadableInputsExitTwoNamingTheFile) {
    const Ran dir = run({"check", "--cert", source_path("testdata"), "--at", std::string{kTestAt}});
    EXPECT_EQ(dir.code, 2);
    EXPECT_NE(dir.err.find(source_path("testdata")), std::string::npos) << dir.err;
    EXPECT_NE(dir.err.find("directory"), std::string::npos) << dir.err;
    const Ran chain = run({"check", "--cert", fixture("leaf.pem"), "--chain", "/no/such/chain.pem"});
    EXPECT_EQ(chain.code, 2);
    EXPECT_NE(chain.err.find("/no/such/chain.pem"), std::string::npos);
    const Ran store = run(good({"--trust-store", "/no/such/store"}));
    EXPECT_EQ(store.code, 2);
    EXPECT_NE(store.err.find("/no/such/store"), std::string::npos);
}

TEST(Cli, PassFailAndFailOn) {
    EXPECT_EQ(run(good()).code, 0);
    const Ran soon = run({"check", "--cert", fixture("soon.pem"), "--key", fixture("soon.key"), "--chain",
                          fixture("chain.pem"), "--at", std::string{kTestAt}});
    EXPECT_EQ(soon.code, 0) << soon.out;  // a warning does not fail by default
    EXPECT_NE(soon.out.find("warning"), std::string::npos);
    EXPECT_EQ(run({"check", "--cert", fixture("soon.pem"), "--key", fixture("soon.key"), "--chain", fixture("chain.pem"),
                   "--at", std::string{kTestAt}, "--fail-on", "warn"})
                  .code,
              1);
    EXPECT_EQ(run({"check", "--cert", fixture("soon.pem"), "--key", fixture("soon.key"), "--chain", fixture("chain.pem"),
                   "--at", std::string{kTestAt}, "--expiry-warn", "10"})
                  .code,
              0);
    EXPECT_EQ(run({"check", "--cert", fixture("expired.pem"), "--key", fixture("expired.key"), "--chain",
                   fixture("chain.pem"), "--at", std::string{kTestAt}})
                  .code,
              1);
    // Inside its window (and without a chain, whose certificates start in 2025) it passes.
    EXPECT_EQ(run({"check", "--cert", fixture("expired.pem"), "--key", fixture("expired.key"), "--at",
                   "2020-06-01T00:00:00Z"})
                  .code,
              0);
}

TEST(Cli, SkipMakesAFailurePass) {
    const std::vector<std::string> base{"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-pkcs8.key"),
                                        "--chain", fixture("chain.pem"), "--at", std::string{kTestAt}};
    EXPECT_EQ(run(base).code, 1);
    std::vector<std::string> skipped = base;
    skipped.insert(skipped.end(), {"--skip", "key-rsa-pkcs1"});
    EXPECT_EQ(run(skipped).code, 0);
}

TEST(Cli, JsonReportAndFileScheme) {
    const Ran r = run({"check", "--cert", "file://" + fixture("leaf.pem"), "--key", "file://" + fixture("leaf.key"),
                       "--at", std::string{kTestAt}, "--format", "json", "--only", "body-pem,key-matches-cert"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["checked_at"], "2030-01-01T00:00:00Z");
    EXPECT_EQ(doc["subjects"][0]["inputs"]["cert"], fixture("leaf.pem"));
    ASSERT_EQ(doc["subjects"][0]["findings"].size(), 2u);
    EXPECT_EQ(doc["subjects"][0]["findings"][1]["rule"], "key-matches-cert");
    EXPECT_EQ(doc["subjects"][0]["findings"][1]["status"], "pass");
}

TEST(Cli, OutputFile) {
    const std::string path = (std::filesystem::temp_directory_path() / "certcheck-cli-test-report.json").string();
    const Ran r = run(good({"--format", "json", "--output", path}));
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(nlohmann::json::parse(read_file(path))["summary"]["passed"], 1);
    std::filesystem::remove(path);
    EXPECT_EQ(run(good({"--output", "/no/such/dir/report.txt"})).code, 2);
}

TEST(Cli, ColourOnlyOnATerminalAndNeverWithNoColor) {
    const std::vector<std::string> failing{"check", "--cert", fixture("expired.pem"), "--at", std::string{kTestAt}};
    EXPECT_EQ(run(failing, false).out.find('\033'), std::string::npos);
    EXPECT_NE(run(failing, true).out.find('\033'), std::string::npos);
    EXPECT_EQ(run(failing, true, true).out.find('\033'), std::string::npos);
}

TEST(Cli, RulesAndProfiles) {
    const Ran text = run({"rules"});
    EXPECT_EQ(text.code, 0);
    EXPECT_NE(text.out.find("chain-order"), std::string::npos);
    const Ran json = run({"rules", "--format", "json", "--profile", "iam-server"});
    ASSERT_EQ(json.code, 0);
    const auto doc = nlohmann::json::parse(json.out);
    ASSERT_EQ(doc.size(), 26u);  // SPEC section 2's 24, key-weak and pem-leading-bytes
    EXPECT_EQ(doc[0]["id"], "body-pem");
    for (const auto& r : doc) {
        EXPECT_TRUE(r.contains("severity") && r.contains("summary") && r.contains("citation"));
        EXPECT_EQ(r["profiles"][0], "iam-server");
    }
    EXPECT_EQ(run({"rules", "--profile", "nope"}).code, 2);
    // --format ids: exactly the catalogue's ids, one per line, in catalogue order (shell completion reads it).
    const Ran ids = run({"rules", "--format", "ids"});
    ASSERT_EQ(ids.code, 0);
    const Ran all = run({"rules", "--format", "json"});
    ASSERT_EQ(all.code, 0);
    std::string expected;
    for (const auto& r : nlohmann::json::parse(all.out)) expected += r["id"].get<std::string>() + "\n";
    EXPECT_EQ(ids.out, expected);
    EXPECT_NE(ids.out.find("ra-trust-policy\n"), std::string::npos) << "every profile's rules, not only iam-server's";
    const Ran profiles = run({"profiles"});
    EXPECT_EQ(profiles.code, 0);
    EXPECT_NE(profiles.out.find("iam-server"), std::string::npos);
}

TEST(Cli, NameAndPathAppearInTheUploadCommand) {
    const Ran r = run(good({"--name", "shop-2030", "--path", "/cloudfront/prod/"}));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("--server-certificate-name shop-2030 --path /cloudfront/prod/ --certificate-body file://"),
              std::string::npos)
        << r.out;
}

}  // namespace
}  // namespace certcheck::test
