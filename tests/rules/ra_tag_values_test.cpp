// ra-tag-values: pass (every mapped value fits), warn (a value outside the tag pattern, a value
// over 256 characters), not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(RaTagValues, PassesWhenEveryValueFits) {
    const Finding f = run_rule("ra-tag-values", load(pfixture("ra-leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "11 session tags")) << f.message;
}

TEST(RaTagValues, WarnsForACharacterOutsideThePatternAndALongUri) {
    const Finding f = run_rule("ra-tag-values", load(pfixture("ra-badtags.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_TRUE(has(f.message, "x509Subject/OU")) << f.message;
    EXPECT_TRUE(has(f.message, "'&'")) << f.message;
    EXPECT_TRUE(has(f.message, "also dropped: x509SAN/URI")) << f.message;
}

TEST(RaTagValues, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("ra-tag-values", load(fixture("empty.pem"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
