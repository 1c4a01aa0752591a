// certcheck exporter: serve the scan of PATH... as openmetrics over HTTP (docs/monitoring.md).
#include <csignal>
#include <thread>

#include <fmt/format.h>

#include "exporter/exporter.hpp"
#include "certcheck/version.hpp"
#include "cli/options.hpp"

namespace certcheck::cli {

CLI::App* add_exporter_command(CLI::App& app, ExporterOptions& o) {
    CLI::App* cmd = app.add_subcommand("exporter", "Serve the certificates under PATH... and served by --endpoint targets as Prometheus metrics (/metrics) over HTTP");
    cmd->add_option("paths", o.paths, "Files or directories to scan (optional with --endpoint)")->type_name("PATH");
    cmd->add_option("--listen", o.listen, "Address and port to serve on (ADDR:PORT, [v6]:PORT)")->type_name("ADDR:PORT")->capture_default_str();
    cmd->add_option("--interval", o.interval, "Time between scans (e.g. 30s, 5m, 1h)")->type_name("DURATION")->capture_default_str();
    cmd->add_option("--jobs,-j", o.jobs, "Worker threads per scan (default: the number of cores)")->type_name("N");
    cmd->add_option("--endpoint", o.endpoints, "Also probe this TLS target every interval, as 'certcheck endpoint' does (host:port, [v6]:port, https:// URL, or NAME@TARGET to send NAME as SNI; repeatable)")->type_name("TARGET")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--endpoint-targets", o.endpoint_targets, "Read --endpoint targets from FILE, one a line (# comments)")->type_name("FILE");
    cmd->add_option("--endpoint-timeout", o.endpoint_timeout, "Seconds allowed for the name lookup, connect and handshake of each endpoint probe")->type_name("SECONDS")->capture_default_str();
    cmd->add_flag("--follow-symlinks", o.follow_symlinks, "Descend into symlinked directories (symlinked files are always read)");
    cmd->add_option("--include", o.include, "Read only discovered files matching this glob (repeatable)")->type_name("GLOB")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--exclude", o.exclude, "Leave out discovered files and directories matching this glob (repeatable)")->type_name("GLOB")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    add_selection_options(*cmd, o.selection);
    add_config_options(*cmd, o.config);
    return cmd;
}

int run_exporter(const ExporterOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        ExporterSettings cfg;
        try {
            parse_listen(o.listen, cfg.address, cfg.port);
        } catch (const std::invalid_argument& e) {
            throw UsageError{fmt::format("--listen: {}", e.what())};
        }
        try {
            cfg.interval = parse_duration(o.interval);
        } catch (const std::invalid_argument& e) {
            throw UsageError{fmt::format("--interval: {}", e.what())};
        }
        cfg.endpoints = endpoint_targets(o.endpoints, o.endpoint_targets, "--endpoint: ");
        cfg.tls.timeout = endpoint_timeout(o.endpoint_timeout, "--endpoint-timeout");
        if (o.paths.empty() && cfg.endpoints.empty()) {
            throw UsageError{"exporter: give a PATH to scan, an --endpoint TARGET or --endpoint-targets FILE"};
        }
        RunContext sel = resolve_selection(o.selection);
        RunContext endpoint_run;
        if (!cfg.endpoints.empty()) {
            // The served chains are checked as `certcheck endpoint` checks them: its profile, with
            // the run's --skip/--only, --expiry-warn, --fail-on, trust store and --at.
            SelectionOptions e = o.selection;
            e.profile = "endpoint";
            e.trust_anchor = e.trust_policy = e.trust_anchor_arn = e.attribute_mapping = std::nullopt;
            e.crls.clear();
            endpoint_run = resolve_selection(e);
            cfg.endpoint_context = &endpoint_run;
            // A server that closes the connection during the handshake must not end the exporter.
            std::signal(SIGPIPE, SIG_IGN);
        }
        cfg.fixed_at = o.selection.at.has_value();
        cfg.scan.roots = o.paths;
        cfg.scan.follow_symlinks = o.follow_symlinks;
        cfg.scan.include = o.include;
        cfg.scan.exclude = o.exclude;
        cfg.scan.jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
        cfg.context = &sel;
        cfg.run.version = std::string{kVersion};
        cfg.run.profile = std::string{sel.profile->name};
        cfg.run.fail_on = sel.fail_on;
        return run_exporter(cfg, io.err);
    });
}

}  // namespace certcheck::cli
