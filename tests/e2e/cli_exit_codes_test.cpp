// End-to-end: the certcheck binary's exit codes and messages on generated fixtures.
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};

TEST(CheckBinary, GoodTriplePassesWithUploadCommand) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain",
                                       fixture("chain.pem"), "--at", kAt, "--name", "www-example"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("PASS"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("aws iam upload-server-certificate --server-certificate-name www-example --certificate-body file://" +
                         fixture("leaf.pem") + " --private-key file://" + fixture("leaf.key") +
                         " --certificate-chain file://" + fixture("chain.pem")),
              std::string::npos)
        << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CheckBinary, FailingTripleExitsOne) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--key", fixture("other.key"), "--chain",
                                       fixture("chain.pem"), "--at", kAt});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("[key-matches-cert]"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("upload-server-certificate"), std::string::npos) << r.out;
}

// A report that cannot be written (here: standard output on a full device) is exit 2 with a
// message, never the verdict's exit code over a lost report; text, json and a scan alike.
TEST(CheckBinary, UnwritableStandardOutputExitsTwoSayingSo) {
    if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no writable /dev/full here";
    const std::string command = "\"$0\" \"$@\" > /dev/full";
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain", fixture("chain.pem"), "--at", kAt},
             {"check", "--cert", fixture("leaf.pem"), "--format", "json", "--at", kAt},
             {"scan", fixture("../examples"), "--format", "ndjson", "--at", kAt}}) {
        std::vector<std::string> argv{"sh", "-c", command, CERTCHECK_BINARY};
        argv.insert(argv.end(), args.begin(), args.end());
        const RunResult r = run_program(argv);
        EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[2] << ": " << r.err;
        EXPECT_NE(r.err.find("cannot write the report to standard output"), std::string::npos) << r.err;
    }
    // The same run with a writable standard output passes (the control).
    const RunResult ok = run_certcheck(
        {"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain", fixture("chain.pem"), "--at", kAt});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(CheckBinary, MissingFileExitsTwoNamingIt) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--key", "/nonexistent/key.pem", "--at", kAt});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/key.pem"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace certcheck::test
