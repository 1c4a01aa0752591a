// Byte-level facts: line endings, trailing white space, BOM, UTF-16, characters IAM refuses.
#include <gtest/gtest.h>

#include "certcheck/load.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(TextFacts, CleanPem) {
    const TextFacts f = text_facts(read_file(fixture("leaf.pem")));
    EXPECT_TRUE(f.utf8);
    EXPECT_FALSE(f.utf8_bom);
    EXPECT_FALSE(f.utf16);
    EXPECT_EQ(f.crlf_lines, 0);
    EXPECT_GT(f.lf_lines, 10);
    EXPECT_EQ(f.trailing_ws_count, 0);
    EXPECT_FALSE(f.bad_char_line.has_value());
    EXPECT_EQ(f.chars, f.bytes);
}

TEST(TextFacts, LineEndings) {
    const TextFacts crlf = text_facts(read_file(fixture("leaf-crlf.pem")));
    EXPECT_GT(crlf.crlf_lines, 10);
    EXPECT_EQ(crlf.lf_lines, 0);
    EXPECT_EQ(crlf.first_crlf_line, 1);
    EXPECT_EQ(crlf.chars, crlf.bytes);
    const TextFacts mixed = text_facts(read_file(fixture("leaf-mixed-eol.pem")));
    EXPECT_GT(mixed.crlf_lines, 0);
    EXPECT_GT(mixed.lf_lines, 0);
    EXPECT_EQ(text_facts("a\rb\r").cr_lines, 2);
}

TEST(TextFacts, TrailingWhitespace) {
    const TextFacts f = text_facts(read_file(fixture("leaf-trailing-space.pem")));
    EXPECT_EQ(f.trailing_ws_count, 2);
    ASSERT_EQ(f.trailing_ws_lines.size(), 2u);
    EXPECT_EQ(f.trailing_ws_lines[0], 2);
    EXPECT_EQ(f.trailing_ws_lines[1], 5);
    EXPECT_EQ(text_facts("x\t\r\ny").trailing_ws_count, 1);
}

TEST(TextFacts, BomUtf16AndBadBytes) {
    const TextFacts bom = text_facts(read_file(fixture("leaf-bom.pem")));
    EXPECT_TRUE(bom.utf8_bom);
    // A leading BOM is the utf8_bom fact (pem-leading-bytes), not the first bad character.
    EXPECT_FALSE(bom.bad_char_line.has_value());
    const TextFacts inside = text_facts("a\n\xEF\xBB\xBF\n");
    ASSERT_TRUE(inside.bad_char_line.has_value());
    EXPECT_EQ(*inside.bad_char_line, 2);
    EXPECT_EQ(inside.bad_char, 0xFEFFu);
    EXPECT_EQ(bom.chars + 2, bom.bytes);  // three bytes, one character

    EXPECT_TRUE(text_facts(read_file(fixture("leaf-utf16.pem"))).utf16);

    const TextFacts latin1 = text_facts("abc\n\xE9t\xE9\n");
    EXPECT_FALSE(latin1.utf8);
    EXPECT_EQ(latin1.bad_char_line, 2);
    EXPECT_EQ(latin1.bad_char, 0xE9u);

    const TextFacts accented = text_facts("caf\xC3\xA9\n");  // U+00E9 is inside IAM's range
    EXPECT_TRUE(accented.utf8);
    EXPECT_FALSE(accented.bad_char_line.has_value());
    EXPECT_EQ(accented.chars, 5u);

    const TextFacts nul = text_facts(std::string("ab\0c", 4));
    EXPECT_EQ(nul.bad_char, 0u);
    EXPECT_EQ(nul.bad_char_line, 1);
}

}  // namespace
}  // namespace certcheck::test
