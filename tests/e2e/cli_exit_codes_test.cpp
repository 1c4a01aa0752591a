// End-to-end: the certcheck binary's exit codes and messages on generated fixtures.
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

TEST(CheckBinary, MissingFileExitsTwoNamingIt) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--key", "/nonexistent/key.pem", "--at", kAt});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/key.pem"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace certcheck::test
