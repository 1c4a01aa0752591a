// The PEM scanner: labels, headers, line numbers, stray text, damaged blocks.
#include <gtest/gtest.h>

#include "certcheck/load.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(PemScanner, FindsBlocksWithLabelsAndLines) {
    const PemScan scan = scan_pem(read_file(fixture("chain.pem")));
    ASSERT_EQ(scan.blocks.size(), 2u);
    EXPECT_EQ(scan.blocks[0].label, "CERTIFICATE");
    EXPECT_EQ(scan.blocks[0].begin_line, 1);
    EXPECT_GT(scan.blocks[0].end_line, scan.blocks[0].begin_line);
    EXPECT_EQ(scan.blocks[1].begin_line, scan.blocks[0].end_line + 1);
    EXPECT_TRUE(scan.blocks[0].ok());
    EXPECT_FALSE(scan.blocks[0].der.empty());
    EXPECT_EQ(static_cast<unsigned char>(scan.blocks[0].der[0]), 0x30);
    EXPECT_TRUE(scan.stray.empty());
}

TEST(PemScanner, KeepsEncryptionHeaders) {
    const PemScan scan = scan_pem(read_file(fixture("leaf-enc-legacy.key")));
    ASSERT_EQ(scan.blocks.size(), 1u);
    const PemBlock& b = scan.blocks[0];
    EXPECT_EQ(b.label, "RSA PRIVATE KEY");
    ASSERT_EQ(b.headers.size(), 2u);
    EXPECT_EQ(b.headers[0].name, "Proc-Type");
    EXPECT_EQ(b.headers[0].value, "4,ENCRYPTED");
    EXPECT_EQ(b.headers[1].name, "DEK-Info");
    EXPECT_TRUE(b.encrypted());
}

TEST(PemScanner, DescribesStrayTextWithoutQuotingIt) {
    const PemScan bag = scan_pem(read_file(fixture("leaf-bag-attributes.pem")));
    ASSERT_FALSE(bag.stray.empty());
    EXPECT_EQ(bag.stray[0].first_line, 1);
    EXPECT_NE(bag.stray[0].kind.find("Bag Attributes"), std::string::npos);
    const PemScan dump = scan_pem(read_file(fixture("leaf-text-dump.pem")));
    ASSERT_FALSE(dump.stray.empty());
    EXPECT_NE(dump.stray[0].kind.find("openssl x509 -text"), std::string::npos);
    EXPECT_GT(dump.stray[0].last_line, dump.stray[0].first_line);
}

TEST(PemScanner, SplitsTextGluedInFrontOfABeginLine) {
    const PemScan glued = scan_pem("junk-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    ASSERT_EQ(glued.blocks.size(), 1u);
    EXPECT_TRUE(glued.blocks[0].ok());
    EXPECT_EQ(glued.blocks[0].begin_line, 1);
    EXPECT_EQ(glued.blocks[0].end_line, 3);
    ASSERT_EQ(glued.stray.size(), 1u);
    EXPECT_EQ(glued.stray[0].first_line, 1);
    EXPECT_EQ(glued.stray[0].last_line, 1);
    // Blanks alone before the dashes are not stray text (pem-leading-bytes reports indentation),
    // and dashes inside a line that is no armour split nothing.
    EXPECT_TRUE(scan_pem("  -----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").stray.empty());
    const PemScan prose = scan_pem("see -----BEGIN below\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    ASSERT_EQ(prose.stray.size(), 1u);
    ASSERT_EQ(prose.blocks.size(), 1u);
    EXPECT_EQ(prose.blocks[0].begin_line, 2);
}

TEST(PemScanner, ReportsMissingEndAndBadBase64) {
    const PemScan no_end = scan_pem(read_file(fixture("leaf-no-end.pem")));
    ASSERT_EQ(no_end.blocks.size(), 1u);
    EXPECT_FALSE(no_end.blocks[0].ok());
    EXPECT_EQ(no_end.blocks[0].end_line, 0);
    EXPECT_TRUE(no_end.blocks[0].der.empty());

    const PemScan bad = scan_pem(read_file(fixture("leaf-bad-base64.pem")));
    ASSERT_EQ(bad.blocks.size(), 1u);
    EXPECT_FALSE(bad.blocks[0].ok());
    EXPECT_EQ(bad.blocks[0].problem_line, 4);
}

TEST(PemScanner, ReportsMismatchedEndLabelAndBeginInsideBlock) {
    const PemScan mismatch = scan_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n");
    ASSERT_EQ(mismatch.blocks.size(), 1u);
    EXPECT_NE(mismatch.blocks[0].problem->find("X509 CRL"), std::string::npos);

    const PemScan nested = scan_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    ASSERT_EQ(nested.blocks.size(), 2u);
    EXPECT_FALSE(nested.blocks[0].ok());
    EXPECT_TRUE(nested.blocks[1].ok());
    EXPECT_EQ(nested.blocks[1].begin_line, 3);
}

TEST(PemScanner, RejectsBadPadding) {
    EXPECT_FALSE(scan_pem("-----BEGIN X-----\nAA=A\n-----END X-----\n").blocks.at(0).ok());
    EXPECT_FALSE(scan_pem("-----BEGIN X-----\nAAA\n-----END X-----\n").blocks.at(0).ok());
    const PemScan good = scan_pem("-----BEGIN X-----\nAAE=\n-----END X-----\n");
    ASSERT_TRUE(good.blocks.at(0).ok());
    EXPECT_EQ(good.blocks[0].der, std::string("\x00\x01", 2));
}

TEST(PemScanner, HandlesCrlfBomAndBareCr) {
    const std::string pem = read_file(fixture("leaf.pem"));
    for (const std::string& variant : {read_file(fixture("leaf-crlf.pem")), read_file(fixture("leaf-bom.pem"))}) {
        const PemScan scan = scan_pem(variant);
        ASSERT_EQ(scan.blocks.size(), 1u);
        EXPECT_TRUE(scan.blocks[0].ok());
        EXPECT_EQ(scan.blocks[0].der, scan_pem(pem).blocks[0].der);
    }
    std::string cr = pem;
    for (char& c : cr) {
        if (c == '\n') c = '\r';
    }
    EXPECT_TRUE(scan_pem(cr).blocks.at(0).ok());
}

TEST(PemScanner, SurvivesDegenerateInput) {
    EXPECT_TRUE(scan_pem("").blocks.empty());
    EXPECT_TRUE(scan_pem("-----BEGIN -----").blocks.size() <= 1u);
    EXPECT_EQ(scan_pem("-----BEGIN CERTIFICATE-----").blocks.size(), 1u);
    EXPECT_FALSE(scan_pem("-----BEGIN CERTIFICATE-----").blocks[0].ok());
    EXPECT_EQ(scan_pem(std::string(100000, '-')).blocks.size(), 0u);
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(PemScanner, ImplausibleLabelsAreNotKept) {
    // A label is printed in messages; one that looks like data is replaced, never echoed.
    const std::string secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    const PemScan scan = scan_pem("-----BEGIN " + secret + "-----\nAAAA\n-----END " + secret + "x-----\n");
    ASSERT_EQ(scan.blocks.size(), 1u);
    EXPECT_EQ(scan.blocks[0].label, "(unreadable label)");
    EXPECT_EQ(scan.blocks[0].problem.value_or("").find(secret), std::string::npos);
}

}  // namespace
}  // namespace certcheck::test
