// scan --shard K/N and certcheck merge: the parts are disjoint and add up to the whole scan, a
// certificate and its key share a shard, a shard reads only its own directories' files, merge
// turns the parts back into the whole report in any format; docs/scan.md's GNU parallel recipe
// runs as written; the Kubernetes manifest there is a valid Indexed Job.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

// 12 sites of cert, key (and chain for some), named so that pairing must be by content.
std::string make_tree(const TempDir& dir) {
    std::string tree = dir.path() + "/tree";
    const std::vector<std::pair<std::string, std::string>> kinds{
        {"leaf.pem", "leaf.key"}, {"expired.pem", "expired.key"}, {"ec-leaf.pem", "ec-leaf.key"}, {"self-signed.pem", "self-signed.key"}};
    for (int i = 0; i < 12; ++i) {
        const auto& [cert, key] = kinds[static_cast<std::size_t>(i) % kinds.size()];
        const fs::path site = fs::path(tree) / (i % 2 == 0 ? "live" : "shop") / ("site" + std::to_string(i));
        fs::create_directories(site);
        fs::copy_file(fixture(cert), site / "server.crt");
        fs::copy_file(fixture(key), site / "private.key");
        if (i % 3 == 0) fs::copy_file(fixture("chain.pem"), site / "ca-bundle.pem");
    }
    return tree;
}

std::vector<nlohmann::json> ndjson_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
    return out;
}

std::vector<std::string> base_args(const std::string& tree) {
    return {"scan", tree, "--at", std::string{kTestAt}, "--progress", "never", "--jobs", "2"};
}

TEST(Shard, PartsAreDisjointAddUpToTheWholeAndKeepKeysWithCertificates) {
    TempDir dir;
    const std::string tree = make_tree(dir);
    auto args = base_args(tree);
    args.insert(args.end(), {"--format", "ndjson"});
    const RunResult whole = run_certcheck(args);
    ASSERT_EQ(whole.exit_code, 1) << whole.err;
    std::map<std::string, nlohmann::json> all;
    for (auto& s : ndjson_lines(whole.out)) all[s["name"]] = s;
    ASSERT_EQ(all.size(), 12u);

    for (const int n : {1, 2, 3, 5}) {
        std::map<std::string, int> shard_of;
        std::size_t files_read = 0;
        for (int k = 1; k <= n; ++k) {
            auto a = args;
            a.insert(a.end(), {"--shard", std::to_string(k) + "/" + std::to_string(n), "-v"});
            const RunResult part = run_certcheck(a);
            ASSERT_NE(part.exit_code, 2) << part.err;
            // A shard reads only its own files: the -v log counts them.
            const auto at = part.err.find("scanned ");
            ASSERT_NE(at, std::string::npos) << part.err;
            files_read += std::stoul(part.err.substr(at + 8));
            for (const auto& s : ndjson_lines(part.out)) {
                const std::string name = s["name"];
                EXPECT_TRUE(shard_of.emplace(name, k).second) << name << " in two shards of " << n;
                ASSERT_TRUE(all.count(name)) << name << " is not in the whole scan";
                EXPECT_EQ(s, all.at(name)) << "the same subject, checked the same way";
                EXPECT_EQ(s["inputs"]["key"], all.at(name)["inputs"]["key"]) << "its key in the same shard";
            }
        }
        EXPECT_EQ(shard_of.size(), all.size()) << "the " << n << " shards add up to the whole";
        EXPECT_EQ(files_read, 12u * 2 + 4) << "each file read by exactly one of the " << n << " shards";
        if (n == 5) {
            std::set<int> used;
            for (const auto& [name, k] : shard_of) used.insert(k);
            EXPECT_GE(used.size(), 3u) << "the split spreads the directories";
        }
    }

    // Deterministic: the same shard twice gives the same bytes.
    auto a = args;
    a.insert(a.end(), {"--shard", "2/3"});
    EXPECT_EQ(run_certcheck(a).out, run_certcheck(a).out);
}

TEST(Shard, AnotherShardsFilesAreNotEvenLookedAt) {
    TempDir dir;
    const std::string tree = make_tree(dir);
    // A FIFO in one site: the shard that owns the directory reports it skipped, the others never see it.
    const std::string fifo = tree + "/live/site0/pipe.pem";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    int reported = 0;
    for (int k = 1; k <= 4; ++k) {
        auto a = base_args(tree);
        a.insert(a.end(), {"--format", "json", "--shard", std::to_string(k) + "/4"});
        const RunResult r = run_certcheck(a, 60);
        ASSERT_FALSE(r.timed_out);
        reported += r.err.find("pipe.pem") != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(reported, 1);
}

TEST(Shard, BadShardIsAUsageError) {
    for (const char* bad : {"0/4", "5/4", "x/4", "1/", "4", "1/0", "1/99999999"}) {
        const RunResult r = run_certcheck({"scan", fixture("leaf.pem"), "--shard", bad});
        EXPECT_EQ(r.exit_code, 2) << bad;
        EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
    }
}

// The "K/N" of the one shard named in `text` after `prefix` ("shard 2/8 checks"), or "".
std::string shard_after(const std::string& text, const std::string& prefix) {
    const auto at = text.find(prefix);
    if (at == std::string::npos) return {};
    const auto start = at + prefix.size();
    return text.substr(start, text.find(' ', start) - start);
}

// More shards than directories: the empty shards exit 0 with an empty report and a note saying
// where the files went (not the warning that the paths hold nothing, which they used to print),
// -q leaves the note out, and merge takes their empty ndjson files back into the whole report.
// docs/scan.md shows shard 7/8's line as the binary prints it.
TEST(Shard, AnEmptyShardSaysWhereTheFilesWentAndExitsZero) {
    TempDir dir;
    const std::string root = source_path("");
    const std::vector<std::string> base{"scan", "testdata/examples", "--at", std::string{kTestAt}, "--progress", "never"};
    std::string owner;  // the shard that checks testdata/examples
    std::vector<std::string> notes(9);
    std::vector<std::string> parts;
    for (int k = 1; k <= 8; ++k) {
        const std::string shard = std::to_string(k) + "/8";
        auto a = base;
        a.insert(a.end(), {"--shard", shard});
        const RunResult r = run_certcheck(a, 60, {}, root);
        EXPECT_EQ(r.exit_code, 0) << shard << ": " << r.err;
        EXPECT_FALSE(has(r.err, "warning")) << shard << ": " << r.err;
        if (has(r.out, "PASS")) {
            EXPECT_TRUE(owner.empty()) << "testdata/examples in shards " << owner << " and " << shard;
            owner = shard;
            EXPECT_TRUE(r.err.empty()) << r.err;
        } else {
            EXPECT_TRUE(r.out.empty()) << shard << ": " << r.out;
            EXPECT_TRUE(has(r.err, "certcheck: note: shard " + shard +
                                       " has no file to check: the 3 files found under the given paths are in 1 directory, which shard "))
                << r.err;
            notes[static_cast<std::size_t>(k)] = r.err;
            a.emplace_back("-q");
            const RunResult quiet = run_certcheck(a, 60, {}, root);
            EXPECT_EQ(quiet.exit_code, 0);
            EXPECT_TRUE(quiet.err.empty()) << quiet.err;
        }
        a.insert(a.end(), {"--format", "ndjson", "--output", dir.path() + "/shard-" + std::to_string(k) + ".ndjson"});
        ASSERT_EQ(run_certcheck(a, 60, {}, root).exit_code, 0);
        parts.push_back(dir.path() + "/shard-" + std::to_string(k) + ".ndjson");
    }
    ASSERT_FALSE(owner.empty()) << "no shard checked testdata/examples";
    for (std::size_t k = 1; k <= 8; ++k) {
        if (!notes[k].empty()) {
            EXPECT_EQ(shard_after(notes[k], "which shard "), owner) << notes[k];
        }
    }
    // docs/scan.md's example is shard 7/8's line as printed (an empty one, with these paths).
    ASSERT_FALSE(notes[7].empty()) << "shard 7/8 is no longer empty: update docs/scan.md's example";
    EXPECT_TRUE(has(read_file(source_path("docs/scan.md")), "$ certcheck scan testdata/examples --shard 7/8 --at 2030-01-01T00:00:00Z\n" + notes[7]))
        << notes[7];

    // merge: the seven empty files and the one part are the whole scan's report.
    std::vector<std::string> m{"merge"};
    m.insert(m.end(), parts.begin(), parts.end());
    m.insert(m.end(), {"--format", "json"});
    const RunResult merged = run_certcheck(m);
    auto w = base;
    w.insert(w.end(), {"--format", "json"});
    const RunResult whole = run_certcheck(w, 60, {}, root);
    EXPECT_EQ(merged.exit_code, whole.exit_code) << merged.err;
    EXPECT_TRUE(merged.err.empty()) << merged.err;
    EXPECT_EQ(nlohmann::json::parse(merged.out), nlohmann::json::parse(whole.out));

    // The control: where no shard has a file, the warning that nothing was found stays.
    fs::create_directories(dir.path() + "/empty/sub");
    const RunResult none = run_certcheck({"scan", dir.path() + "/empty", "--shard", "2/8", "--at", std::string{kTestAt}});
    EXPECT_EQ(none.exit_code, 0);
    EXPECT_TRUE(has(none.err, "certcheck: warning: no certificate or private key found under the given paths")) << none.err;
}

// A shard that read files holding no certificate (a README) says how many it read and where the
// rest are; the counts add up to the files of the tree whatever the shard.
TEST(Shard, AShardWithoutCertificatesCountsItsFilesAndTheOthers) {
    TempDir dir;
    const std::string tree = dir.path() + "/tree";
    for (int i = 0; i < 6; ++i) {
        const std::string site = tree + "/site" + std::to_string(i);
        fs::create_directories(site);
        dir.write("tree/site" + std::to_string(i) + "/README", "not a certificate\n");
    }
    fs::copy_file(fixture("leaf.pem"), tree + "/site0/server.crt");
    fs::copy_file(fixture("leaf.key"), tree + "/site0/private.key");
    int with_files = 0;
    for (int k = 1; k <= 4; ++k) {
        auto a = base_args(tree);
        a.insert(a.end(), {"--shard", std::to_string(k) + "/4"});
        const RunResult r = run_certcheck(a);
        EXPECT_NE(r.exit_code, 2) << r.err;
        EXPECT_FALSE(has(r.err, "warning")) << r.err;
        if (has(r.out, "server.crt")) continue;
        const std::string prefix = "certcheck: note: shard " + std::to_string(k) + "/4 found no certificate or private key in its ";
        if (!has(r.err, prefix)) {
            EXPECT_TRUE(has(r.err, "has no file to check: the 8 files found under the given paths")) << r.err;
            continue;
        }
        ++with_files;
        const auto mine = std::stoul(r.err.substr(r.err.find(prefix) + prefix.size()));
        const auto others = std::stoul(r.err.substr(r.err.find("; the other ") + 12));
        EXPECT_EQ(mine + others, 8u) << r.err;
    }
    EXPECT_GE(with_files, 1) << "no shard held a README alone: change the tree";
}

TEST(Merge, ShardsMergeIntoTheWholeReportInEveryFormat) {
    TempDir dir;
    const std::string tree = make_tree(dir);
    std::vector<std::string> parts;
    for (int k = 1; k <= 3; ++k) {
        auto a = base_args(tree);
        const std::string out = dir.path() + "/shard-" + std::to_string(k) + ".ndjson";
        a.insert(a.end(), {"--format", "ndjson", "--shard", std::to_string(k) + "/3", "--output", out});
        ASSERT_NE(run_certcheck(a).exit_code, 2);
        parts.push_back(out);
    }
    auto a = base_args(tree);
    a.insert(a.end(), {"--format", "json"});
    const RunResult whole = run_certcheck(a);
    auto expected = nlohmann::json::parse(whole.out);
    std::vector<nlohmann::json> subjects(expected["subjects"].begin(), expected["subjects"].end());
    std::sort(subjects.begin(), subjects.end(), [](const auto& x, const auto& y) { return x["name"] < y["name"]; });
    expected["subjects"] = subjects;

    std::vector<std::string> m{"merge"};
    m.insert(m.end(), parts.rbegin(), parts.rend());  // any order
    auto mj = m;
    mj.insert(mj.end(), {"--format", "json"});
    const RunResult merged = run_certcheck(mj);
    EXPECT_EQ(merged.exit_code, whole.exit_code) << merged.err;
    EXPECT_EQ(nlohmann::json::parse(merged.out), expected) << "the whole scan's report, subjects by name";

    // openmetrics: the same series as the whole scan (in name order), valid for promtool.
    auto mo = m;
    mo.insert(mo.end(), {"--format", "openmetrics"});
    const RunResult om = run_certcheck(mo);
    auto wo = base_args(tree);
    wo.insert(wo.end(), {"--format", "openmetrics"});
    const RunResult wom = run_certcheck(wo);
    const auto sorted_lines = [](const std::string& text) {
        std::vector<std::string> v;
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line)) v.push_back(line);
        std::sort(v.begin(), v.end());
        return v;
    };
    EXPECT_EQ(sorted_lines(om.out), sorted_lines(wom.out));
    // Every other format renders from the merged report.
    for (const char* format : {"text", "ndjson", "junit", "sarif", "github", "html"}) {
        auto f = m;
        f.insert(f.end(), {"--format", format});
        const RunResult r = run_certcheck(f);
        EXPECT_EQ(r.exit_code, 1) << format << r.err;
        EXPECT_FALSE(r.out.empty()) << format;
    }
}

TEST(Merge, RefusesOverlapsMixedRunsAndNonReportsNamingTheFileAndLine) {
    TempDir dir;
    const std::string tree = make_tree(dir);
    auto a = base_args(tree);
    a.insert(a.end(), {"--format", "ndjson"});
    const std::string one = dir.write("one.ndjson", run_certcheck(a).out);
    RunResult r = run_certcheck({"merge", one, one});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("is also in"), std::string::npos) << r.err;

    auto b = base_args(tree);
    b[3] = "2031-01-01T00:00:00Z";
    b.insert(b.end(), {"--format", "ndjson", "--shard", "1/2"});
    const std::string other = dir.write("other.ndjson", run_certcheck(b).out);
    a.insert(a.end(), {"--shard", "2/2"});
    const std::string mine = dir.write("mine.ndjson", run_certcheck(a).out);
    r = run_certcheck({"merge", mine, other});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("other.ndjson:1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--at"), std::string::npos) << r.err;

    const std::string junk = dir.write("junk.ndjson", read_file(mine) + "{\"name\": 1}\n");
    r = run_certcheck({"merge", junk});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("junk.ndjson:"), std::string::npos) << r.err;
    r = run_certcheck({"merge", fixture("leaf.pem")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("leaf.pem:1: not a JSON object"), std::string::npos) << r.err;
    r = run_certcheck({"merge", dir.path() + "/missing.ndjson"});
    EXPECT_EQ(r.exit_code, 2);
}

// The ```sh block after `heading` in docs/scan.md, and the ```yaml one.
std::string block_after(const std::string& page, const std::string& heading, const std::string& fence) {
    const auto h = page.find(heading);
    const auto start = page.find(fence + "\n", h);
    const auto end = page.find("```", start + fence.size() + 1);
    return page.substr(start + fence.size() + 1, end - start - fence.size() - 1);
}

TEST(ShardDocs, GnuParallelRecipeRunsAsWritten) {
    TempDir dir;
    const std::string tree = make_tree(dir);
    const std::string page = read_file(source_path("docs/scan.md"));
    std::string recipe = block_after(page, "### GNU parallel", "```sh");
    ASSERT_NE(recipe.find("parallel"), std::string::npos);
    for (auto at = recipe.find("/srv/certs"); at != std::string::npos; at = recipe.find("/srv/certs")) recipe.replace(at, 10, tree);
    const std::string script = dir.write("recipe.sh", "set -e\n" + recipe);
    const std::string bin = fs::path(CERTCHECK_BINARY).parent_path().string();
    const RunResult r = run_program({"bash", script}, 300, {"PATH=" + bin + ":/usr/local/bin:/usr/bin:/bin", "HOME=" + dir.path()}, dir.path());
    ASSERT_NE(r.exit_code, 127) << "GNU parallel is missing: run cmake/install-deps.sh (parallel)\n"
                                << r.err;
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(read_file(dir.path() + "/report.html").find("<tr class=\"subject\""), std::string::npos);
    const std::string prom = read_file(dir.path() + "/certcheck.prom");
    EXPECT_NE(prom.find("certcheck_subjects{verdict=\"pass\"}"), std::string::npos);
    std::size_t subjects = 0;
    for (int k = 1; k <= 4; ++k) subjects += ndjson_lines(read_file(dir.path() + "/shard-" + std::to_string(k) + ".ndjson")).size();
    EXPECT_EQ(subjects, 12u);
}

TEST(ShardDocs, KubernetesManifestIsAnIndexedJobUsingTheCompletionIndex) {
    const std::string page = read_file(source_path("docs/scan.md"));
    const std::string manifest = block_after(page, "### A Kubernetes Indexed Job", "```yaml");
    const std::string file = write_temp("job.yaml", manifest);
    const RunResult r = run_program(
        {"python3", "-c",
         "import sys,yaml\nj=yaml.safe_load(open(sys.argv[1]))\ns=j['spec']\nassert j['kind']=='Job' and s['completionMode']=='Indexed'\n"
         "c=s['template']['spec']['containers'][0]\nargs=' '.join(c['args'])\nassert 'JOB_COMPLETION_INDEX + 1))/%d' % s['completions'] in args, args\n"
         "print('ok')",
         file});
    EXPECT_EQ(r.out, "ok\n") << r.err;
}

}  // namespace
}  // namespace certcheck::test
