// The one chain model: the issuing path through every candidate, and what each chain-file
// certificate is relative to it (on the path, a leaf copy, a duplicate, above a gap, unrelated).
#include <gtest/gtest.h>

#include "certcheck/chain.hpp"
#include "certcheck/validator.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

// The model over the leaf and the chain file alone (no trust store), judged at a fixed time
// inside every fixture's validity.
ChainModel model_of(const Material& m) {
    Context ctx;
    ctx.at = 1893456000;  // 2030-01-01
    ChainInputs in;
    in.leaf = m.leaf();
    in.chain = &m.chain_certs;
    in.trust_store = false;
    return build_chain_model(in, ctx);
}

std::vector<ChainRole> roles(const ChainModel& model) {
    std::vector<ChainRole> out;
    for (const ChainEntry& e : model.chain) out.push_back(e.role);
    return out;
}

TEST(ChainModel, InOrder) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem"));
    const ChainModel model = model_of(m);
    EXPECT_EQ(model.path_chain_indices(), (std::vector<int>{0, 1}));
    EXPECT_EQ(model.end, PathEnd::Root);
    EXPECT_TRUE(model.chain_extras().empty());
    EXPECT_FALSE(model.first_bad.has_value());
}

TEST(ChainModel, Reversed) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-reversed.pem"));
    const ChainModel model = model_of(m);
    EXPECT_EQ(model.path_chain_indices(), (std::vector<int>{1, 0}));
    EXPECT_EQ(model.first_bad, 0);
    EXPECT_EQ(model.end, PathEnd::Root);
}

TEST(ChainModel, DuplicateUnrelatedAndLeaf) {
    const Material m1 = load(fixture("leaf.pem"), std::nullopt, fixture("chain-duplicate.pem"));
    const ChainModel dup = model_of(m1);
    EXPECT_EQ(dup.path_chain_indices(), (std::vector<int>{0, 2}));
    EXPECT_EQ(roles(dup), (std::vector<ChainRole>{ChainRole::OnPath, ChainRole::Duplicate, ChainRole::OnPath}));
    EXPECT_EQ(dup.chain_extras(), (std::vector<int>{1}));
    EXPECT_EQ(dup.first_bad, 1);

    const Material m2 = load(fixture("leaf.pem"), std::nullopt, fixture("chain-unrelated.pem"));
    const ChainModel unrelated = model_of(m2);
    EXPECT_EQ(unrelated.path_chain_indices(), (std::vector<int>{0, 2}));
    EXPECT_EQ(unrelated.chain[1].role, ChainRole::Unrelated);
    EXPECT_EQ(unrelated.chain_extras(), (std::vector<int>{1}));

    const Material m3 = load(fixture("leaf.pem"), std::nullopt, fixture("chain-with-leaf.pem"));
    const ChainModel leaf = model_of(m3);
    EXPECT_EQ(leaf.chain[0].role, ChainRole::LeafCopy);
    EXPECT_EQ(leaf.path_chain_indices(), (std::vector<int>{1, 2}));
    EXPECT_EQ(leaf.first_bad, 0);
}

TEST(ChainModel, MissingIssuerIsNamed) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-root-only.pem"));
    const ChainModel model = model_of(m);
    EXPECT_TRUE(model.path.empty());
    EXPECT_EQ(model.end, PathEnd::Missing);
    EXPECT_EQ(model.missing_issuer, m.leaf()->issuer);
    EXPECT_EQ(model.chain[0].role, ChainRole::AboveGap);  // the root may sit above the missing intermediate
    EXPECT_TRUE(model.chain_extras().empty());
}

TEST(ChainModel, GapWithAnUnrelatedCertificate) {
    // leaf <- (inter missing) <- root, plus a leaf that issued nothing here: only the latter is extra.
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt,
                                  read_file(fixture("ec-leaf.pem")) + read_file(fixture("root-ca.pem")));
    const ChainModel model = model_of(m);
    EXPECT_TRUE(model.path.empty());
    EXPECT_EQ(model.chain_extras(), (std::vector<int>{0}));
    EXPECT_EQ(model.chain[1].role, ChainRole::AboveGap);
}

TEST(ChainModel, NoLeafNoModel) {
    const Material m = load(fixture("garbage.bin"), std::nullopt, fixture("chain.pem"));
    EXPECT_EQ(chain_model(m, Context{}), nullptr);
}

}  // namespace
}  // namespace certcheck::test
