// How the chain is related to the body: the issuing path, leaf copies, extras, the first bad index.
#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

const ChainAnalysis& analysis(const Material& m) {
    EXPECT_TRUE(m.chain_analysis.has_value());
    return *m.chain_analysis;
}

TEST(ChainAnalysis, InOrder) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem"));
    const ChainAnalysis& a = analysis(m);
    EXPECT_EQ(a.path, (std::vector<int>{0, 1}));
    EXPECT_TRUE(a.extras.empty());
    EXPECT_TRUE(a.leaf_copies.empty());
    EXPECT_FALSE(a.first_bad.has_value());
    EXPECT_TRUE(a.path_reaches_root);
}

TEST(ChainAnalysis, Reversed) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-reversed.pem"));
    const ChainAnalysis& a = analysis(m);
    EXPECT_EQ(a.path, (std::vector<int>{1, 0}));
    EXPECT_EQ(a.first_bad, 0);
}

TEST(ChainAnalysis, DuplicateUnrelatedAndLeaf) {
    const Material m1 = load(fixture("leaf.pem"), std::nullopt, fixture("chain-duplicate.pem"));
    const ChainAnalysis& dup = analysis(m1);
    EXPECT_EQ(dup.path, (std::vector<int>{0, 2}));
    EXPECT_EQ(dup.extras, (std::vector<int>{1}));
    EXPECT_EQ(dup.first_bad, 1);

    const Material m2 = load(fixture("leaf.pem"), std::nullopt, fixture("chain-unrelated.pem"));
    const ChainAnalysis& unrelated = analysis(m2);
    EXPECT_EQ(unrelated.path, (std::vector<int>{0, 2}));
    EXPECT_EQ(unrelated.extras, (std::vector<int>{1}));

    const Material m3 = load(fixture("leaf.pem"), std::nullopt, fixture("chain-with-leaf.pem"));
    const ChainAnalysis& leaf = analysis(m3);
    EXPECT_EQ(leaf.leaf_copies, (std::vector<int>{0}));
    EXPECT_EQ(leaf.path, (std::vector<int>{1, 2}));
    EXPECT_TRUE(leaf.extras.empty());
    EXPECT_EQ(leaf.first_bad, 0);
}

TEST(ChainAnalysis, MissingIssuer) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-root-only.pem"));
    const ChainAnalysis& a = analysis(m);
    EXPECT_TRUE(a.path.empty());
    EXPECT_TRUE(a.extras.empty());  // the root may sit above the missing intermediate
    EXPECT_EQ(a.beyond_gap, (std::vector<int>{0}));
    EXPECT_FALSE(a.path_reaches_root);
}

TEST(ChainAnalysis, GapWithAnUnrelatedCertificate) {
    // leaf <- (inter missing) <- root, plus a leaf that issued nothing here: only the latter is extra.
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt,
                                  read_file(fixture("ec-leaf.pem")) + read_file(fixture("root-ca.pem")));
    const ChainAnalysis& a = analysis(m);
    EXPECT_TRUE(a.path.empty());
    EXPECT_EQ(a.extras, (std::vector<int>{0}));
    EXPECT_EQ(a.beyond_gap, (std::vector<int>{1}));
}

TEST(ChainAnalysis, NoChainNoAnalysis) {
    EXPECT_FALSE(load(fixture("leaf.pem")).chain_analysis.has_value());
    EXPECT_FALSE(load(fixture("garbage.bin"), std::nullopt, fixture("chain.pem")).chain_analysis.has_value());
}

}  // namespace
}  // namespace certcheck::test
