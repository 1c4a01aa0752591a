// Writing fix's output: all targets checked first, temp files created with their final mode,
// fsynced, then renamed into place; on any failure nothing is left behind (internal).
#pragma once

#include <string>
#include <vector>

namespace certcheck::fixio {

struct OutFile {
    std::string path;  // the final path
    std::string data;
    bool secret = false;  // created 0600 from the start (the key)
};

// Throws FixTargetError when a target exists and !force, when a target is one of the inputs
// (even with force), or when dir exists and is not a directory.
void check_targets(const std::string& dir, const std::vector<std::string>& targets,
                   const std::vector<std::string>& inputs, bool force);

// Creates dir when missing, writes every file to a temp file beside its target and renames
// them all; on failure removes the temps (and any target this call created) and throws FixTargetError.
void write_all(const std::string& dir, const std::vector<OutFile>& files);

}  // namespace certcheck::fixio
