// pem-leading-bytes: clean files pass; a UTF-8 byte-order mark or indentation before the first BEGIN fails
// in the body, the key, the chain and the trust anchor; whole text lines and non-PEM files are the
// *-pem rules' finding. The rule always applies.
#include <string>

#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kBom = "\xEF\xBB\xBF";
std::string leaf() { return read_file(fixture("leaf.pem")); }

TEST(PemLeadingBytes, PassesOnCleanFiles) {
    const Finding f = run_rule("pem-leading-bytes", load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_EQ(run_rule("pem-leading-bytes", load(fixture("leaf-crlf.pem"))).status, Status::Pass);
}

TEST(PemLeadingBytes, FailsOnAByteOrderMarkInEachFile) {
    const Finding body = run_rule("pem-leading-bytes", load(fixture("leaf-bom.pem")));
    EXPECT_EQ(body.status, Status::Error);
    EXPECT_EQ(body.line, 1);
    EXPECT_TRUE(has(body.message, "certificate body starts with a UTF-8 byte-order mark")) << body.message;
    ASSERT_TRUE(body.hint.has_value());
    EXPECT_TRUE(has(*body.hint, "leaf-bom.pem")) << *body.hint;
    const Finding key = run_rule("pem-leading-bytes", load_bytes(leaf(), kBom + read_file(fixture("leaf.key"))));
    EXPECT_EQ(key.status, Status::Error);
    EXPECT_TRUE(has(key.message, "private key starts with")) << key.message;
    const Finding chain = run_rule("pem-leading-bytes", load_bytes(leaf(), std::nullopt, kBom + read_file(fixture("chain.pem"))));
    EXPECT_EQ(chain.status, Status::Error);
    EXPECT_TRUE(has(chain.message, "chain starts with")) << chain.message;
}

TEST(PemLeadingBytes, FailsOnATrustAnchorWithAByteOrderMark) {
    const std::string anchor = write_temp("bom-anchor.pem", kBom + read_file(fixture("root-ca.pem")));
    const RaContext ra = ra_context(anchor);
    const Finding f = run_rule("pem-leading-bytes", load(fixture("leaf.pem")), ra.ctx);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "trust anchor starts with")) << f.message;
}

TEST(PemLeadingBytes, FailsOnAnIndentedFirstBeginLine) {
    const Finding f = run_rule("pem-leading-bytes", load_bytes("  " + leaf()));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "line 1: 2 spaces or tabs before -----BEGIN")) << f.message;
}

TEST(PemLeadingBytes, LeavesTextLinesAndNonPemFilesToThePemRules) {
    EXPECT_EQ(run_rule("pem-leading-bytes", load(fixture("leaf-bag-attributes.pem"))).status, Status::Pass);
    EXPECT_EQ(run_rule("pem-leading-bytes", load(fixture("leaf.der"))).status, Status::Pass);
    EXPECT_EQ(run_rule("pem-leading-bytes", load(fixture("leaf-utf16.pem"))).status, Status::Pass);
    EXPECT_EQ(run_rule("pem-leading-bytes", load_bytes("junk-----BEGIN CERTIFICATE-----\n")).status, Status::Pass);
}

TEST(PemLeadingBytes, AlwaysApplies) {
    EXPECT_NE(run_rule("pem-leading-bytes", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
