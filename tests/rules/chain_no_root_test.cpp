// chain-no-root: pass (intermediates only), warn (a self-signed root in the chain),
// not-applicable (no chain, or nothing readable in it).
#include <gtest/gtest.h>

#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding no_root(const std::optional<std::string>& chain) {
    return run_rule("chain-no-root", load(fixture("leaf.pem"), std::nullopt, chain));
}

TEST(ChainNoRoot, PassesForIntermediatesOnly) {
    const Finding f = no_root(fixture("chain-no-root.pem"));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "1 intermediate")) << f.message;
}

TEST(ChainNoRoot, WarnsForARootInTheChain) {
    const Finding f = no_root(fixture("chain.pem"));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_TRUE(has(f.message, "chain[1]")) << f.message;
    EXPECT_TRUE(has(f.message, "Root CA")) << f.message;
    EXPECT_GT(f.line.value_or(0), 1) << "the root's BEGIN line in chain.pem, after the intermediate";
    const Finding only = no_root(fixture("chain-root-only.pem"));
    EXPECT_EQ(only.status, Status::Warn);
    EXPECT_TRUE(has(only.message, "chain[0]")) << only.message;
}

TEST(ChainNoRoot, NotApplicableWithoutAReadableChain) {
    EXPECT_EQ(no_root(std::nullopt).status, Status::NotApplicable);
    EXPECT_EQ(no_root(fixture("garbage.bin")).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
