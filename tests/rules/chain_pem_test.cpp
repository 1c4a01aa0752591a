// chain-pem: pass, fail (each way a chain file is not CERTIFICATE PEM only), and not-applicable.
#include <algorithm>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding chain_pem(const std::string& chain_file) {
    return run_rule("chain-pem", load(fixture("leaf.pem"), std::nullopt, fixture(chain_file)));
}

TEST(ChainPem, PassesOnPlainPemCertificates) {
    const Finding f = chain_pem("chain.pem");
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("2 CERTIFICATE blocks"), std::string::npos) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    EXPECT_EQ(chain_pem("chain-no-root.pem").status, Status::Pass);
}

TEST(ChainPem, JudgesOnlyTheChainFile) {
    // A broken body is body-pem's business, not chain-pem's.
    const Finding f = run_rule("chain-pem", load(fixture("leaf-text-dump.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

TEST(ChainPem, FailsOnAPrivateKeyInTheChainWithoutQuotingIt) {
    const std::string chain = read_file(fixture("chain.pem"));
    const std::string key = read_file(fixture("leaf.key"));
    const int key_line = static_cast<int>(std::count(chain.begin(), chain.end(), '\n')) + 1;
    const Finding f = run_rule("chain-pem", load_bytes(read_file(fixture("leaf.pem")), std::nullopt, chain + key));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, key_line);
    EXPECT_NE(f.message.find("private key (RSA PRIVATE KEY)"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("line " + std::to_string(key_line)), std::string::npos) << f.message;
    const std::string base64_line = key.substr(key.find('\n') + 1, 64);
    EXPECT_EQ(f.message.find(base64_line), std::string::npos);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_EQ(f.hint->find(base64_line), std::string::npos);
}

TEST(ChainPem, FailsOnTextOutsideTheBlocks) {
    const Finding dump = chain_pem("leaf-text-dump.pem");
    EXPECT_EQ(dump.status, Status::Error);
    EXPECT_EQ(dump.line, 1);
    EXPECT_NE(dump.message.find("outside the PEM blocks"), std::string::npos) << dump.message;
    EXPECT_NE(dump.message.find("openssl x509 -text"), std::string::npos) << dump.message;

    const Finding bag = chain_pem("leaf-bag-attributes.pem");
    EXPECT_EQ(bag.status, Status::Error);
    EXPECT_EQ(bag.line, 1);
    EXPECT_NE(bag.message.find("Bag Attributes"), std::string::npos) << bag.message;

    // Text after the last block, at its own line.
    const std::string chain = read_file(fixture("chain.pem"));
    const int text_line = static_cast<int>(std::count(chain.begin(), chain.end(), '\n')) + 1;
    const Finding after = run_rule("chain-pem", load_bytes(read_file(fixture("leaf.pem")), std::nullopt,
                                                           chain + "subject=CN = certcheck Test Root CA\n"));
    EXPECT_EQ(after.status, Status::Error);
    EXPECT_EQ(after.line, text_line);
    EXPECT_NE(after.message.find("line " + std::to_string(text_line)), std::string::npos) << after.message;
}

TEST(ChainPem, FailsOnDerPkcs7AndPkcs12NamingTheFormat) {
    const Finding der = chain_pem("leaf.der");
    EXPECT_EQ(der.status, Status::Error);
    EXPECT_NE(der.message.find("DER"), std::string::npos) << der.message;
    ASSERT_TRUE(der.hint.has_value());
    EXPECT_NE(der.hint->find("openssl x509 -inform DER"), std::string::npos) << *der.hint;

    const Finding p7 = chain_pem("leaf.p7b");
    EXPECT_EQ(p7.status, Status::Error);
    EXPECT_NE(p7.message.find("PKCS#7"), std::string::npos) << p7.message;
    ASSERT_TRUE(p7.hint.has_value());
    EXPECT_NE(p7.hint->find("openssl pkcs7"), std::string::npos) << *p7.hint;

    EXPECT_EQ(chain_pem("leaf-p7b.der").status, Status::Error);
    const Finding p12 = chain_pem("leaf.p12");
    EXPECT_EQ(p12.status, Status::Error);
    EXPECT_NE(p12.message.find("PKCS#12"), std::string::npos) << p12.message;
}

TEST(ChainPem, FailsOnDamagedAndTruncatedBlocks) {
    const Finding bad = chain_pem("leaf-bad-base64.pem");
    EXPECT_EQ(bad.status, Status::Error);
    EXPECT_EQ(bad.line, 1);
    EXPECT_NE(bad.message.find("line 1"), std::string::npos) << bad.message;

    const Finding no_end = chain_pem("leaf-no-end.pem");
    EXPECT_EQ(no_end.status, Status::Error);
    EXPECT_NE(no_end.message.find("no END line"), std::string::npos) << no_end.message;
}

TEST(ChainPem, FailsOnEmptyCsrUtf16AndGarbage) {
    const Finding empty = chain_pem("empty.pem");
    EXPECT_EQ(empty.status, Status::Error);
    EXPECT_NE(empty.message.find("empty"), std::string::npos) << empty.message;

    const Finding csr = chain_pem("csr.pem");
    EXPECT_EQ(csr.status, Status::Error);
    EXPECT_NE(csr.message.find("certificate signing request"), std::string::npos) << csr.message;

    const Finding utf16 = chain_pem("leaf-utf16.pem");
    EXPECT_EQ(utf16.status, Status::Error);
    EXPECT_NE(utf16.message.find("UTF-16"), std::string::npos) << utf16.message;

    EXPECT_EQ(chain_pem("garbage.bin").status, Status::Error);
    EXPECT_EQ(chain_pem("leaf.key").status, Status::Error);
}

TEST(ChainPem, FailsWhenAnEndLineRunsIntoTheNextBeginLine) {
    // `cat a.pem b.pem` of files without a final newline: "-----END CERTIFICATE----------BEGIN CERTIFICATE-----".
    const std::string chain = read_file(fixture("inter-ca.pem"));
    const std::string glued = chain.substr(0, chain.size() - 1) + read_file(fixture("root-ca.pem"));
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt, glued);
    const Finding f = run_rule("chain-pem", m);
    EXPECT_EQ(f.status, Status::Error);
    const int joined_line = m.chain_certs.at(1).line;  // the END of inter-ca and the BEGIN of root-ca
    EXPECT_EQ(f.line, joined_line);
    EXPECT_NE(f.message.find("joined on one line"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("awk 1"), std::string::npos) << *f.hint;
    // Both certificates are still read, so the other chain rules judge the order as usual.
    EXPECT_EQ(m.chain_certs.size(), 2u);
    EXPECT_EQ(run_rule("chain-order", m).status, Status::Pass);
}

TEST(ChainPem, NotApplicableWithoutAChain) {
    const Finding f = run_rule("chain-pem", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_NE(f.message.find("no --chain"), std::string::npos) << f.message;
}

}  // namespace
}  // namespace certcheck::test
