// What the certcheck binary loads before main (docs/performance.md, "Start-up"): libcrypto, but not
// the libraries only some commands need (libssl, libidn2 and its libunistring are loaded on first
// use) nor the ones compiled in (fmt, spdlog, toml++).
#include <gtest/gtest.h>

#include <string>

#include "support/process.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

TEST(StartUp, OnlyTheLibrariesEveryCommandNeedsAreLoadedAtStart) {
    // The dynamic loader lists what it would load and exits (what ldd does), without running certcheck.
    const RunResult r = run_certcheck({"--version"}, 60, {"LD_TRACE_LOADED_OBJECTS=1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("libcrypto.so"), std::string::npos) << r.out;
    for (const char* lib : {"libssl.so", "libidn2.so", "libunistring.so", "libfmt.so", "libspdlog.so", "libtomlplusplus.so"}) {
        EXPECT_EQ(r.out.find(lib), std::string::npos) << lib << " is loaded at start:\n"
                                                      << r.out;
    }
}

TEST(StartUp, VerboseLinesStillComeFromTheLazyLogger) {
    const RunResult r = run_certcheck({"check", "--no-config", "-v", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain",
                                       fixture("chain.pem"), "--at", "2026-06-01T00:00:00Z", "--format", "json"});
    EXPECT_NE(r.err.find("certcheck: info: profile iam-server: "), std::string::npos) << r.err;
    const RunResult quiet = run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain",
                                           fixture("chain.pem"), "--at", "2026-06-01T00:00:00Z", "--format", "json"});
    EXPECT_EQ(quiet.err.find("certcheck: info:"), std::string::npos) << quiet.err;
    EXPECT_EQ(quiet.exit_code, r.exit_code);
}

}  // namespace
}  // namespace certcheck::test
