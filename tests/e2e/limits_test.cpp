// Hostile inputs against the certcheck binary: files too big to read, a chain of 10,000
// certificates, x509-limbo's 100-certificate pools with cycles, deeply nested and huge-length DER,
// a directory of 100,000 empty files, unreadable files, a symlink loop and a FIFO. Each must end
// in bounded time with a clear message naming the file, never a crash, hang or prompt.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/report.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const std::string kAt{kTestAt};

// The check command on (cert, key, chain); slot "cert", "key" or "chain" gets `path` instead.
std::vector<std::string> check_args(const std::string& slot, const std::string& path) {
    std::vector<std::string> args{"check", "--at", kAt};
    for (const std::string s : {"cert", "key", "chain"}) {
        args.push_back("--" + s);
        if (s == slot) {
            args.push_back(path);
        } else {
            args.push_back(fixture(s == "cert" ? "leaf.pem" : s == "key" ? "leaf.key"
                                                                         : "chain.pem"));
        }
    }
    return args;
}

// Expects exit 2 within the timeout, with stderr naming the path and saying `why`.
void expect_refused(const RunResult& r, const std::string& path, const std::string& why, const std::string& what) {
    EXPECT_FALSE(r.timed_out) << what;
    EXPECT_EQ(r.exit_code, 2) << what << "\n"
                              << r.out << r.err;
    EXPECT_TRUE(has(r.err, path)) << what << "\n"
                                  << r.err;
    EXPECT_TRUE(has(r.err, why)) << what << "\n"
                                 << r.err;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string limbo_case(const std::string& name, const std::string& file) {
    return corpus("x509-limbo/cases/" + name + "/" + file);
}

// --- inputs over 10 MiB -----------------------------------------------------------------------

TEST(Limits, InputsOverTenMebibytesAreRefusedWithoutReadingThem) {
    TempDir dir;
    // A sparse 64 GiB file: reading it whole would take minutes and all the memory there is.
    const std::string huge = dir.write("huge.pem", "");
    std::error_code ec;
    fs::resize_file(huge, std::uintmax_t{64} << 30, ec);
    if (ec) fs::resize_file(huge, kMaxInputBytes + 1);
    for (const std::string slot : {"cert", "key", "chain"}) {
        const auto start = Clock::now();
        const RunResult r = run_certcheck(check_args(slot, huge), 30);
        expect_refused(r, huge, "over the 10 MiB limit", "--" + slot);
        EXPECT_LT(seconds_since(start), 20.0) << "--" + slot;
    }
    // Exactly 10 MiB is still read and judged by content (blank lines: no certificate).
    const std::string edge = dir.write("edge.pem", std::string(kMaxInputBytes, '\n'));
    const Checked c = check_json_report({"--cert", edge, "--at", kAt}, 60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("body-pem"), "error") << c.context();
}

// --- chains: 10,000 certificates, 100-certificate pools with cycles -----------------------------

TEST(Limits, ChainFileOfTenThousandCertificatesIsCheckedInBoundedTime) {
    SKIP_WITHOUT_CORPORA();
    // limbo's pool of 100 intermediates sharing one subject (each must be tried as the issuer of
    // every other), repeated 100 times: 10,000 certificates, 5 MiB.
    const std::string name = "pathological__pathological-chain-same-subject-distinct-key";
    const std::string pool = read_file(limbo_case(name, "chain.pem"));
    std::string chain;
    for (int i = 0; i < 100; ++i) chain += pool;
    TempDir dir;
    const std::string path = dir.write("chain-10000.pem", chain);
    const auto start = Clock::now();
    const Checked c = check_json_report({"--cert", limbo_case(name, "cert.pem"), "--chain", path, "--at", kAt}, 300);
    const double took = seconds_since(start);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("chain-no-extra"), "error") << c.msg("chain-no-extra");
    EXPECT_LT(c.run.out.size(), 1u << 20) << "the report should summarise, not list, 10,000 certificates";
    EXPECT_LT(took, 120.0);
    RecordProperty("seconds", std::to_string(took));
}

TEST(Limits, ChainFileRepeatingACycleTenThousandTimesEnds) {
    SKIP_WITHOUT_CORPORA();
    // Two CAs that cross-sign each other (X, Y), X 5,000 times then Y 5,000 times. A path builder
    // that takes copies of certificates already on the path walks X, Y, X', Y', ... searching the
    // whole file at every step: 50 million issuer checks (9 s and 850 MiB before this was fixed).
    const std::string name = "pathological__intermediate-cycle-distinct-cas";
    const std::string pool = read_file(limbo_case(name, "chain.pem"));
    const auto second = pool.find("-----BEGIN CERTIFICATE-----", 1);
    ASSERT_NE(second, std::string::npos);
    std::string chain;
    for (int i = 0; i < 5000; ++i) chain += pool.substr(0, second);
    for (int i = 0; i < 5000; ++i) chain += pool.substr(second);
    TempDir dir;
    const std::string path = dir.write("cycle-10000.pem", chain);
    const auto start = Clock::now();
    const Checked c = check_json_report({"--cert", limbo_case(name, "cert.pem"), "--chain", path, "--at", kAt}, 300);
    const double took = seconds_since(start);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_TRUE(has(c.msg("chain-order"), "an order that works: chain[0], chain[5000]")) << c.msg("chain-order");
    EXPECT_TRUE(has(c.msg("chain-no-extra"), "9998 certificates to remove")) << c.msg("chain-no-extra");
    EXPECT_TRUE(has(c.msg("chain-no-extra"), "and 9978 more")) << c.msg("chain-no-extra");
    EXPECT_LT(took, 30.0);
}

struct LimboPool {
    const char* name;
    const char* chain_order;  // x509-limbo/CASES.tsv: chain.pem judged as an IAM chain file
};

class LimboPools : public ::testing::TestWithParam<LimboPool> {};

TEST_P(LimboPools, AreJudgedInBoundedTime) {
    SKIP_WITHOUT_CORPORA();
    const std::string name = GetParam().name;
    const auto start = Clock::now();
    const Checked c = check_json_report(
        {"--cert", limbo_case(name, "cert.pem"), "--chain", limbo_case(name, "chain.pem"), "--at", kAt}, 120);
    EXPECT_LT(seconds_since(start), 60.0);
    EXPECT_TRUE(c.run.exit_code == 0 || c.run.exit_code == 1) << c.context();
    EXPECT_EQ(c.st("chain-order"), GetParam().chain_order) << c.msg("chain-order");
    // Adding the trusted roots to the file (a cycle closed by a root) must end too.
    TempDir dir;
    const std::string joined =
        dir.write("joined.pem", read_file(limbo_case(name, "chain.pem")) + read_file(limbo_case(name, "trusted.pem")));
    const Checked t = check_json_report({"--cert", limbo_case(name, "cert.pem"), "--chain", joined, "--at", kAt}, 120);
    EXPECT_TRUE(t.run.exit_code == 0 || t.run.exit_code == 1) << t.context();
}

INSTANTIATE_TEST_SUITE_P(
    Pathological, LimboPools,
    ::testing::Values(LimboPool{"pathological__intermediate-cycle-distinct-cas", "pass"},
                      LimboPool{"pathological__intermediate-cycle-distinct-cas-max-depth", "pass"},
                      LimboPool{"pathological__intermediate-cycle-same-logical-ca", "pass"},
                      LimboPool{"pathological__pathological-chain-distinct-subject-distinct-key", "error"},
                      LimboPool{"pathological__pathological-chain-same-subject-distinct-key", "error"},
                      LimboPool{"pathological__pathological-chain-distinct-subject-same-key", "error"},
                      LimboPool{"pathological__pathological-chain-same-subject-same-key", "pass"}),
    [](const ::testing::TestParamInfo<LimboPool>& pool) {
        std::string n = std::string{pool.param.name}.substr(std::string_view{"pathological__"}.size());
        for (char& ch : n) {
            if (ch == '-') ch = '_';
        }
        return n;
    });

// --- DER: deep nesting, huge lengths ------------------------------------------------------------

// `depth` SEQUENCEs inside each other around an INTEGER, with definite long-form lengths.
std::string nested_der(int depth) {
    const std::string inner("\x02\x01\x01", 3);
    std::vector<std::string> heads;  // innermost first
    std::size_t n = inner.size();
    for (int i = 0; i < depth; ++i) {
        std::string head = "\x30";
        if (n < 0x80) {
            head += static_cast<char>(n);
        } else {
            std::string len;
            for (std::size_t v = n; v > 0; v >>= 8) len.insert(len.begin(), static_cast<char>(v & 0xff));
            head += static_cast<char>(0x80 | len.size());
            head += len;
        }
        n += head.size();
        heads.push_back(std::move(head));
    }
    std::string der;
    der.reserve(n);
    for (auto it = heads.rbegin(); it != heads.rend(); ++it) der += *it;
    return der + inner;
}

std::string base64(const std::string& bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto v = (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
        for (const int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
    }
    if (i < bytes.size()) {
        unsigned v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) v |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    std::string wrapped;
    for (std::size_t p = 0; p < out.size(); p += 64) wrapped += out.substr(p, 64) + "\n";
    return wrapped;
}

std::string pem(const std::string& label, const std::string& der) {
    return "-----BEGIN " + label + "-----\n" + base64(der) + "-----END " + label + "-----\n";
}

TEST(Limits, DeeplyNestedAndHugeLengthDerIsRejectedCleanly) {
    TempDir dir;
    const std::string deep = nested_der(100000);
    // Lengths that claim far more than the file holds: 2^32-1 bytes, 2^31 bytes, an 8-byte length,
    // and an indefinite length never closed.
    const std::vector<std::pair<std::string, std::string>> ders{
        {"deep", deep},
        {"len4", std::string("\x30\x84\xff\xff\xff\xff\x02\x01\x01", 9)},
        {"len-2g", std::string("\x30\x84\x80\x00\x00\x00\x30\x84\x80\x00\x00\x00", 12)},
        {"len8", std::string("\x30\x88\xff\xff\xff\xff\xff\xff\xff\xff\x02\x01\x01", 13)},
        {"indefinite", std::string("\x30\x80\x30\x80\x30\x80\x02\x01\x01", 9)},
    };
    for (const auto& [name, der] : ders) {
        const std::string as_der = dir.write(name + ".der", der);
        const std::string as_pem = dir.write(name + ".pem", pem("CERTIFICATE", der));
        const std::string as_key = dir.write(name + ".key", pem("PRIVATE KEY", der));
        struct Case {
            std::string slot, path;
        };
        for (const Case& k : {Case{"cert", as_der}, Case{"cert", as_pem}, Case{"chain", as_pem}, Case{"key", as_der},
                              Case{"key", as_key}}) {
            const std::string what = name + " as --" + k.slot + " " + fs::path(k.path).filename().string();
            std::vector<std::string> args = check_args(k.slot, k.path);
            args.erase(args.begin());  // check_json_report adds "check"
            const Checked c = check_json_report(args, 60);
            EXPECT_EQ(c.run.exit_code, 1) << what << "\n"
                                          << c.context();
            const std::string rule = k.slot == "cert" ? "body-pem" : k.slot == "key" ? "key-pem"
                                                                                     : "chain-pem";
            EXPECT_EQ(c.st(rule), "error") << what << ": " << c.msg(rule);
            // DER files are called binary, PEM blocks are pointed at by line.
            EXPECT_TRUE(has(c.msg(rule), k.path.ends_with(".der") ? "binary" : "line")) << what << ": " << c.msg(rule);
        }
    }
}

// --- scan: 100,000 empty files -------------------------------------------------------------------

TEST(Limits, ScanOfOneHundredThousandEmptyFilesEnds) {
    TempDir dir;
    const std::string root = dir.path() + "/many";
    fs::create_directories(root);
    for (int d = 0; d < 100; ++d) {
        const std::string sub = root + "/d" + std::to_string(d);
        fs::create_directory(sub);
        for (int f = 0; f < 1000; ++f) std::ofstream(sub + "/f" + std::to_string(f) + ".pem");
    }
    (void)dir.write("many/d0/cert.pem", read_file(fixture("leaf.pem")));
    (void)dir.write("many/d0/key.pem", read_file(fixture("leaf.key")));
    const auto start = Clock::now();
    const RunResult r =
        run_certcheck({"scan", root, "--at", kAt, "--format", "json", "--progress", "never", "--jobs", "2"}, 300);
    const double took = seconds_since(start);
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    ASSERT_EQ(doc["subjects"].size(), 1u) << "empty files are not subjects";
    EXPECT_EQ(doc["subjects"][0]["verdict"], "pass");
    EXPECT_LT(took, 120.0);
    RecordProperty("seconds", std::to_string(took));
}

// --- unreadable files, symlink loops, FIFOs, devices ---------------------------------------------

TEST(Limits, UnreadableFileIsRefusedNamingIt) {
    TempDir dir;
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    const std::string path = dir.write("secret.key", read_file(fixture("leaf.key")));
    fs::permissions(path, fs::perms::none);
    // Root reads every file, so run the binary as nobody (65534) when we are root.
    std::optional<uid_t> as;
    if (geteuid() == 0) as = 65534;
    const RunResult r = run_certcheck(check_args("key", path), 30, {}, {}, as);
    if (r.exit_code == 126) GTEST_SKIP() << "cannot drop to uid 65534 here, and root can read a mode-000 file";
    expect_refused(r, path, "Permission denied", "mode 000 key");
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(Limits, SymlinkLoopIsRefusedNamingIt) {
    TempDir dir;
    const std::string a = dir.path() + "/loop-a.pem";
    fs::create_symlink("loop-b.pem", a);
    fs::create_symlink("loop-a.pem", dir.path() + "/loop-b.pem");
    for (const std::string slot : {"cert", "key", "chain"}) {
        expect_refused(run_certcheck(check_args(slot, a), 30), a, "symbolic links", "--" + slot);
    }
}

TEST(Limits, FifoAndDevicesAreRefusedWithoutBlocking) {
    TempDir dir;
    const std::string fifo = dir.path() + "/cert.pem";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    for (const std::string slot : {"cert", "key", "chain"}) {
        // Nobody ever writes to the FIFO: opening it for reading would block forever.
        expect_refused(run_certcheck(check_args(slot, fifo), 30), fifo, "FIFO", "FIFO as --" + slot);
        expect_refused(run_certcheck(check_args(slot, "/dev/zero"), 30), "/dev/zero", "not a regular file",
                       "/dev/zero as --" + slot);
    }
}

}  // namespace
}  // namespace certcheck::test
