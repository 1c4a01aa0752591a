#include "cli/cli.hpp"

#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "certcheck/openssl.hpp"
#include "certcheck/version.hpp"
#include "cli/options.hpp"
#include "common/escape.hpp"
#include "common/suggest.hpp"

namespace certcheck::cli {
namespace {

// Every command, in the order --help lists them ("help" is handled before CLI11 sees it).
const std::vector<std::string>& command_names() {
    static const std::vector<std::string> names{"check", "scan", "rules", "profiles", "fix", "inspect", "endpoint",
                                                "access", "exporter", "merge", "help"};
    return names;
}

bool is_command(std::string_view word) {
    const auto& names = command_names();
    return std::find(names.begin(), names.end(), word) != names.end();
}

std::vector<std::string> long_names(const CLI::App& cmd) {
    std::vector<std::string> out;
    for (const CLI::Option* opt : cmd.get_options()) {
        for (const std::string& n : opt->get_lnames()) out.push_back("--" + n);
    }
    return out;
}

// The house rules for every command's options, applied once here so no declaration can miss them:
// an option takes its values from its own argument only (CLI11 lets a list option such as
// --exclude also take the PATH after it: `scan --exclude '*.json' DIR` then lacked its PATH), and
// every command accepts --no-config (check, scan and exporter read the configuration file; the
// others read none, so there it changes nothing).
void apply_house_rules(CLI::App& app) {
    const auto harden = [](CLI::App& cmd) {
        for (CLI::Option* opt : cmd.get_options()) {
            if (opt->nonpositional()) opt->allow_extra_args(false);
        }
    };
    harden(app);
    for (CLI::App* cmd : app.get_subcommands([](CLI::App* c) { return !c->get_name().empty(); })) {
        harden(*cmd);
        if (cmd->get_name() != "help" && cmd->get_option_no_throw("--no-config") == nullptr) {
            cmd->add_flag("--no-config")->description("Ignore every configuration file (this command reads none)");
        }
    }
}

// Problems found in argv before CLI11 parses it, so that a typo is named as such (CLI11 would
// first complain that a required option is missing): an unknown command or an unknown long
// option, with the nearest known name. Returns the message, or "" when there is none.
std::string unknown_names(const CLI::App& app, const std::vector<std::string>& args) {
    std::size_t i = 1;
    const CLI::App* scope = &app;
    std::string where;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") return {};
        if (a.starts_with("--")) {
            const std::string name = a.substr(0, a.find('='));
            if (scope->get_option_no_throw(name) == nullptr) {
                return fmt::format("{}unknown option '{}'{}", where, name, did_you_mean(name, long_names(*scope)));
            }
            // The value of a top-level option that takes one (--config FILE) is not a command.
            const CLI::Option* opt = scope->get_option_no_throw(name);
            if (scope == &app && opt->get_expected_max() > 0 && a.find('=') == std::string::npos) ++i;
            continue;
        }
        if (a.starts_with("-")) continue;
        if (scope != &app) continue;  // a positional argument of the command
        if (!is_command(a)) return fmt::format("unknown command '{}'{}", a, did_you_mean(a, command_names()));
        const auto found = app.get_subcommands([&](const CLI::App* c) { return c->get_name() == a; });
        if (found.empty()) return {};
        scope = found.front();
        where = a + ": ";
    }
    return {};
}

// After CLI11 refused a repeated option that takes one value: name it and its values.
std::string repeated_option(const CLI::App& app) {
    std::vector<const CLI::App*> scopes{&app};
    for (const CLI::App* cmd : app.get_subcommands([](const CLI::App* c) { return !c->get_name().empty(); })) scopes.push_back(cmd);
    for (const CLI::App* cmd : scopes) {
        for (const CLI::Option* opt : cmd->get_options()) {
            if (!opt->nonpositional() || opt->get_multi_option_policy() != CLI::MultiOptionPolicy::Throw ||
                opt->get_items_expected_max() != 1 || opt->count() < 2) {
                continue;
            }
            std::string values;
            const auto& results = opt->results();
            for (std::size_t k = 0; k < results.size(); ++k) {
                values += k == 0 ? "" : k + 1 == results.size() ? " and "
                                                                : ", ";
                values += "'" + results[k] + "'";
            }
            const std::string name = opt->get_lnames().empty() ? opt->get_name() : "--" + opt->get_lnames().front();
            const std::string times = results.size() == 2 ? "twice" : std::to_string(results.size()) + " times";
            return fmt::format("{}{} was given {} ({}); it takes one value: give it once",
                               cmd == &app ? "" : cmd->get_name() + ": ", name, times, values);
        }
    }
    return {};
}

}  // namespace

int run(int argc, const char* const* argv, Io& io) {
    // `certcheck help [COMMAND]` is `certcheck [COMMAND] --help`.
    if (argc >= 2 && std::string_view{argv[1]} == "help") {
        if (argc > 3) {
            io.err << "certcheck: error: help: give at most one COMMAND\nRun 'certcheck --help' for usage.\n";
            return kExitUsage;
        }
        const std::string topic = argc == 3 ? std::string{argv[2]} : std::string{};
        const bool of_command = !topic.empty() && !topic.starts_with("-") && topic != "help";
        if (of_command && !is_command(topic)) {
            io.err << fmt::format("certcheck: error: help: unknown command '{}'{}\nRun 'certcheck --help' for usage.\n",
                                  safe_text(topic), safe_text(did_you_mean(topic, command_names())));
            return kExitUsage;
        }
        std::vector<const char*> rewritten{argv[0]};
        if (of_command) rewritten.push_back(argv[2]);
        rewritten.push_back("--help");
        return run(static_cast<int>(rewritten.size()), rewritten.data(), io);
    }

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
    const bool named = !first.empty() && first != "help" && is_command(first);
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
    if (!named) app.add_subcommand("help", "Show certcheck's help, or COMMAND's (the same as --help)");
    apply_house_rules(app);
    const auto ran = [](const CLI::App* cmd) { return cmd != nullptr && cmd->parsed(); };

    if (const std::string problem = unknown_names(app, std::vector<std::string>(argv, argv + argc)); !problem.empty()) {
        io.err << fmt::format("certcheck: error: {}\nRun 'certcheck --help' for usage.\n", safe_text(problem));
        return kExitUsage;
    }
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
        std::string message = e.what();
        if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
            if (std::string repeated = repeated_option(app); !repeated.empty()) message = std::move(repeated);
        }
        io.err << fmt::format("certcheck: error: {}\nRun 'certcheck --help' for usage.\n", safe_text(message));
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
