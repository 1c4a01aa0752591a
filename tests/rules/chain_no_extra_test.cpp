// chain-no-extra: pass, fail (unrelated and duplicate certificates), and not-applicable.
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding no_extra(const std::string& chain_file) {
    return run_rule("chain-no-extra", load(fixture("leaf.pem"), std::nullopt, fixture(chain_file)));
}

TEST(ChainNoExtra, PassesWhenEveryCertificateIsOnThePath) {
    const Finding f = no_extra("chain.pem");
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    EXPECT_EQ(no_extra("chain-no-root.pem").status, Status::Pass);
    // Wrong order is chain-order's business: both certificates are on the path.
    EXPECT_EQ(no_extra("chain-reversed.pem").status, Status::Pass);
    // The leaf in the chain is chain-no-leaf's business: not reported twice.
    EXPECT_EQ(no_extra("chain-with-leaf.pem").status, Status::Pass);
}

TEST(ChainNoExtra, FailsOnAnUnrelatedCaNamingItAndItsLine) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-unrelated.pem"));
    const Finding f = run_rule("chain-no-extra", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, m.chain_certs.at(1).line);
    EXPECT_TRUE(has(f.message, "1 certificate to remove")) << f.message;
    EXPECT_TRUE(has(f.message, "chain[1]")) << f.message;
    EXPECT_TRUE(has(f.message, "Unrelated Root CA")) << f.message;
    EXPECT_TRUE(has(f.message, "is not on the body's issuing path")) << f.message;
    EXPECT_FALSE(has(f.message, "chain[0]")) << f.message;
    EXPECT_FALSE(has(f.message, "chain[2]")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "remove")) << *f.hint;
}

TEST(ChainNoExtra, FailsOnADuplicateSayingItRepeats) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-duplicate.pem"));
    const Finding f = run_rule("chain-no-extra", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, m.chain_certs.at(1).line);
    EXPECT_TRUE(has(f.message, "chain[1]")) << f.message;
    EXPECT_TRUE(has(f.message, "repeats chain[0]")) << f.message;
}

TEST(ChainNoExtra, ListsEveryExtraCertificate) {
    // chain.pem + other-root twice: chain[2] is unrelated, chain[3] repeats it.
    const std::string other = read_file(fixture("other-root.pem"));
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt, read_file(fixture("chain.pem")) + other + other);
    ASSERT_EQ(m.chain_certs.size(), 4u);
    const Finding f = run_rule("chain-no-extra", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, m.chain_certs[2].line);
    EXPECT_TRUE(has(f.message, "2 certificates to remove")) << f.message;
    EXPECT_TRUE(has(f.message, "chain[2]")) << f.message;
    EXPECT_TRUE(has(f.message, "chain[3]")) << f.message;
    EXPECT_TRUE(has(f.message, "repeats chain[2]")) << f.message;
    EXPECT_TRUE(has(f.message, "is not on the body's issuing path")) << f.message;
}

TEST(ChainNoExtra, CfsslChains) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    EXPECT_EQ(run_rule("chain-no-extra", cfssl_material({"inter-L2", "inter-L1", "ca"})).status, Status::Pass);
    EXPECT_EQ(run_rule("chain-no-extra", cfssl_material({"inter-L2-direct", "ca"})).status, Status::Pass);
    EXPECT_EQ(run_rule("chain-no-extra", cfssl_material({"ca", "inter-L1", "inter-L2"})).status, Status::Pass);

    // A DSA certificate that has nothing to do with the body (derived/chain-with-unrelated-cert.pem).
    const Finding unrelated = run_rule("chain-no-extra", cfssl_material({"inter-L2", "inter-L1", "dsa2048", "ca"}));
    EXPECT_EQ(unrelated.status, Status::Error);
    EXPECT_TRUE(has(unrelated.message, "1 certificate to remove: chain[2]")) << unrelated.message;
    EXPECT_TRUE(has(unrelated.message, "is not on the body's issuing path")) << unrelated.message;

    // derived/chain-duplicate-intermediate.pem
    const Finding dup = run_rule("chain-no-extra", cfssl_material({"inter-L2", "inter-L2", "inter-L1", "ca"}));
    EXPECT_EQ(dup.status, Status::Error);
    EXPECT_TRUE(has(dup.message, "chain[1]")) << dup.message;
    EXPECT_TRUE(has(dup.message, "repeats chain[0]")) << dup.message;

    // derived/chain-both-cross-signed-paths.pem: the cross-signed inter-L2-direct is a second, unused path.
    const Finding both = run_rule("chain-no-extra", cfssl_material({"inter-L2", "inter-L1", "inter-L2-direct", "ca"}));
    EXPECT_EQ(both.status, Status::Error);
    EXPECT_TRUE(has(both.message, "1 certificate to remove: chain[2]")) << both.message;
}

TEST(ChainNoExtra, DoesNotCallCertificatesAboveAGapExtra) {
    // leaf <- (intermediate missing) <- root: the root belongs to the chain; chain-order reports the gap.
    const Material root_only = load(fixture("leaf.pem"), std::nullopt, fixture("chain-root-only.pem"));
    EXPECT_EQ(run_rule("chain-no-extra", root_only).status, Status::Pass);
    EXPECT_EQ(run_rule("chain-order", root_only).status, Status::Error);
    // An unrelated leaf certificate in the same broken chain is still extra.
    const Material mixed = load_bytes(read_file(fixture("leaf.pem")), std::nullopt,
                                      read_file(fixture("ec-leaf.pem")) + read_file(fixture("root-ca.pem")));
    const Finding f = run_rule("chain-no-extra", mixed);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("chain[0]"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("chain[1]"), std::string::npos) << f.message;
}

TEST(ChainNoExtra, NotApplicableWithoutAChainOrABody) {
    EXPECT_EQ(run_rule("chain-no-extra", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("chain-no-extra", load(fixture("empty.pem"), std::nullopt, fixture("chain-unrelated.pem"))).status,
              Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
