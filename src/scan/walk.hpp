// Walking the scanned paths (internal): directories in a deterministic order, each with its
// regular files; everything not read is reported with why.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace certcheck::scan {

struct Directory {
    std::string path;
    std::vector<std::string> files;  // regular files (or symlinks to them), sorted by name
};

struct Walk {
    std::vector<Directory> directories;
    std::vector<std::pair<std::string, std::string>> skipped;  // path, why
};

// Throws InputError for a root that does not exist or cannot be read.
[[nodiscard]] Walk walk(const std::vector<std::string>& roots, bool follow_symlinks);

}  // namespace certcheck::scan
