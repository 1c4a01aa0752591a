// CLI11 declarations of each subcommand (internal to cli/).
#pragma once

#include <CLI/CLI.hpp>
#include <fstream>

#include "certcheck/check.hpp"
#include "config/config.hpp"
#include "endpoint/endpoint.hpp"
#include "certcheck/engine.hpp"
#include "certcheck/load.hpp"
#include "certcheck/report.hpp"
#include "certcheck/render.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "cli/cli.hpp"
#include "common/escape.hpp"

namespace certcheck::cli {

CLI::App* add_check_command(CLI::App& app, CheckOptions& opts);
CLI::App* add_scan_command(CLI::App& app, ScanOptions& opts);
CLI::App* add_rules_command(CLI::App& app, RulesOptions& opts);
CLI::App* add_profiles_command(CLI::App& app, ProfilesOptions& opts);
CLI::App* add_fix_command(CLI::App& app, FixOptions& opts);
CLI::App* add_inspect_command(CLI::App& app, InspectOptions& opts);
CLI::App* add_endpoint_command(CLI::App& app, EndpointOptions& opts);
CLI::App* add_access_command(CLI::App& app, AccessOptions& opts);
CLI::App* add_exporter_command(CLI::App& app, ExporterOptions& opts);
CLI::App* add_merge_command(CLI::App& app, MergeOptions& opts);

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

// --attribute-mapping FILE and --crl FILE (repeatable); make_run_context loads them.
void add_roles_anywhere_extras(CLI::App& cmd, SelectionOptions& opts);

// --name (--server-certificate-name), --user-name and --path: the upload's request (check, fix).
void add_upload_options(CLI::App& cmd, std::optional<std::string>& name, std::optional<std::string>& path,
                        std::optional<std::string>& user_name);
// --user-name alone (scan, merge).
void add_user_name_option(CLI::App& cmd, std::optional<std::string>& user_name);

// --name, --path and --user-name for the profile (check, fix, scan): --name and --path only with
// iam-server and cloudfront, --user-name only with iam-signing and an IAM user name; throws UsageError.
void check_upload_options(const std::optional<std::string>& name, const std::optional<std::string>& user_name, const Profile& profile,
                          const std::optional<std::string>& path = std::nullopt);

// The run context (core: make_run_context) from the selection flags; throws UsageError.
[[nodiscard]] RunContext resolve_selection(const SelectionOptions& o);
// --at as a time (throws UsageError), or now when it was not given.
[[nodiscard]] std::time_t resolve_at(const std::optional<std::string>& at);
// A UsageError naming `option` when `value` is empty or only white space (--host '', --servername
// ' '): a name left out by a script, not a name to check; `what` says what to give instead.
void require_name(std::string_view option, const std::string& value, std::string_view what);

// Runs a command body; a UsageError or InputError becomes its message on stderr and exit 2. The
// message names files and may quote their contents' labels: it goes through safe_text.
template <typename Body>
int report_errors(Io& io, Body&& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        io.err << "certcheck: error: " << safe_text(e.message) << '\n';
    } catch (const InputError& e) {
        io.err << "certcheck: error: " << safe_text(e.what()) << '\n';
    }
    return kExitUsage;
}

// Writes a rendered report to --output (or returns false to say: use standard output).
void write_output(const std::string& path, const std::string& text);
// Writes text to a temp file beside path, then renames it over path, so a reader (node_exporter's
// textfile collector, a web server) never sees half a file. A path that is not a regular file
// or missing (/dev/stdout) is written in place. Throws InputError.
void write_atomically(const std::string& path, const std::string& text);
// A report streamed into a temp file beside path and renamed over it by commit() (removed
// if commit() is never reached). Throws InputError.
class AtomicOutput {
public:
    explicit AtomicOutput(const std::string& path);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;
    [[nodiscard]] std::ostream& stream() { return stream_; }
    void commit();

private:
    std::string path_;
    std::string temp_;
    std::ofstream stream_;
};
// write_atomically for openmetrics and html, write_output for the other formats.
void write_report(const std::string& path, const std::string& text, Format format);

// --aws-json FILE on check and scan, and its run (the subjects of the aws CLI's JSON).
void add_aws_json_option(CLI::App& cmd, std::optional<std::string>& path);
int run_aws_json(const std::string& path, const SelectionOptions& selection, const OutputOptions& output, Io& io,
                 const std::vector<std::string>& hosts = {});

// endpoint and exporter --endpoint: the targets given, then those of the --targets FILE (one a
// line, # comments), parsed (UsageError starting with `prefix` for one that is not a target).
[[nodiscard]] std::vector<EndpointTarget> endpoint_targets(const std::vector<std::string>& given, const std::optional<std::string>& file,
                                                           std::string_view prefix);
// A --timeout in seconds (above 0, at most an hour), or a UsageError naming `option`.
[[nodiscard]] std::chrono::milliseconds endpoint_timeout(double seconds, const char* option);

// Renders a finished report in --format to --output or standard output; returns its exit code.
int emit_report(const Report& report, const OutputOptions& o, Io& io);

}  // namespace certcheck::cli
