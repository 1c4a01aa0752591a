// The project configuration file, .certcheck.toml: what a team sets once (profile, skipped
// rules, --fail-on, --expiry-warn, the trust store, scan file patterns). Command-line flags
// override it. Parsed with toml++; every problem names the file, the key and the line.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace certcheck {

inline constexpr std::string_view kConfigFileName = ".certcheck.toml";

// A bad configuration file (TOML syntax, unknown key, wrong type, bad value): exit 2.
// what() is "FILE:LINE: KEY: problem".
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The selection settings one table of the file gives; unset means "not in the file".
struct SelectionConfig {
    std::optional<std::string> profile;
    std::optional<std::vector<std::string>> skip;
    std::optional<std::vector<std::string>> only;
    std::optional<std::string> fail_on;      // "error" | "warn"
    std::optional<int> expiry_warn;          // days, >= 0
    std::optional<std::string> trust_store;  // resolved against the file's directory
};

struct Config {
    std::string path;                  // the file it came from ("" for none)
    SelectionConfig common;            // top-level keys: every command
    SelectionConfig check;             // [check]: overrides the top level for `check`
    SelectionConfig scan;              // [scan]: overrides the top level for `scan`
    SelectionConfig endpoint;          // [endpoint]: overrides the top level for `endpoint` (whose profile only comes from here)
    std::vector<std::string> include;  // [scan] include: globs a discovered file must match (empty: all)
    std::vector<std::string> exclude;  // [scan] exclude: globs of discovered files to leave out

    // The settings for one command ("check", "scan", "endpoint", ...): its table over the top level
    // (for "endpoint", the top level without its profile).
    [[nodiscard]] SelectionConfig for_command(std::string_view command) const;
};

// Parses the text of a configuration file; `path` names it in messages and anchors relative paths.
// Throws ConfigError.
[[nodiscard]] Config parse_config(std::string_view text, const std::string& path);

// Reads and parses a file (ConfigError when it cannot be read).
[[nodiscard]] Config load_config(const std::string& path);

// The .certcheck.toml that applies in `start_dir`: that directory's, else its parent's, and so on
// up to the top of the git work tree holding it (the directory with .git), or the filesystem root
// outside a work tree. Nothing when there is none.
[[nodiscard]] std::optional<std::string> find_config(const std::string& start_dir);

// Glob match for scan patterns: `*` and `?` match within one path component, `**` any number of
// components, `[...]` a character class. A pattern without '/' is matched against the file name
// alone; one with '/' against the path relative to the scanned directory.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view relative_path);

}  // namespace certcheck
