// request-charset: pass, fail (a BOM inside the file, non-UTF-8 bytes, characters above U+00FF, controls), always
// applies; a leading BOM, UTF-16 and DER are left to pem-leading-bytes and body-pem.
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

std::string leaf() { return read_file(fixture("leaf.pem")); }

TEST(RequestCharset, PassesOnPlainAsciiFiles) {
    const Finding f = run_rule("request-charset", load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    // CRLF and tabs are in the accepted set.
    EXPECT_EQ(run_rule("request-charset", load(fixture("leaf-crlf.pem"))).status, Status::Pass);
    EXPECT_EQ(run_rule("request-charset", load(fixture("leaf-tab-indented.pem"))).status, Status::Pass);
}

TEST(RequestCharset, PassesOnLatin1CharactersInUtf8) {
    // U+00E9 (é) is inside U+0020-U+00FF.
    EXPECT_EQ(run_rule("request-charset", load_bytes("# caf\xC3\xA9\n" + leaf())).status, Status::Pass);
}

TEST(RequestCharset, LeavesALeadingByteOrMarkAndUtf16ToTheirOwnRules) {
    // One cause, one finding: a leading BOM is pem-leading-bytes', UTF-16 and DER are body-pem's.
    const Material bom = load(fixture("leaf-bom.pem"));
    EXPECT_EQ(run_rule("request-charset", bom).status, Status::Pass);
    EXPECT_EQ(run_rule("pem-leading-bytes", bom).status, Status::Error);
    const Material utf16 = load(fixture("leaf-utf16.pem"));
    EXPECT_EQ(run_rule("request-charset", utf16).status, Status::Pass);
    EXPECT_EQ(run_rule("body-pem", utf16).status, Status::Error);
    const Material der = load(fixture("leaf.der"));
    EXPECT_EQ(run_rule("request-charset", der).status, Status::Pass);
    EXPECT_EQ(run_rule("body-pem", der).status, Status::Error);
}

TEST(RequestCharset, FailsOnAByteOrderMarkInsideTheFile) {
    const Finding f = run_rule("request-charset", load_bytes(leaf() + "\xEF\xBB\xBF\n"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "U+FEFF")) << f.message;
}

TEST(RequestCharset, FailsOnANonUtf8ByteAtItsLine) {
    // A Latin-1 é (0xE9) on its own is not UTF-8.
    const Finding f = run_rule("request-charset", load_bytes("# note\n# caf\xE9\n" + leaf()));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 2);
    EXPECT_TRUE(has(f.message, "byte 0xE9")) << f.message;
    EXPECT_TRUE(has(f.message, "not valid UTF-8")) << f.message;
    EXPECT_TRUE(has(f.message, "line 2")) << f.message;
}

TEST(RequestCharset, FailsOnACharacterAboveU00FF) {
    // U+20AC (euro sign), valid UTF-8 but outside IAM's set.
    const Finding f = run_rule("request-charset", load_bytes("# price \xE2\x82\xAC 5\n" + leaf()));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_TRUE(has(f.message, "U+20AC")) << f.message;
}

TEST(RequestCharset, FailsOnControlCharacters) {
    const Finding nul = run_rule("request-charset", load_bytes(leaf() + std::string(1, '\0')));
    EXPECT_EQ(nul.status, Status::Error);
    EXPECT_TRUE(has(nul.message, "NUL")) << nul.message;
    const Finding ctrl = run_rule("request-charset", load_bytes("\x01" + leaf()));
    EXPECT_EQ(ctrl.status, Status::Error);
    EXPECT_TRUE(has(ctrl.message, "U+0001")) << ctrl.message;
}

TEST(RequestCharset, ChecksTheKeyAndTheChainToo) {
    const std::string euro = "# \xE2\x82\xAC\n";
    const Finding key = run_rule("request-charset", load_bytes(leaf(), euro + read_file(fixture("leaf.key"))));
    EXPECT_EQ(key.status, Status::Error);
    EXPECT_TRUE(has(key.message, "private key")) << key.message;
    const Finding chain = run_rule("request-charset", load_bytes(leaf(), std::nullopt, euro + read_file(fixture("chain.pem"))));
    EXPECT_EQ(chain.status, Status::Error);
    EXPECT_TRUE(has(chain.message, "chain")) << chain.message;
    EXPECT_EQ(chain.file, "chain.pem");
}

TEST(RequestCharset, AlwaysApplies) {
    EXPECT_NE(run_rule("request-charset", load(fixture("empty.pem"))).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("request-charset", load_bytes(leaf() + "\x01")).status, Status::Error);
}

}  // namespace
}  // namespace certcheck::test
