// fix's writer: targets checked first, the key created 0600, nothing left behind on failure.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "fix/fix.hpp"
#include "fix/write.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

std::size_t entries(const std::string& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

TEST(FixWrite, CreatesTheDirectoryAndTheKey0600) {
    TempDir tmp("certcheck-write");
    const std::string dir = tmp.path() + "/a/b";
    fixio::write_all(dir, {{dir + "/cert.pem", "cert\n", false}, {dir + "/key.pem", "key\n", true}}, {}, false);
    struct stat st {};
    ASSERT_EQ(::stat((dir + "/key.pem").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777u, 0600u);
    EXPECT_EQ(read_file(dir + "/cert.pem"), "cert\n");
    EXPECT_EQ(entries(dir), 2u);
}

TEST(FixWrite, FailedRenameLeavesNothing) {
    TempDir tmp("certcheck-write");
    // chain.pem is a non-empty directory, so renaming a file onto it fails after cert.pem was placed.
    fs::create_directories(tmp.path() + "/chain.pem/x");
    EXPECT_THROW(fixio::write_all(tmp.path(), {{tmp.path() + "/cert.pem", "cert\n", false}, {tmp.path() + "/key.pem", "key\n", true}, {tmp.path() + "/chain.pem", "chain\n", false}},
                                  {}, true),
                 FixTargetError);
    EXPECT_EQ(entries(tmp.path()), 1u) << "only the pre-existing chain.pem directory may remain";
}

TEST(FixWrite, TargetsCheckedBeforeWriting) {
    TempDir tmp("certcheck-write");
    const std::string cert = tmp.write("cert.pem", "x");
    const std::string input = tmp.write("in.pem", "y");
    EXPECT_THROW(fixio::check_targets(tmp.path(), {cert, tmp.path() + "/key.pem"}, {input}, false), FixTargetError);
    EXPECT_NO_THROW(fixio::check_targets(tmp.path(), {cert, tmp.path() + "/key.pem"}, {input}, true));
    EXPECT_THROW(fixio::check_targets(tmp.path(), {input}, {input}, true), FixTargetError);
    EXPECT_THROW(fixio::check_targets(cert, {cert + "/x"}, {}, true), FixTargetError);  // --out is a file
    EXPECT_NO_THROW(fixio::check_targets(tmp.path() + "/new", {tmp.path() + "/new/cert.pem"}, {input}, false));
}

}  // namespace
}  // namespace certcheck::test
