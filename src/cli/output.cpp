// Writing a report to --output atomically (temp file beside it, then rename).
#include <sys/stat.h>

#include <filesystem>

#include <fmt/format.h>

#include "certcheck/fix.hpp"
#include "cli/options.hpp"
#include "fix/write.hpp"

namespace certcheck::cli {

void write_atomically(const std::string& path, const std::string& text) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        write_output(path, text);  // a device or FIFO: a rename would replace it
        return;
    }
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    struct stat dst {};
    if (::stat(dir.c_str(), &dst) != 0 || !S_ISDIR(dst.st_mode)) {
        throw InputError(fmt::format("{}: cannot write the report: {} is not a directory", path, dir));
    }
    try {
        fixio::write_all(dir, {fixio::OutFile{path, text, false}});
    } catch (const FixTargetError& e) {
        throw InputError(fmt::format("cannot write the report: {}", e.what()));
    }
}

}  // namespace certcheck::cli
