// request-size: pass, fail (body/key over 16,384 characters, chain over 2,097,152, empty files), always applies.
#include <cstddef>
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

// `text` padded with blank lines to exactly `chars` characters (ASCII, so bytes == characters).
std::string padded_to(std::string text, std::size_t chars) {
    text.resize(chars, '\n');
    return text;
}

TEST(RequestSize, PassesOnOrdinaryFiles) {
    const Finding f = run_rule("request-size", load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "16384")) << f.message;
    EXPECT_FALSE(f.hint.has_value());
}

TEST(RequestSize, FailsOnABodyOver16384Characters) {
    const Material m = load(fixture("huge-leaf.pem"));
    ASSERT_GT(m.body.text.chars, 16'384u);
    const Finding f = run_rule("request-size", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "certificate body")) << f.message;
    EXPECT_TRUE(has(f.message, std::to_string(m.body.text.chars) + " characters")) << f.message;
    EXPECT_TRUE(has(f.message, "16384")) << f.message;
    EXPECT_TRUE(f.file.has_value());
    ASSERT_TRUE(f.hint.has_value());
}

TEST(RequestSize, BodyLimitIsInclusive) {
    const std::string leaf = read_file(fixture("leaf.pem"));
    EXPECT_EQ(run_rule("request-size", load_bytes(padded_to(leaf, 16'384))).status, Status::Pass);
    const Finding over = run_rule("request-size", load_bytes(padded_to(leaf, 16'385)));
    EXPECT_EQ(over.status, Status::Error);
    EXPECT_TRUE(has(over.message, "16385 characters")) << over.message;
}

TEST(RequestSize, CountsCharactersNotBytes) {
    // U+00E9 is two bytes in UTF-8 but one character: 16,384 characters in more than 16,384 bytes pass.
    std::string body = read_file(fixture("leaf.pem"));
    const std::size_t wanted = 16'384 - body.size() - 1;
    for (std::size_t i = 0; i < wanted; ++i) body += "\xC3\xA9";
    body += '\n';
    const Material m = load_bytes(body);
    ASSERT_GT(m.body.text.bytes, 16'384u);
    ASSERT_EQ(m.body.text.chars, 16'384u);
    EXPECT_EQ(run_rule("request-size", m).status, Status::Pass);
}

TEST(RequestSize, FailsOnAKeyOver16384Characters) {
    const std::string leaf = read_file(fixture("leaf.pem"));
    const std::string key = read_file(fixture("leaf.key"));
    EXPECT_EQ(run_rule("request-size", load_bytes(leaf, padded_to(key, 16'384))).status, Status::Pass);
    const Finding f = run_rule("request-size", load_bytes(leaf, padded_to(key, 16'385)));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "private key")) << f.message;
    EXPECT_TRUE(has(f.message, "16385 characters")) << f.message;
    // A big key file may not hide behind a small body: huge-leaf.key is an ordinary RSA key.
    EXPECT_EQ(run_rule("request-size", load(fixture("leaf.pem"), fixture("huge-leaf.key"))).status, Status::Pass);
}

TEST(RequestSize, FailsOnAChainOver2097152Characters) {
    // Real certificates repeated until the chain is past IAM's limit.
    const std::string one = read_file(fixture("chain.pem"));
    std::string chain;
    while (chain.size() <= 2'097'152) chain += one;
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt, chain);
    const Finding f = run_rule("request-size", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "chain")) << f.message;
    EXPECT_TRUE(has(f.message, std::to_string(chain.size()) + " characters")) << f.message;
    EXPECT_TRUE(has(f.message, "2097152")) << f.message;
}

TEST(RequestSize, ChainLimitIsInclusiveAndFarAboveTheBodyLimit) {
    const std::string leaf = read_file(fixture("leaf.pem"));
    const std::string chain = read_file(fixture("chain.pem"));
    EXPECT_EQ(run_rule("request-size", load_bytes(leaf, std::nullopt, padded_to(chain, 100'000))).status, Status::Pass);
    EXPECT_EQ(run_rule("request-size", load_bytes(leaf, std::nullopt, padded_to(chain, 2'097'152))).status, Status::Pass);
    EXPECT_EQ(run_rule("request-size", load_bytes(leaf, std::nullopt, padded_to(chain, 2'097'153))).status, Status::Error);
}

TEST(RequestSize, FailsOnAnEmptyFile) {
    const Finding body = run_rule("request-size", load(fixture("empty.pem")));
    EXPECT_EQ(body.status, Status::Error);
    EXPECT_TRUE(has(body.message, "certificate body is empty")) << body.message;
    const Finding key = run_rule("request-size", load(fixture("leaf.pem"), fixture("empty.pem")));
    EXPECT_EQ(key.status, Status::Error);
    EXPECT_TRUE(has(key.message, "private key is empty")) << key.message;
    const Finding chain = run_rule("request-size", load(fixture("leaf.pem"), std::nullopt, fixture("empty.pem")));
    EXPECT_EQ(chain.status, Status::Error);
    EXPECT_TRUE(has(chain.message, "chain is empty")) << chain.message;
}

TEST(RequestSize, AlwaysApplies) {
    EXPECT_NE(run_rule("request-size", load(fixture("garbage.bin"))).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("request-size", load(fixture("leaf.pem"))).status, Status::Pass);
}

}  // namespace
}  // namespace certcheck::test
