// ra-subject-present: pass (a subject), fail (an empty subject with a critical SAN),
// not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(RaSubjectPresent, PassesWithASubject) {
    const Finding f = run_rule("ra-subject-present", load(pfixture("ra-leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "CN=ra-client.example.com")) << f.message;
}

TEST(RaSubjectPresent, FailsForAnEmptySubject) {
    const Finding f = run_rule("ra-subject-present", load(pfixture("ra-empty-subject.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "empty")) << f.message;
    EXPECT_EQ(f.line, 1);
}

TEST(RaSubjectPresent, NotApplicableWithoutACertificate) {
    EXPECT_EQ(run_rule("ra-subject-present", load(fixture("leaf.key"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
