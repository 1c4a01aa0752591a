#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "certcheck/openssl.hpp"
#include "certcheck/version.hpp"
#include "cli/options.hpp"
#include "common/escape.hpp"

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
    EndpointOptions endpoint;
    AccessOptions access;
    ExporterOptions exporter;
    MergeOptions merge;
    // Declaring every command's options is a measurable part of a one-triple check; when the
    // first argument names a command, only that one is declared (help and errors are the same).
    const std::string_view first = argc > 1 ? std::string_view{argv[1]} : std::string_view{};
    const bool named = first == "check" || first == "scan" || first == "rules" || first == "profiles" ||
                       first == "fix" || first == "inspect" || first == "endpoint" || first == "access" || first == "exporter" || first == "merge";
    const auto wanted = [&](std::string_view name) { return !named || first == name; };
    CLI::App* check_cmd = wanted("check") ? add_check_command(app, check) : nullptr;
    CLI::App* scan_cmd = wanted("scan") ? add_scan_command(app, scan) : nullptr;
    CLI::App* rules_cmd = wanted("rules") ? add_rules_command(app, rules) : nullptr;
    CLI::App* profiles_cmd = wanted("profiles") ? add_profiles_command(app, profiles) : nullptr;
    CLI::App* fix_cmd = wanted("fix") ? add_fix_command(app, fix) : nullptr;
    CLI::App* inspect_cmd = wanted("inspect") ? add_inspect_command(app, inspect) : nullptr;
    CLI::App* endpoint_cmd = wanted("endpoint") ? add_endpoint_command(app, endpoint) : nullptr;
    CLI::App* access_cmd = wanted("access") ? add_access_command(app, access) : nullptr;
    CLI::App* exporter_cmd = wanted("exporter") ? add_exporter_command(app, exporter) : nullptr;
    CLI::App* merge_cmd = wanted("merge") ? add_merge_command(app, merge) : nullptr;
    const auto ran = [](const CLI::App* cmd) { return cmd != nullptr && cmd->parsed(); };

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
        io.err << fmt::format("certcheck: error: {}\nRun 'certcheck --help' for usage.\n", safe_text(e.what()));
        return kExitUsage;
    }

    // Commands that read certificates parse them faster this way (see openssl.hpp); the catalogue
    // commands, which shell completion runs on every <Tab>, skip the set-up.
    if (!ran(rules_cmd) && !ran(profiles_cmd)) ossl::use_builtin_rsa_public_key_decoding();

    if (ran(check_cmd)) {
        const int rc = report_errors(io, [&] {
            apply_config(*check_cmd, config, check.config, check.selection);
            return kExitPass;
        });
        return rc != kExitPass ? rc : run_check(check, io);
    }
    if (ran(scan_cmd)) {
        const int rc = report_errors(io, [&] {
            const auto cfg = apply_config(*scan_cmd, config, scan.config, scan.selection);
            if (cfg && scan_cmd->get_option("--include")->count() == 0) scan.include = cfg->include;
            if (cfg && scan_cmd->get_option("--exclude")->count() == 0) scan.exclude = cfg->exclude;
            return kExitPass;
        });
        return rc != kExitPass ? rc : run_scan(scan, io);
    }
    if (ran(rules_cmd)) return run_rules(rules, io);
    if (ran(profiles_cmd)) return run_profiles(profiles, io);
    if (ran(fix_cmd)) return run_fix(fix, io);
    if (ran(inspect_cmd)) return run_inspect(inspect, io);
    if (ran(endpoint_cmd)) {
        const int rc = report_errors(io, [&] {
            apply_config(*endpoint_cmd, config, endpoint.config, endpoint.selection);
            return kExitPass;
        });
        return rc != kExitPass ? rc : run_endpoint(endpoint, io);
    }
    if (ran(access_cmd)) return run_access(access, io);
    if (ran(exporter_cmd)) {
        const int rc = report_errors(io, [&] {
            const auto cfg = apply_config(*exporter_cmd, config, exporter.config, exporter.selection);
            if (cfg && exporter_cmd->get_option("--include")->count() == 0) exporter.include = cfg->include;
            if (cfg && exporter_cmd->get_option("--exclude")->count() == 0) exporter.exclude = cfg->exclude;
            return kExitPass;
        });
        return rc != kExitPass ? rc : run_exporter(exporter, io);
    }
    if (ran(merge_cmd)) return run_merge(merge, io);
    io.err << "certcheck: error: no command given\nRun 'certcheck --help' for usage.\n";
    return kExitUsage;
}

}  // namespace certcheck::cli
