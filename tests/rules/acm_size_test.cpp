// acm-size: pass (ordinary files), fail (a certificate over 32,768 bytes, a key over 5,120
// bytes, an empty file). It always applies; outside the acm profile it is not selected.
#include <gtest/gtest.h>

#include "certcheck/profile.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(AcmSize, PassesForOrdinaryFiles) {
    const Finding f = run_rule("acm-size", load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

TEST(AcmSize, FailsForACertificateOver32768Bytes) {
    const std::string path = fixture("huge-leaf.pem");
    const Finding f = run_rule("acm-size", load(path));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, std::to_string(read_file(path).size()) + " bytes")) << f.message;
    EXPECT_TRUE(has(f.message, "32768")) << f.message;
}

TEST(AcmSize, FailsForAKeyOver5120BytesAtTheBoundary) {
    const std::string key = read_file(fixture("leaf.key"));
    const std::string at_limit = key + std::string(5120 - key.size(), '\n');
    EXPECT_EQ(run_rule("acm-size", load_bytes(read_file(fixture("leaf.pem")), at_limit)).status, Status::Pass);
    const Finding f = run_rule("acm-size", load_bytes(read_file(fixture("leaf.pem")), at_limit + "\n"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "private key is 5121 bytes")) << f.message;
    expect_no_key_material(f, key);
}

TEST(AcmSize, FailsForAnEmptyFile) {
    const Finding f = run_rule("acm-size", load(fixture("empty.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "empty")) << f.message;
}

TEST(AcmSize, OnlyInTheAcmProfile) {
    EXPECT_NE(find_profile("acm")->find("acm-size"), nullptr);
    EXPECT_EQ(find_profile("iam-server")->find("acm-size"), nullptr);
}

}  // namespace
}  // namespace certcheck::test
