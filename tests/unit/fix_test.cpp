// fix() in-process: the profile is used as data (its rule list decides about the root), and a
// refusal leaves nothing behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "certcheck/fix.hpp"
#include "certcheck/load.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

FixRequest request(const Profile& profile, const TrustStore& trust, const std::string& out) {
    FixRequest r;
    r.cert = fixture("leaf.pem");
    r.key = fixture("leaf.key");
    r.chain = fixture("chain-reversed.pem");
    r.out_dir = out;
    r.profile = &profile;
    r.rules = select_rules(*find_profile("iam-server"), {}, {});
    r.ctx = test_context();
    r.ctx.trust = &trust;
    return r;
}

TEST(Fix, UntrustedRootIsKeptLast) {
    TempDir tmp("certcheck-fixlib");
    const TrustStore none = TrustStore::none();
    const FixOutcome out = fix(request(*find_profile("iam-server"), none, tmp.path()));
    ASSERT_TRUE(out.fixed) << (out.problems.empty() ? "" : out.problems.front());
    EXPECT_EQ(read_file(tmp.path() + "/chain.pem"), read_file(fixture("chain.pem")));
}

TEST(Fix, ProfileWithChainNoRootLeavesTheRootOut) {
    TempDir tmp("certcheck-fixlib");
    const TrustStore none = TrustStore::none();
    Profile intermediates_only = *find_profile("iam-server");
    intermediates_only.name = "intermediates-only";
    intermediates_only.rules.push_back({"chain-no-root", {}});
    const FixOutcome out = fix(request(intermediates_only, none, tmp.path()));
    ASSERT_TRUE(out.fixed) << (out.problems.empty() ? "" : out.problems.front());
    EXPECT_EQ(read_file(tmp.path() + "/chain.pem"), read_file(fixture("chain-no-root.pem")));
    EXPECT_NE(std::find_if(out.changes.begin(), out.changes.end(),
                           [](const std::string& c) { return has(c, "this profile wants intermediates only"); }),
              out.changes.end());
}

TEST(Fix, RefusalWritesNothingAndCreatesNoDirectory) {
    TempDir tmp("certcheck-fixlib");
    const TrustStore trust = TrustStore::from_path(fixture("root-ca.pem"));
    FixRequest r = request(*find_profile("iam-server"), trust, tmp.path() + "/out");
    r.key = fixture("other.key");
    const FixOutcome out = fix(r);
    EXPECT_FALSE(out.fixed);
    ASSERT_EQ(out.problems.size(), 1u);
    EXPECT_TRUE(has(out.problems[0], "does not match"));
    EXPECT_TRUE(out.written.empty());
    EXPECT_FALSE(fs::exists(tmp.path() + "/out"));
}

TEST(Fix, UnreadableInputThrowsInputError) {
    TempDir tmp("certcheck-fixlib");
    const TrustStore none = TrustStore::none();
    FixRequest r = request(*find_profile("iam-server"), none, tmp.path());
    r.bundle = "/nonexistent/bundle.pem";
    EXPECT_THROW((void)fix(r), InputError);
}

}  // namespace
}  // namespace certcheck::test
