// The configuration file: parsing .certcheck.toml, errors naming file/key/line, the per-command
// merge, discovery upward from a directory, and the scan glob patterns.
#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

std::string error_of(std::string_view text) {
    try {
        (void)parse_config(text, "team/.certcheck.toml");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Config, ParsesEveryKeyAndResolvesTheTrustStoreBesideTheFile) {
    const Config c = parse_config(R"(
profile = "iam-server"
skip = ["chain-present", "pem-line-endings"]
fail-on = "warn"
expiry-warn = 45
trust-store = "ca/roots.pem"

[check]
only = ["body-pem"]

[scan]
expiry-warn = 7
include = ["*.pem", "live/**/*.crt"]
exclude = ["old"]
)",
                                  "/srv/team/.certcheck.toml");
    EXPECT_EQ(c.path, "/srv/team/.certcheck.toml");
    EXPECT_EQ(c.common.profile, "iam-server");
    EXPECT_EQ(c.common.skip, (std::vector<std::string>{"chain-present", "pem-line-endings"}));
    EXPECT_EQ(c.common.fail_on, "warn");
    EXPECT_EQ(c.common.expiry_warn, 45);
    EXPECT_EQ(c.common.trust_store, "/srv/team/ca/roots.pem");
    EXPECT_FALSE(c.common.only.has_value());
    EXPECT_EQ(c.check.only, (std::vector<std::string>{"body-pem"}));
    EXPECT_EQ(c.scan.expiry_warn, 7);
    EXPECT_EQ(c.include, (std::vector<std::string>{"*.pem", "live/**/*.crt"}));
    EXPECT_EQ(c.exclude, (std::vector<std::string>{"old"}));
}

TEST(Config, CommandTablesOverrideTheTopLevelForTheirCommandOnly) {
    const Config c = parse_config("expiry-warn = 45\nfail-on = \"warn\"\n[scan]\nexpiry-warn = 7\n[check]\nfail-on = \"error\"\n", "x.toml");
    const SelectionConfig scan = c.for_command("scan");
    EXPECT_EQ(scan.expiry_warn, 7);
    EXPECT_EQ(scan.fail_on, "warn");
    const SelectionConfig check = c.for_command("check");
    EXPECT_EQ(check.expiry_warn, 45);
    EXPECT_EQ(check.fail_on, "error");
}

TEST(Config, EmptyFileSetsNothing) {
    const Config c = parse_config("# nothing yet\n", "x.toml");
    const SelectionConfig s = c.for_command("check");
    EXPECT_FALSE(s.profile || s.skip || s.only || s.fail_on || s.expiry_warn || s.trust_store);
    EXPECT_TRUE(c.include.empty());
}

TEST(Config, UnknownKeyNamesFileLineAndKey) {
    EXPECT_EQ(error_of("profile = \"iam-server\"\n\nfailon = \"warn\"\n").substr(0, 45),
              "team/.certcheck.toml:3: failon: unknown key (");
    EXPECT_NE(error_of("[scan]\njobs = 4\n").find("team/.certcheck.toml:2: scan.jobs: unknown key"), std::string::npos);
    EXPECT_NE(error_of("[check]\ninclude = [\"*.pem\"]\n").find(":2: check.include: unknown key"), std::string::npos);
    EXPECT_NE(error_of("[fix]\nforce = true\n").find(":1: fix: unknown key"), std::string::npos);
}

TEST(Config, WrongTypesAndBadValuesAreErrors) {
    EXPECT_NE(error_of("expiry-warn = \"30\"\n").find(":1: expiry-warn: expected a number of days, found a string"), std::string::npos);
    EXPECT_NE(error_of("expiry-warn = -1\n").find(":1: expiry-warn: -1 is not"), std::string::npos);
    EXPECT_NE(error_of("skip = \"chain-present\"\n").find(":1: skip: expected an array of strings, found a string"), std::string::npos);
    EXPECT_NE(error_of("skip = [1]\n").find("skip: expected a string, found an integer"), std::string::npos);
    EXPECT_NE(error_of("fail-on = \"warning\"\n").find(":1: fail-on: 'warning' is not one of: error, warn"), std::string::npos);
    EXPECT_NE(error_of("\nprofile = \"iam\"\n").find(":2: profile: unknown profile 'iam'; valid profiles: iam-server"), std::string::npos);
    EXPECT_NE(error_of("check = 1\n").find(":1: check: expected a table"), std::string::npos);
}

TEST(Config, UnknownRuleIdSuggestsTheClosest) {
    const std::string e = error_of("skip = [\"chain-present\", \"chain-presnt\"]\n");
    EXPECT_NE(e.find(":1: skip: unknown rule 'chain-presnt'; did you mean 'chain-present'?"), std::string::npos) << e;
}

TEST(Config, TomlSyntaxErrorNamesFileAndLine) {
    const std::string e = error_of("profile = \"iam-server\"\nskip = [\"a\"\n");
    EXPECT_EQ(e.rfind("team/.certcheck.toml:", 0), 0u) << e;
    EXPECT_NE(error_of("a = 1\na = 2\n").find("team/.certcheck.toml:2:"), std::string::npos);
}

TEST(Config, LoadNamesAMissingFile) {
    try {
        (void)load_config("/nonexistent/.certcheck.toml");
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string{e.what()}, "/nonexistent/.certcheck.toml: cannot read the configuration file");
    }
}

TEST(Config, AFifoIsRefusedWithoutBlocking) {
    const TempDir dir;
    const std::string fifo = dir.path() + "/.certcheck.toml";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    try {
        (void)load_config(fifo);  // opening a FIFO for reading would wait for a writer forever
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string{e.what()}, fifo + ": cannot read the configuration file");
    }
}

TEST(ConfigDiscovery, FoundInTheDirectoryOrAnyParentUpToTheWorkTreeTop) {
    namespace fs = std::filesystem;
    const TempDir t("certcheck-config");
    fs::create_directories(t.path() + "/outer/repo/.git");
    fs::create_directories(t.path() + "/outer/repo/a/b");
    t.write("outer/.certcheck.toml", "");
    // Inside a work tree without a file of its own: the search stops at the tree's top.
    EXPECT_EQ(find_config(t.path() + "/outer/repo/a/b"), std::nullopt);
    t.write("outer/repo/.certcheck.toml", "");
    EXPECT_EQ(find_config(t.path() + "/outer/repo/a/b"), t.path() + "/outer/repo/.certcheck.toml");
    t.write("outer/repo/a/.certcheck.toml", "");
    EXPECT_EQ(find_config(t.path() + "/outer/repo/a/b/"), t.path() + "/outer/repo/a/.certcheck.toml");
    // Outside any work tree the search goes on upward.
    fs::create_directories(t.path() + "/outer/plain/x");
    EXPECT_EQ(find_config(t.path() + "/outer/plain/x"), t.path() + "/outer/.certcheck.toml");
}

TEST(Glob, PatternsWithoutSlashMatchTheFileName) {
    EXPECT_TRUE(glob_match("*.pem", "cert.pem"));
    EXPECT_TRUE(glob_match("*.pem", "live/example.com/cert.pem"));
    EXPECT_FALSE(glob_match("*.pem", "cert.pem.bak"));
    EXPECT_TRUE(glob_match("cert?.pem", "a/cert1.pem"));
    EXPECT_TRUE(glob_match("*.[ck][re][ty]", "x/site.key"));
    EXPECT_TRUE(glob_match("*.[!p]em", "x.aem"));
    EXPECT_FALSE(glob_match("*.[!p]em", "x.pem"));
}

TEST(Glob, PatternsWithSlashMatchTheRelativePath) {
    EXPECT_TRUE(glob_match("live/*/cert.pem", "live/example.com/cert.pem"));
    EXPECT_FALSE(glob_match("live/*/cert.pem", "live/a/b/cert.pem"));
    EXPECT_TRUE(glob_match("live/**/cert.pem", "live/a/b/cert.pem"));
    EXPECT_TRUE(glob_match("live/**/cert.pem", "live/cert.pem"));
    EXPECT_TRUE(glob_match("**/testdata/*", "a/b/testdata/x.pem"));
    EXPECT_TRUE(glob_match("testdata/**", "testdata/deep/x.pem"));
    EXPECT_FALSE(glob_match("testdata/**", "other/testdata/x.pem"));
    EXPECT_TRUE(glob_match("/archive/*", "archive/old.pem"));
}

}  // namespace
}  // namespace certcheck::test
