// End-to-end: .certcheck.toml found upward from the working directory or named by --config,
// overridden by flags, ignored with --no-config; a bad file is exit 2 naming file, line and key;
// scan include/exclude patterns.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;
const std::string kAt{kTestAt};

// A throwaway work tree: repo/.git, repo/site/{cert,key,chain}.pem.
class ConfigTree : public ::testing::Test {
protected:
    void SetUp() override {
        fs::create_directories(root() + "/.git");
        fs::create_directories(site());
        fs::copy_file(fixture("leaf.pem"), site() + "/cert.pem");
        fs::copy_file(fixture("leaf.key"), site() + "/key.pem");
        fs::copy_file(fixture("chain.pem"), site() + "/chain.pem");
    }
    [[nodiscard]] std::string root() const { return dir_.path() + "/repo"; }
    [[nodiscard]] std::string site() const { return root() + "/site"; }
    [[nodiscard]] RunResult check(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"check", "--cert", "cert.pem", "--key", "key.pem", "--chain", "chain.pem", "--at", kAt};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_certcheck(args, 60, {}, site());
    }
    TempDir dir_{"certcheck-config-e2e"};
};

// The generated leaf expires in 2099: a 36500-day window makes body-expiry-soon warn at 2030.
constexpr const char* kStrict = "expiry-warn = 36500\nfail-on = \"warn\"\n";

TEST_F(ConfigTree, FileFoundUpwardSetsTheSelection) {
    ASSERT_EQ(check().exit_code, 0);
    dir_.write("repo/.certcheck.toml", kStrict);
    const RunResult r = check();
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("[body-expiry-soon]"), std::string::npos) << r.out;
}

TEST_F(ConfigTree, FlagsOverrideTheFile) {
    dir_.write("repo/.certcheck.toml", kStrict);
    EXPECT_EQ(check({"--fail-on", "error"}).exit_code, 0);
    EXPECT_EQ(check({"--expiry-warn", "30"}).exit_code, 0);
}

TEST_F(ConfigTree, SkipFromTheFileDropsTheRule) {
    dir_.write("repo/.certcheck.toml", std::string{kStrict} + "skip = [\"body-expiry-soon\"]\n");
    const RunResult r = check({"--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out.find("\"body-expiry-soon\""), std::string::npos);
    EXPECT_NE(r.out.find("\"body-pem\""), std::string::npos);
}

TEST_F(ConfigTree, NoConfigIgnoresTheFileAndConfigNamesOne) {
    dir_.write("repo/.certcheck.toml", kStrict);
    EXPECT_EQ(check({"--no-config"}).exit_code, 0);
    const std::string other = dir_.write("elsewhere.toml", "fail-on = \"error\"\n");
    EXPECT_EQ(check({"--config", other}).exit_code, 0);
    // --config before the command (the top level) works too.
    const RunResult r = run_certcheck({"--config", other, "check", "--cert", "cert.pem", "--at", kAt, "-v"}, 60, {}, site());
    EXPECT_NE(r.err.find("configuration: " + other), std::string::npos) << r.err;
}

TEST_F(ConfigTree, TheCheckTableAppliesToCheckOnly) {
    dir_.write("repo/.certcheck.toml", "[check]\nexpiry-warn = 36500\nfail-on = \"warn\"\n");
    EXPECT_EQ(check().exit_code, 1);
    EXPECT_EQ(run_certcheck({"scan", ".", "--at", kAt}, 60, {}, site()).exit_code, 0);
}

TEST_F(ConfigTree, BadFileIsExitTwoNamingFileLineAndKey) {
    const std::string path = dir_.write("repo/.certcheck.toml", "profile = \"iam-server\"\nfailon = \"warn\"\n");
    RunResult r = check();
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(path + ":2: failon: unknown key"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
    dir_.write("repo/.certcheck.toml", "expiry-warn = \"soon\"\n");
    r = run_certcheck({"scan", ".", "--at", kAt}, 60, {}, site());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(":1: expiry-warn: expected a number of days"), std::string::npos) << r.err;
    r = check({"--config", root() + "/missing.toml"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(root() + "/missing.toml: cannot read"), std::string::npos) << r.err;
}

TEST_F(ConfigTree, ScanPatternsFromTheFileAndFromFlags) {
    fs::create_directories(root() + "/old");
    fs::copy_file(fixture("other.key"), root() + "/old/stray.key");  // a key without its certificate: a finding, exit 1
    EXPECT_EQ(run_certcheck({"scan", ".", "--at", kAt}, 60, {}, root()).exit_code, 1);
    dir_.write("repo/.certcheck.toml", "[scan]\nexclude = [\"old\"]\n");
    RunResult r = run_certcheck({"scan", ".", "--at", kAt, "--format", "json"}, 60, {}, root());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("\"subjects\": 1"), std::string::npos) << r.out;
    // --include on the command line replaces the file's patterns: only *.pem files, so the stray key is never read.
    dir_.write("repo/.certcheck.toml", "[scan]\ninclude = [\"*.key\"]\n");
    r = run_certcheck({"scan", ".", "--at", kAt, "--include", "*.pem"}, 60, {}, root());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(ScanFiles, FilesNamedInOneDirectoryArePaired) {
    // As pre-commit runs it: the staged files as separate arguments.
    const TempDir d("certcheck-files");
    fs::copy_file(fixture("leaf.pem"), d.path() + "/site.crt");
    fs::copy_file(fixture("leaf.key"), d.path() + "/site.key");
    fs::copy_file(fixture("chain.pem"), d.path() + "/site.ca-bundle");
    const RunResult r = run_certcheck({"scan", "--no-config", d.path() + "/site.key", d.path() + "/site.crt",
                                       d.path() + "/site.ca-bundle", "--at", kAt, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("\"subjects\": 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"key\": \"" + d.path() + "/site.key\""), std::string::npos) << r.out;
}

}  // namespace
}  // namespace certcheck::test
