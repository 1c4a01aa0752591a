// pem-line-endings: pass (LF only), warn (CRLF, mixed, bare CR; in any file), always applies.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

std::string to_crlf(const std::string& lf) {
    std::string out;
    for (const char c : lf) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

TEST(PemLineEndings, PassesOnLfFiles) {
    const Finding f = run_rule("pem-line-endings", load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    // No newline at the end is not a line-ending problem.
    std::string no_final = read_file(fixture("leaf.pem"));
    no_final.pop_back();
    EXPECT_EQ(run_rule("pem-line-endings", load_bytes(no_final)).status, Status::Pass);
}

TEST(PemLineEndings, WarnsOnCrlf) {
    const Finding f = run_rule("pem-line-endings", load(fixture("leaf-crlf.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 1);
    EXPECT_TRUE(has(f.message, "certificate body")) << f.message;
    EXPECT_TRUE(has(f.message, "CRLF (Windows)")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "sed -i 's/\\r$//'")) << *f.hint;
    EXPECT_TRUE(has(*f.hint, "leaf-crlf.pem")) << *f.hint;
}

TEST(PemLineEndings, WarnsOnMixedEndingsNamingTheFirstCrlfLine) {
    const Finding f = run_rule("pem-line-endings", load(fixture("leaf-mixed-eol.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 2);
    EXPECT_TRUE(has(f.message, "mixes line endings")) << f.message;
    EXPECT_TRUE(has(f.message, "the first CRLF at line 2")) << f.message;
}

TEST(PemLineEndings, WarnsOnOneCrlfLineInAnLfFile) {
    std::string body = read_file(fixture("leaf.pem"));
    // Line 4 ends in CR LF.
    std::size_t pos = 0;
    for (int i = 0; i < 4; ++i) pos = body.find('\n', pos) + 1;
    body.insert(pos - 1, "\r");
    const Finding f = run_rule("pem-line-endings", load_bytes(body));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 4);
    EXPECT_TRUE(has(f.message, "1 CRLF")) << f.message;
}

TEST(PemLineEndings, WarnsOnBareCr) {
    std::string body = read_file(fixture("leaf.pem"));
    std::replace(body.begin(), body.end(), '\n', '\r');
    const Finding f = run_rule("pem-line-endings", load_bytes(body));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_TRUE(has(f.message, "bare CR")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "tr '\\r' '\\n'")) << *f.hint;
}

TEST(PemLineEndings, ChecksTheKeyAndTheChainToo) {
    const Finding key = run_rule("pem-line-endings", load(fixture("leaf.pem"), fixture("leaf-crlf.key")));
    EXPECT_EQ(key.status, Status::Warn);
    EXPECT_TRUE(has(key.message, "private key")) << key.message;
    EXPECT_TRUE(key.file.has_value() && has(*key.file, "leaf-crlf.key"));

    const std::string leaf = read_file(fixture("leaf.pem"));
    const Finding chain =
        run_rule("pem-line-endings", load_bytes(leaf, std::nullopt, to_crlf(read_file(fixture("chain.pem")))));
    EXPECT_EQ(chain.status, Status::Warn);
    EXPECT_TRUE(has(chain.message, "chain")) << chain.message;
    EXPECT_EQ(chain.file, "chain.pem");
}

TEST(PemLineEndings, LeavesUtf16ToTheCharsetRule) {
    EXPECT_EQ(run_rule("pem-line-endings", load(fixture("leaf-utf16.pem"))).status, Status::Pass);
}

TEST(PemLineEndings, AlwaysApplies) {
    EXPECT_NE(run_rule("pem-line-endings", load(fixture("empty.pem"))).status, Status::NotApplicable);
    EXPECT_NE(run_rule("pem-line-endings", load(fixture("garbage.bin"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(PemLineEndings, BinaryFilesAreLeftToBodyPem) {
    // A DER body has 0x0D bytes by chance; calling them "line endings" would be noise.
    const Finding f = run_rule("pem-line-endings", load(fixture("leaf.der")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

}  // namespace
}  // namespace certcheck::test
