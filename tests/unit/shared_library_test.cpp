// SharedLibrary: a library loaded with dlopen on first use (libssl for the TLS client, libidn2 for a
// Unicode --host), with a message naming the library or function when it cannot be had.
#include <gtest/gtest.h>

#include <idn2.h>

#include <memory>
#include <string>

#include "common/shared_library.hpp"

namespace certcheck::test {
namespace {

TEST(SharedLibrary, LoadsOnFirstUseAndCallsTheRealFunction) {
    SharedLibrary lib{"libidn2.so.0"};
    std::string why;
    decltype(&idn2_to_ascii_8z) to_ascii = nullptr;
    decltype(&idn2_free) release = nullptr;
    ASSERT_TRUE(lib.bind(to_ascii, "idn2_to_ascii_8z", why)) << why;
    ASSERT_TRUE(lib.bind(release, "idn2_free", why)) << why;
    EXPECT_TRUE(why.empty());
    char* out = nullptr;
    ASSERT_EQ(to_ascii("b\xc3\xbc"
                       "cher.example",
                       &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT),
              IDN2_OK);
    const std::unique_ptr<char, decltype(&idn2_free)> holder(out, release);
    EXPECT_EQ(std::string{out}, "xn--bcher-kva.example");
}

TEST(SharedLibrary, AMissingLibraryIsNamedEveryTime) {
    SharedLibrary lib{"libcertcheck-no-such-library.so.7"};
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::string why;
        void (*fn)() = nullptr;
        EXPECT_FALSE(lib.bind(fn, "anything", why));
        EXPECT_EQ(fn, nullptr);
        EXPECT_NE(why.find("cannot load libcertcheck-no-such-library.so.7"), std::string::npos) << why;
    }
}

TEST(SharedLibrary, AMissingFunctionIsNamedWithItsLibrary) {
    SharedLibrary lib{"libidn2.so.0"};
    std::string why;
    EXPECT_EQ(lib.symbol("idn2_no_such_function", why), nullptr);
    EXPECT_EQ(why, "libidn2.so.0 has no function idn2_no_such_function");
}

}  // namespace
}  // namespace certcheck::test
