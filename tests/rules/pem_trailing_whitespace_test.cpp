// pem-trailing-whitespace: pass, warn (spaces or tabs at the end of a line, in any file), always applies.
#include <cstddef>
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

// Appends `what` to the end of line `line` (1-based) of `text`.
std::string append_to_line(std::string text, int line, const std::string& what) {
    std::size_t pos = 0;
    for (int i = 0; i < line; ++i) pos = text.find('\n', pos) + 1;
    std::size_t end = pos - 1;
    if (end > 0 && text[end - 1] == '\r') --end;
    text.insert(end, what);
    return text;
}

TEST(PemTrailingWhitespace, PassesOnCleanFiles) {
    const Finding f =
        run_rule("pem-trailing-whitespace", load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    // CR LF is a line ending, not white space.
    EXPECT_EQ(run_rule("pem-trailing-whitespace", load(fixture("leaf-crlf.pem"))).status, Status::Pass);
    // Leading white space is not trailing white space.
    EXPECT_EQ(run_rule("pem-trailing-whitespace", load(fixture("leaf-tab-indented.pem"))).status, Status::Pass);
}

TEST(PemTrailingWhitespace, WarnsOnTrailingSpacesNamingTheFirstLine) {
    const Finding f = run_rule("pem-trailing-whitespace", load(fixture("leaf-trailing-space.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 2);
    EXPECT_TRUE(has(f.message, "line 2 of the certificate body")) << f.message;
    EXPECT_TRUE(has(f.message, "(and 1 more line)")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "sed -i")) << *f.hint;
    EXPECT_TRUE(has(*f.hint, "leaf-trailing-space.pem")) << *f.hint;
}

TEST(PemTrailingWhitespace, WarnsOnATrailingTab) {
    const Finding f = run_rule("pem-trailing-whitespace", load_bytes(append_to_line(read_file(fixture("leaf.pem")), 3, "\t")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 3);
    EXPECT_FALSE(has(f.message, "more line")) << f.message;
}

TEST(PemTrailingWhitespace, WarnsOnASpaceBeforeCrlf) {
    const std::string crlf = read_file(fixture("leaf-crlf.pem"));
    const Finding f = run_rule("pem-trailing-whitespace", load_bytes(append_to_line(crlf, 5, " ")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 5);
}

TEST(PemTrailingWhitespace, WarnsOnTheLastLineWithoutNewlineAndCountsLines) {
    std::string body = read_file(fixture("leaf.pem"));
    body.pop_back();  // the END line is now the last, unterminated line
    body += "  ";
    body = append_to_line(append_to_line(body, 2, " "), 4, " ");
    const Finding f = run_rule("pem-trailing-whitespace", load_bytes(body));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_EQ(f.line, 2);
    EXPECT_TRUE(has(f.message, "(and 2 more lines)")) << f.message;
}

TEST(PemTrailingWhitespace, ChecksTheKeyAndTheChainToo) {
    const std::string leaf = read_file(fixture("leaf.pem"));
    const Finding key = run_rule("pem-trailing-whitespace", load_bytes(leaf, append_to_line(read_file(fixture("leaf.key")), 1, " ")));
    EXPECT_EQ(key.status, Status::Warn);
    EXPECT_TRUE(has(key.message, "line 1 of the private key")) << key.message;
    EXPECT_EQ(key.file, "key.pem");

    const Finding chain = run_rule("pem-trailing-whitespace",
                                   load_bytes(leaf, std::nullopt, append_to_line(read_file(fixture("chain.pem")), 7, " ")));
    EXPECT_EQ(chain.status, Status::Warn);
    EXPECT_EQ(chain.line, 7);
    EXPECT_TRUE(has(chain.message, "chain")) << chain.message;
    EXPECT_EQ(chain.file, "chain.pem");
}

TEST(PemTrailingWhitespace, AlwaysApplies) {
    EXPECT_NE(run_rule("pem-trailing-whitespace", load(fixture("empty.pem"))).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("pem-trailing-whitespace", load(fixture("leaf-utf16.pem"))).status, Status::Pass);
}

}  // namespace
}  // namespace certcheck::test
