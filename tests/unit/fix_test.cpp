// fix() in-process: the profile is used as data (its rule list decides about the root), and a
// refusal leaves nothing behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fix/fix.hpp"
#include "certcheck/load.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

// The run context fix judges with: the profile as data, iam-server's rules, a fixed time.
RunContext run_with(const Profile& profile, const TrustStore& trust) {
    RunContext run;
    run.profile = &profile;
    run.rules = select_rules(*find_profile("iam-server"), {}, {});
    run.ctx = test_context();
    run.ctx.trust = &trust;
    run.cache = std::make_unique<CertCache>();
    run.ctx.cache = run.cache.get();
    return run;
}

FixRequest request(const RunContext& run, const std::string& out) {
    FixRequest r;
    r.cert = fixture("leaf.pem");
    r.key = fixture("leaf.key");
    r.chain = fixture("chain-reversed.pem");
    r.out_dir = out;
    r.run = &run;
    return r;
}

TEST(Fix, UntrustedRootIsKeptLast) {
    TempDir tmp("certcheck-fixlib");
    const TrustStore none = TrustStore::none();
    const RunContext run = run_with(*find_profile("iam-server"), none);
    const FixOutcome out = fix(request(run, tmp.path()));
    ASSERT_TRUE(out.fixed) << (out.problems.empty() ? "" : out.problems.front());
    EXPECT_EQ(read_file(tmp.path() + "/chain.pem"), read_file(fixture("chain.pem")));
}

TEST(Fix, ProfileWithChainNoRootLeavesTheRootOut) {
    TempDir tmp("certcheck-fixlib");
    const TrustStore none = TrustStore::none();
    Profile intermediates_only = *find_profile("iam-server");
    intermediates_only.name = "intermediates-only";
    intermediates_only.rules.push_back({"chain-no-root", {}});
    const RunContext run = run_with(intermediates_only, none);
    const FixOutcome out = fix(request(run, tmp.path()));
    ASSERT_TRUE(out.fixed) << (out.problems.empty() ? "" : out.problems.front());
    EXPECT_EQ(read_file(tmp.path() + "/chain.pem"), read_file(fixture("chain-no-root.pem")));
    EXPECT_NE(std::find_if(out.changes.begin(), out.changes.end(),
                           [](const FixChange& c) {
                               return c.file == "chain" && c.kind == "root-removed" && has(c.text, "this profile wants intermediates only");
                           }),
              out.changes.end());
}

TEST(Fix, RefusalWritesNothingAndCreatesNoDirectory) {
    TempDir tmp("certcheck-fixlib");
    const TrustStore trust = TrustStore::from_path(fixture("root-ca.pem"));
    const RunContext run = run_with(*find_profile("iam-server"), trust);
    FixRequest r = request(run, tmp.path() + "/out");
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
    const RunContext run = run_with(*find_profile("iam-server"), none);
    FixRequest r = request(run, tmp.path());
    r.bundle = "/nonexistent/bundle.pem";
    EXPECT_THROW((void)fix(r), InputError);
}

}  // namespace
}  // namespace certcheck::test
