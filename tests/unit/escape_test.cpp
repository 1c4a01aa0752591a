// safe_text / safe_line_start: the one escaping of untrusted text for text, github and stderr.
#include <gtest/gtest.h>

#include "common/escape.hpp"

namespace certcheck::test {
namespace {

TEST(SafeText, KeepsPrintableUtf8AndEscapesControls) {
    EXPECT_EQ(safe_text("CN=Zoë Ünïcode, O=例"), "CN=Zoë Ünïcode, O=例");
    EXPECT_EQ(safe_text("a\nb\rc\td\x1b[31m\x7f"), "a\\nb\\rc\\td\\x1b[31m\\x7f");
    EXPECT_EQ(safe_text(std::string{"nul\0x", 5}), "nul\\x00x");
}

TEST(SafeText, EscapesC1BidiSeparatorsAndInvalidUtf8) {
    EXPECT_EQ(safe_text("\xc2\x85"), "\\u0085");  // NEL
    EXPECT_EQ(safe_text("\xe2\x80\xae"
                        "evil"),
              "\\u202eevil");  // RIGHT-TO-LEFT OVERRIDE
    EXPECT_EQ(safe_text("\xe2\x81\xa6\xe2\x81\xa9"), "\\u2066\\u2069");
    EXPECT_EQ(safe_text("\xe2\x80\xa8\xe2\x80\xa9"), "\\u2028\\u2029");
    EXPECT_EQ(safe_text("\xe2\x80\x8f"), "\\u200f");
    EXPECT_EQ(safe_text("\xff\xfe"), "\\xff\\xfe");
    EXPECT_EQ(safe_text("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
    EXPECT_EQ(safe_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(safe_text("\xe2\x80"), "\\xe2\\x80");           // truncated
}

TEST(SafeLineStart, NeutralisesALeadingWorkflowCommand) {
    EXPECT_EQ(safe_line_start("::error::x"), "\\x3a:error::x");
    EXPECT_EQ(safe_line_start("  ::warning::x"), "  \\x3a:warning::x");
    EXPECT_EQ(safe_line_start("a::b"), "a::b");
    EXPECT_EQ(safe_line_start(":x"), ":x");
}

}  // namespace
}  // namespace certcheck::test
