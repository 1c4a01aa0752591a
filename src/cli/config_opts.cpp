// The configuration file on the command line: --config, --no-config, and the merge under flags.
#include <filesystem>

#include <fmt/format.h>

#include "cli/options.hpp"

namespace certcheck::cli {
namespace {

// Sets `target` from the file when the flag was not given on the command line.
template <typename T>
void fill(const CLI::App& cmd, std::string_view flag, T& target, const std::optional<T>& from_file) {
    if (from_file && cmd.get_option(std::string{flag})->count() == 0) target = *from_file;
}

}  // namespace

void add_config_options(CLI::App& cmd, ConfigOptions& o) {
    CLI::Option* file = cmd.add_option("--config", o.file, "Read settings from this file instead of the .certcheck.toml found upward from the working directory")->type_name("FILE");
    cmd.add_flag("--no-config", o.none, "Ignore every configuration file")->excludes(file);
}

std::optional<Config> apply_config(const CLI::App& cmd, const ConfigOptions& top, const ConfigOptions& own,
                                   SelectionOptions& sel) {
    if (own.none || top.none) return std::nullopt;
    std::optional<std::string> path = own.file ? own.file : top.file;
    if (path) {
        *path = strip_file_scheme(*path);
    } else {
        std::error_code ec;
        const auto cwd = std::filesystem::current_path(ec);
        if (ec) return std::nullopt;
        path = find_config(cwd.string());
        if (!path) return std::nullopt;
    }
    Config cfg;
    try {
        cfg = load_config(*path);
    } catch (const ConfigError& e) {
        throw UsageError{e.what()};
    }
    sel.config_file = *path;
    const SelectionConfig c = cfg.for_command(cmd.get_name());
    fill(cmd, "--profile", sel.profile, c.profile);
    fill(cmd, "--skip", sel.skip, c.skip);
    fill(cmd, "--only", sel.only, c.only);
    fill(cmd, "--fail-on", sel.fail_on, c.fail_on);
    fill(cmd, "--expiry-warn", sel.expiry_warn, c.expiry_warn);
    if (c.trust_store && cmd.get_option("--trust-store")->count() == 0) sel.trust_store = c.trust_store;
    return cfg;
}

}  // namespace certcheck::cli
