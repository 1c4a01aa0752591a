// certcheck exporter: serve the scan of PATH... as openmetrics over HTTP (docs/monitoring.md).
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "certcheck/exporter.hpp"
#include "certcheck/version.hpp"
#include "cli/options.hpp"

namespace certcheck::cli {

CLI::App* add_exporter_command(CLI::App& app, ExporterOptions& o) {
    CLI::App* cmd = app.add_subcommand("exporter", "Serve the certificates under PATH... as Prometheus metrics (/metrics) over HTTP");
    cmd->add_option("paths", o.paths, "Files or directories to scan")->type_name("PATH")->required();
    cmd->add_option("--listen", o.listen, "Address and port to serve on (ADDR:PORT, [v6]:PORT)")->type_name("ADDR:PORT")->capture_default_str();
    cmd->add_option("--interval", o.interval, "Time between scans (e.g. 30s, 5m, 1h)")->type_name("DURATION")->capture_default_str();
    cmd->add_option("--jobs,-j", o.jobs, "Worker threads per scan (default: the number of cores)")->type_name("N");
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
        RunContext sel = resolve_selection(o.selection);
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
