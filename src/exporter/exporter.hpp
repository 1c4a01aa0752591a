// certcheck exporter: /metrics (openmetrics) from a scan repeated every interval, /healthz, over
// a small HTTP/1.1 server on POSIX sockets. Runs until SIGTERM or SIGINT.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "endpoint/endpoint.hpp"
#include "certcheck/report.hpp"
#include "scan/scan.hpp"

namespace certcheck {

struct ExporterSettings {
    std::string address = "127.0.0.1";  // numeric IPv4 or IPv6
    std::uint16_t port = 9793;
    std::chrono::seconds interval{300};
    bool fixed_at = false;          // --at was given: judge every scan at it, else at the scan's start
    ScanSettings scan;              // roots (none: endpoints only), globs, jobs
    RunContext* context = nullptr;  // the profile, rules and context (its --at is moved per scan)
    Report run;                     // version, profile (checked_at is set per scan)
    // --endpoint targets, probed after each scan (scan.jobs at a time, each within tls.timeout)
    // and checked in endpoint_context (the endpoint profile's rules; its --at follows context's).
    // Their certificates join the x509_cert_* series with an endpoint label;
    // certcheck_endpoint_up says which could be reached.
    std::vector<EndpointTarget> endpoints;
    TlsSettings tls;
    RunContext* endpoint_context = nullptr;
};

// "ADDR:PORT", "[v6]:PORT" or ":PORT" (127.0.0.1); throws std::invalid_argument with a message.
void parse_listen(const std::string& text, std::string& address, std::uint16_t& port);
// "300", "300s", "5m", "1h", "1m30s"; throws std::invalid_argument.
[[nodiscard]] std::chrono::seconds parse_duration(const std::string& text);

// Serves until SIGTERM/SIGINT; returns 0 after a clean shutdown. The caller ignores SIGPIPE
// when there are endpoints (see fetch_served_chain). Throws InputError when the
// address cannot be bound. Log lines (listening, scans, errors) go to log.
int run_exporter(const ExporterSettings& settings, std::ostream& log);

}  // namespace certcheck
