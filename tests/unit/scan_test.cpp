// The scan's walk and run_scan. When a callback throws (a renderer's error, an ostream with
// exceptions on): the exception reaches the caller, no subject is handed over after it, every
// worker thread is joined (an unjoined std::thread would call std::terminate), and a later scan works.
#include <filesystem>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "certcheck/check.hpp"
#include "scan/scan.hpp"
#include "scan/walk.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

constexpr int kFolders = 40;

// kFolders folders, each with a certificate, its key and its chain: one subject per folder.
void make_tree(const std::string& root) {
    for (int i = 0; i < kFolders; ++i) {
        const fs::path dir = fs::path(root) / ("site" + std::to_string(100 + i));
        fs::create_directories(dir);
        fs::copy_file(fixture("leaf.pem"), dir / "cert.pem");
        fs::copy_file(fixture("leaf.key"), dir / "key.pem");
        fs::copy_file(fixture("chain.pem"), dir / "chain.pem");
    }
}

RunContext test_run() {
    RunOptions o;
    o.at = std::string{kTestAt};
    o.trust_store = fixture("root-ca.pem");
    return make_run_context(o);
}

class RenderFailed : public std::runtime_error {
public:
    RenderFailed() : std::runtime_error("the renderer failed") {}
};

TEST(ScanCallbacks, ASubjectCallbackThatThrowsEndsTheScanWithItsException) {
    TempDir dir("certcheck-scan-throw");
    make_tree(dir.path());
    const RunContext run = test_run();
    for (const unsigned jobs : {1U, 2U}) {
        for (const int throw_at : {1, 5, kFolders}) {
            ScanSettings s;
            s.roots = {dir.path()};
            s.jobs = jobs;
            s.run = &run;
            int handed = 0;
            ScanCallbacks cb;
            cb.on_subject = [&](SubjectReport&&) {
                if (++handed == throw_at) throw RenderFailed();
            };
            EXPECT_THROW((void)run_scan(s, cb), RenderFailed) << "jobs " << jobs << ", subject " << throw_at;
            EXPECT_EQ(handed, throw_at) << "no subject is handed over after the exception (jobs " << jobs << ")";
        }
    }
    // The same tree scans completely afterwards.
    ScanSettings s;
    s.roots = {dir.path()};
    s.jobs = 2;
    s.run = &run;
    int handed = 0;
    ScanCallbacks cb;
    cb.on_subject = [&](SubjectReport&& r) {
        EXPECT_EQ(r.verdict, Verdict::Pass) << r.name;
        ++handed;
    };
    const ScanStats stats = run_scan(s, cb);
    EXPECT_EQ(handed, kFolders);
    EXPECT_EQ(stats.subjects, static_cast<std::size_t>(kFolders));
}

TEST(ScanCallbacks, AProgressCallbackThatThrowsEndsTheScanAndTheCacheStaysUsable) {
    TempDir dir("certcheck-scan-throw");
    make_tree(dir.path());
    const RunContext run = test_run();
    DirectoryCache cache;
    ScanSettings s;
    s.roots = {dir.path()};
    s.jobs = 2;
    s.run = &run;
    s.reuse = &cache;
    std::size_t progress_calls = 0;
    ScanCallbacks cb;
    cb.on_progress = [&](std::size_t done, std::size_t total) {
        ++progress_calls;
        EXPECT_EQ(total, static_cast<std::size_t>(kFolders));
        if (done == 3) throw std::ios_base::failure("write error");
    };
    EXPECT_THROW((void)run_scan(s, cb), std::ios_base::failure);
    EXPECT_EQ(progress_calls, 3U);
    // What the unfinished scan read is kept; the next scan reads the rest and reports every subject.
    std::size_t subjects = 0;
    ScanCallbacks count;
    count.on_subject = [&](SubjectReport&&) { ++subjects; };
    (void)run_scan(s, count);
    EXPECT_EQ(subjects, static_cast<std::size_t>(kFolders));
    EXPECT_GE(cache.last_scan().reused, 3U);
    EXPECT_EQ(cache.last_scan().reused + cache.last_scan().read, static_cast<std::size_t>(kFolders));
    // And the one after that reuses every folder.
    subjects = 0;
    (void)run_scan(s, count);
    EXPECT_EQ(subjects, static_cast<std::size_t>(kFolders));
    EXPECT_EQ(cache.last_scan().reused, static_cast<std::size_t>(kFolders));
}

// The walk keeps each file's name in its directory and spells the full path as before: the root
// as given joined with '/' (no second one after a root ending in '/'), and files named as roots
// exactly as given (so "dir//x.pem" and "dir/./y.pem" are reported as typed).
TEST(ScanWalk, FilePathsAreSpelledAsTheRootsWereGiven) {
    TempDir dir("certcheck-walk-names");
    const std::string& root = dir.path();
    (void)dir.write("b.pem", read_file(fixture("leaf.pem")));
    (void)dir.write("a.key", read_file(fixture("leaf.key")));
    fs::create_directories(fs::path(root) / "sub");
    (void)dir.write("sub/c.pem", read_file(fixture("chain.pem")));
    for (const std::string& given : {root, root + "/"}) {
        const scan::Walk w = scan::walk({given}, {});
        ASSERT_EQ(w.directories.size(), 2U) << given;
        const scan::Directory& top = w.directories[0];
        EXPECT_FALSE(top.as_given);
        EXPECT_EQ(top.names, (std::vector<std::string>{"a.key", "b.pem"}));
        EXPECT_EQ(top.file_path(0), root + "/a.key");
        EXPECT_EQ(top.file_path(1), root + "/b.pem");
        EXPECT_EQ(w.directories[1].names, std::vector<std::string>{"c.pem"});
        EXPECT_EQ(w.directories[1].file_path(0), root + "/sub/c.pem");
    }
    const scan::Walk files = scan::walk({root + "/./b.pem", root + "//a.key", root + "/sub/c.pem"}, {});
    ASSERT_EQ(files.directories.size(), 3U);  // grouped by the parent as spelled: "root/.", "root/", "root/sub"
    std::vector<std::string> paths;
    for (const scan::Directory& d : files.directories) {
        EXPECT_TRUE(d.as_given);
        for (std::size_t i = 0; i < d.names.size(); ++i) paths.push_back(d.file_path(i));
    }
    EXPECT_EQ(paths, (std::vector<std::string>{root + "/./b.pem", root + "//a.key", root + "/sub/c.pem"}));
}

}  // namespace
}  // namespace certcheck::test
