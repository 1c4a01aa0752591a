// Reading inputs: classification by content, file:// prefixes, and inputs that cannot be read.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "certcheck/load.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

TEST(Input, ClassifiesByContentNotName) {
    EXPECT_EQ(read_input(Slot::Body, fixture("leaf.pem")).encoding, Encoding::Pem);
    const InputFile der = read_input(Slot::Body, fixture("leaf.der"));
    EXPECT_EQ(der.encoding, Encoding::Der);
    EXPECT_EQ(der.der_kind, DerKind::Certificate);
    EXPECT_EQ(read_input(Slot::Body, fixture("leaf-p7b.der")).der_kind, DerKind::Pkcs7);
    EXPECT_EQ(read_input(Slot::Body, fixture("leaf.p12")).der_kind, DerKind::Pkcs12);
    EXPECT_EQ(read_input(Slot::Key, fixture("leaf-key.der")).der_kind, DerKind::PrivateKey);
    EXPECT_EQ(read_input(Slot::Body, fixture("empty.pem")).encoding, Encoding::Empty);
    EXPECT_EQ(read_input(Slot::Body, fixture("garbage.bin")).encoding, Encoding::Binary);
    EXPECT_EQ(analyse_input(Slot::Body, "t.txt", "hello\nworld\n").encoding, Encoding::Text);
}

TEST(Input, Utf16PemIsScanned) {
    const InputFile f = read_input(Slot::Body, fixture("leaf-utf16.pem"));
    EXPECT_TRUE(f.text.utf16);
    ASSERT_EQ(f.encoding, Encoding::Pem);
    ASSERT_EQ(f.blocks.size(), 1u);
    EXPECT_TRUE(f.blocks[0].ok());
}

TEST(Input, StripsFileSchemes) {
    EXPECT_EQ(strip_file_scheme("file://cert.pem"), "cert.pem");
    EXPECT_EQ(strip_file_scheme("fileb:///tmp/key.pem"), "/tmp/key.pem");
    EXPECT_EQ(strip_file_scheme("cert.pem"), "cert.pem");
    const InputFile f = read_input(Slot::Body, "file://" + fixture("leaf.pem"));
    EXPECT_EQ(f.path, fixture("leaf.pem"));
    EXPECT_EQ(f.encoding, Encoding::Pem);
}

TEST(Input, RefusesWhatCannotBeRead) {
    const TempDir tmp;
    const fs::path dir = tmp.path();
    EXPECT_THROW((void)read_input(Slot::Body, (dir / "missing.pem").string()), InputError);
    try {
        (void)read_input(Slot::Body, dir.string());
        FAIL() << "a directory was read";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("directory"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(dir.string()), std::string::npos) << e.what();
    }
    const fs::path fifo = dir / "fifo.pem";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_THROW((void)read_input(Slot::Body, fifo.string()), InputError);  // must not block

    const fs::path big = dir / "big.pem";
    { std::ofstream(big.string()) << "x"; }
    fs::resize_file(big, kMaxInputBytes + 1);  // sparse: nothing is written or read
    try {
        (void)read_input(Slot::Body, big.string());
        FAIL() << "an 11 MiB file was read";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("10 MiB"), std::string::npos) << e.what();
    }
    if (geteuid() != 0) {  // root reads anything
        const fs::path locked = dir / "locked.pem";
        { std::ofstream(locked.string()) << "x"; }
        fs::permissions(locked, fs::perms::none);
        EXPECT_THROW((void)read_input(Slot::Body, locked.string()), InputError);
    }
}

}  // namespace
}  // namespace certcheck::test
