#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "certcheck/version.hpp"
#include "cli/options.hpp"

namespace certcheck::cli {

int run(int argc, const char* const* argv, Io& io) {
    CLI::App app{"certcheck: preflight checks for X.509 certificates, keys and chains before AWS uploads", "certcheck"};
    app.set_version_flag("--version", std::string{"certcheck "} + std::string{kVersion});
    app.require_subcommand(1);
    app.fallthrough(false);

    CheckOptions check;
    ScanOptions scan;
    RulesOptions rules;
    ProfilesOptions profiles;
    ConfigOptions config;
    add_config_options(app, config);
    FixOptions fix;
    InspectOptions inspect;
    CLI::App* check_cmd = add_check_command(app, check);
    CLI::App* scan_cmd = add_scan_command(app, scan);
    CLI::App* rules_cmd = add_rules_command(app, rules);
    CLI::App* profiles_cmd = add_profiles_command(app, profiles);
    CLI::App* fix_cmd = add_fix_command(app, fix);
    CLI::App* inspect_cmd = add_inspect_command(app, inspect);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        io.out << app.help();
        return kExitPass;
    } catch (const CLI::CallForAllHelp&) {
        io.out << app.help("", CLI::AppFormatMode::All);
        return kExitPass;
    } catch (const CLI::CallForVersion& e) {
        io.out << e.what() << '\n';
        return kExitPass;
    } catch (const CLI::ParseError& e) {
        io.err << fmt::format("certcheck: error: {}\nRun 'certcheck --help' for usage.\n", e.what());
        return kExitUsage;
    }

    if (check_cmd->parsed()) {
        const int rc = report_errors(io, [&] {
            apply_config(*check_cmd, config, check.config, check.selection);
            return kExitPass;
        });
        return rc != kExitPass ? rc : run_check(check, io);
    }
    if (scan_cmd->parsed()) {
        const int rc = report_errors(io, [&] {
            const auto cfg = apply_config(*scan_cmd, config, scan.config, scan.selection);
            if (cfg && scan_cmd->get_option("--include")->count() == 0) scan.include = cfg->include;
            if (cfg && scan_cmd->get_option("--exclude")->count() == 0) scan.exclude = cfg->exclude;
            return kExitPass;
        });
        return rc != kExitPass ? rc : run_scan(scan, io);
    }
    if (rules_cmd->parsed()) return run_rules(rules, io);
    if (profiles_cmd->parsed()) return run_profiles(profiles, io);
    if (fix_cmd->parsed()) return run_fix(fix, io);
    if (inspect_cmd->parsed()) return run_inspect(inspect, io);
    io.err << "certcheck: error: no command given\nRun 'certcheck --help' for usage.\n";
    return kExitUsage;
}

}  // namespace certcheck::cli
