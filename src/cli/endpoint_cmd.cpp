// certcheck endpoint: the certificates TLS servers actually serve, checked like an upload.
#include <csignal>

#include <cmath>

#include <fmt/format.h>
#include "cli/log.hpp"

#include "endpoint/endpoint.hpp"
#include "certcheck/render.hpp"
#include "cli/options.hpp"
#include "common/x509util.hpp"

namespace certcheck::cli {
namespace {

// --targets FILE: one target a line; blank lines and # comments ignored.
std::vector<std::string> read_targets_file(const std::string& path) {
    const std::string text = read_file_bytes(path);
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        const auto last = line.find_last_not_of(" \t\r");
        out.push_back(line.substr(first, last - first + 1));
    }
    return out;
}

std::optional<LoadedFile> load_expected(const std::optional<std::string>& path, Slot slot, const char* option) {
    if (!path) return std::nullopt;
    LoadedFile f = load_file(read_input(slot, strip_file_scheme(*path)));
    if (f.certs.empty()) {
        throw UsageError{fmt::format("{}: {} holds no readable certificate to compare the served one with", option, f.file.path)};
    }
    return f;
}

}  // namespace

std::vector<EndpointTarget> endpoint_targets(const std::vector<std::string>& given, const std::optional<std::string>& file,
                                             std::string_view prefix) {
    std::vector<std::string> texts = given;
    if (file) {
        const auto more = read_targets_file(strip_file_scheme(*file));
        texts.insert(texts.end(), more.begin(), more.end());
    }
    std::vector<EndpointTarget> targets;
    for (const std::string& t : texts) {
        std::string why;
        auto parsed = parse_target(t, why);
        if (!parsed) throw UsageError{fmt::format("{}'{}' is not a target: {}", prefix, t, why)};
        targets.push_back(std::move(*parsed));
    }
    return targets;
}

std::chrono::milliseconds endpoint_timeout(double seconds, const char* option) {
    if (!(seconds > 0) || seconds > 3600 || !std::isfinite(seconds)) {
        throw UsageError{fmt::format("{}: give a number of seconds above 0 and at most 3600", option)};
    }
    return std::chrono::milliseconds{static_cast<long long>(std::llround(seconds * 1000.0))};
}

CLI::App* add_endpoint_command(CLI::App& app, EndpointOptions& o) {
    CLI::App* cmd = app.add_subcommand("endpoint", "Check the certificate chain TLS servers actually serve (after the upload)");
    cmd->add_option("targets", o.targets, "host, host:port, [v6addr]:port or https:// URL (port 443 by default); NAME@TARGET sends NAME as the server name (SNI) to that target")->type_name("TARGET");
    cmd->add_option("--targets", o.targets_file, "Read targets from FILE, one a line (# comments)")->type_name("FILE");
    cmd->add_option("--jobs,-j", o.jobs, "Targets checked at once")->type_name("N")->capture_default_str();
    cmd->add_option("--servername", o.servername, "Server name to send (SNI) and to check the certificate against; default: the target's host")->type_name("NAME");
    cmd->add_option("--timeout", o.timeout, "Seconds allowed for the name lookup, connect and handshake of each target")->type_name("SECONDS")->capture_default_str();
    cmd->add_option("--cert,--certificate-body", o.cert, "The certificate the server should serve (endpoint-serves-cert)")->type_name("FILE");
    cmd->add_option("--chain,--certificate-chain", o.chain, "The chain the server should serve after it (endpoint-serves-chain)")->type_name("FILE");
    cmd->add_flag("--fetch-missing", o.fetch_missing, "Fetch a missing intermediate from the AIA caIssuers URL (http, 1 MiB, --timeout) and report it");
    o.selection.profile = "endpoint";
    add_selection_options(*cmd, o.selection);
    add_output_options(*cmd, o.output);
    add_config_options(*cmd, o.config);
    return cmd;
}

int run_endpoint(const EndpointOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        if (o.output.quiet && o.output.verbose) throw UsageError{"-q and -v cannot be used together"};
        if (o.output.verbose) log::set_verbose(true);
        const std::chrono::milliseconds timeout = endpoint_timeout(o.timeout, "--timeout");
        if (o.jobs == 0 || o.jobs > 256) throw UsageError{"--jobs: give a number from 1 to 256"};
        if (o.servername) require_name("--servername", *o.servername, "the host name to send (SNI) and check the certificate against");
        const std::vector<EndpointTarget> targets = endpoint_targets(o.targets, o.targets_file, "");
        if (targets.empty()) throw UsageError{"endpoint: give at least one TARGET (host[:port] or https:// URL) or --targets FILE"};
        RunContext sel = resolve_selection(o.selection);
        if (!o.selection.config_file.empty()) log::info("configuration: {}", safe_text(o.selection.config_file));
        // A server that closes the connection while the client hello is written must be a
        // message, not a SIGPIPE (OpenSSL's socket BIO writes with write(2)).
        std::signal(SIGPIPE, SIG_IGN);
        const std::optional<LoadedFile> expected_cert = load_expected(o.cert, Slot::Body, "--cert");
        const std::optional<LoadedFile> expected_chain = load_expected(o.chain, Slot::Chain, "--chain");
        EndpointInputs inputs;
        if (expected_cert) inputs.expected_cert = &*expected_cert;
        if (expected_chain) inputs.expected_chain = &*expected_chain;
        if (o.fetch_missing) inputs.fetch_missing = AiaSettings{.timeout = timeout};
        sel.ctx.endpoint = &inputs;
        TlsSettings settings;
        settings.servername = o.servername;
        settings.timeout = timeout;
        log::info("profile {}: {} rules; {} target(s), {} at a time, timeout {} s; validity judged at {}; trust store: {}",
                  sel.profile->name, sel.rules.size(), targets.size(), o.jobs, o.timeout, x509::format_time(sel.ctx.at),
                  sel.trust->description());

        Report report = new_report(sel);
        report.subjects = check_endpoints(targets, settings, sel.rules, sel.ctx, sel.fail_on, o.jobs);

        // The text report names unreachable targets itself; other formats say it on stderr too.
        if (o.output.format != "text" || o.output.output) {
            for (const SubjectReport& s : report.subjects) {
                if (s.verdict == Verdict::Error) io.err << fmt::format("certcheck: error: {}: {}\n", s.name, s.error.value_or("could not be checked"));
            }
        }
        return emit_report(report, o.output, io);
    });
}

}  // namespace certcheck::cli
