// Temporary directories and files for tests that must hand the certcheck binary a real path.
#pragma once

#include <string>
#include <string_view>

namespace certcheck::test {

// A fresh directory under the system temp dir (prefix-XXXXXX), removed with everything in it on destruction.
class TempDir {
public:
    explicit TempDir(std::string_view prefix = "certcheck-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }
    // Writes text (binary, truncating) to path()/name and returns that full path; throws if it cannot.
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::string path_;
};

// One TempDir for the whole test program, created on first use.
[[nodiscard]] const TempDir& temp_dir();
// temp_dir().write(name, text): a file that lives for the whole test program.
std::string write_temp(const std::string& name, const std::string& text);

}  // namespace certcheck::test
