// CLI11 declarations of each subcommand (internal to cli/).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace certcheck::cli {

CLI::App* add_check_command(CLI::App& app, CheckOptions& opts);
CLI::App* add_rules_command(CLI::App& app, RulesOptions& opts);
CLI::App* add_profiles_command(CLI::App& app, ProfilesOptions& opts);

// Shared option groups (scan will reuse them).
void add_selection_options(CLI::App& cmd, SelectionOptions& opts);
void add_output_options(CLI::App& cmd, OutputOptions& opts);

}  // namespace certcheck::cli
