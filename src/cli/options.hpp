// CLI11 declarations of each subcommand (internal to cli/).
#pragma once

#include <CLI/CLI.hpp>

#include "certcheck/check.hpp"
#include "certcheck/config.hpp"
#include "certcheck/engine.hpp"
#include "certcheck/load.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "cli/cli.hpp"

namespace certcheck::cli {

CLI::App* add_check_command(CLI::App& app, CheckOptions& opts);
CLI::App* add_scan_command(CLI::App& app, ScanOptions& opts);
CLI::App* add_rules_command(CLI::App& app, RulesOptions& opts);
CLI::App* add_profiles_command(CLI::App& app, ProfilesOptions& opts);
CLI::App* add_fix_command(CLI::App& app, FixOptions& opts);
CLI::App* add_inspect_command(CLI::App& app, InspectOptions& opts);

// Shared option groups (scan will reuse them).
void add_selection_options(CLI::App& cmd, SelectionOptions& opts);
void add_output_options(CLI::App& cmd, OutputOptions& opts);

// --config FILE and --no-config on a command (or the top level).
void add_config_options(CLI::App& cmd, ConfigOptions& opts);
// The configuration that applies to a parsed command: --config (the command's, else the top
// level's), else .certcheck.toml found upward from the working directory, unless --no-config.
// Its settings fill every selection option not given on the command line (throws UsageError for
// a bad file). Returns it, or nothing when no file applies.
std::optional<Config> apply_config(const CLI::App& cmd, const ConfigOptions& top, const ConfigOptions& own,
                                   SelectionOptions& sel);

// The run context (core: make_run_context) from the selection flags; throws UsageError.
[[nodiscard]] RunContext resolve_selection(const SelectionOptions& o);
// --at as a time (throws UsageError), or now when it was not given.
[[nodiscard]] std::time_t resolve_at(const std::optional<std::string>& at);

// Runs a command body; a UsageError or InputError becomes its message on stderr and exit 2.
template <typename Body>
int report_errors(Io& io, Body&& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        io.err << "certcheck: error: " << e.message << '\n';
    } catch (const InputError& e) {
        io.err << "certcheck: error: " << e.what() << '\n';
    }
    return kExitUsage;
}

// Writes a rendered report to --output (or returns false to say: use standard output).
void write_output(const std::string& path, const std::string& text);

}  // namespace certcheck::cli
