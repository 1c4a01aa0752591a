// certcheck endpoint: the certificates TLS servers actually serve, checked like an upload.
#include <csignal>

#include <atomic>
#include <cmath>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "certcheck/endpoint.hpp"
#include "certcheck/render.hpp"
#include "certcheck/version.hpp"
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

CLI::App* add_endpoint_command(CLI::App& app, EndpointOptions& o) {
    CLI::App* cmd = app.add_subcommand("endpoint", "Check the certificate chain TLS servers actually serve (after the upload)");
    cmd->add_option("targets", o.targets, "host, host:port, [v6addr]:port or https:// URL (port 443 by default)")->type_name("TARGET");
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
    return cmd;
}

int run_endpoint(const EndpointOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        if (o.output.quiet && o.output.verbose) throw UsageError{"-q and -v cannot be used together"};
        if (o.output.verbose) spdlog::set_level(spdlog::level::info);
        if (!(o.timeout > 0) || o.timeout > 3600 || !std::isfinite(o.timeout)) {
            throw UsageError{"--timeout: give a number of seconds above 0 and at most 3600"};
        }
        if (o.jobs == 0 || o.jobs > 256) throw UsageError{"--jobs: give a number from 1 to 256"};
        std::vector<std::string> texts = o.targets;
        if (o.targets_file) {
            const auto more = read_targets_file(strip_file_scheme(*o.targets_file));
            texts.insert(texts.end(), more.begin(), more.end());
        }
        if (texts.empty()) throw UsageError{"endpoint: give at least one TARGET (host[:port] or https:// URL) or --targets FILE"};
        std::vector<EndpointTarget> targets;
        for (const std::string& t : texts) {
            std::string why;
            auto parsed = parse_target(t, why);
            if (!parsed) throw UsageError{fmt::format("'{}' is not a target: {}", t, why)};
            targets.push_back(std::move(*parsed));
        }
        RunContext sel = resolve_selection(o.selection);
        // A server that closes the connection while the client hello is written must be a
        // message, not a SIGPIPE (OpenSSL's socket BIO writes with write(2)).
        std::signal(SIGPIPE, SIG_IGN);
        const std::optional<LoadedFile> expected_cert = load_expected(o.cert, Slot::Body, "--cert");
        const std::optional<LoadedFile> expected_chain = load_expected(o.chain, Slot::Chain, "--chain");
        EndpointInputs inputs;
        if (expected_cert) inputs.expected_cert = &*expected_cert;
        if (expected_chain) inputs.expected_chain = &*expected_chain;
        if (o.fetch_missing) inputs.fetch_missing = AiaSettings{.timeout = std::chrono::milliseconds{static_cast<long long>(std::llround(o.timeout * 1000.0))}};
        sel.ctx.endpoint = &inputs;
        TlsSettings settings;
        settings.servername = o.servername;
        settings.timeout = std::chrono::milliseconds{static_cast<long long>(std::llround(o.timeout * 1000.0))};
        spdlog::info("profile {}: {} rules; {} target(s), {} at a time, timeout {} s; validity judged at {}; trust store: {}",
                     sel.profile->name, sel.rules.size(), targets.size(), o.jobs, o.timeout, x509::format_time(sel.ctx.at),
                     sel.trust->description());

        Report report;
        report.version = std::string{kVersion};
        report.profile = std::string{sel.profile->name};
        report.checked_at = x509::format_time(sel.ctx.at);
        report.fail_on = sel.fail_on;
        report.subjects.resize(targets.size());
        std::atomic<std::size_t> next{0};
        const auto worker = [&] {
            for (std::size_t i = next++; i < targets.size(); i = next++) {
                TlsSettings s = settings;
                report.subjects[i] = check_endpoint(targets[i], s, sel.rules, sel.ctx, sel.fail_on);
            }
        };
        const std::size_t n = std::min<std::size_t>(o.jobs, targets.size());
        std::vector<std::thread> pool;
        for (std::size_t k = 1; k < n; ++k) pool.emplace_back(worker);
        worker();
        for (std::thread& t : pool) t.join();

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
