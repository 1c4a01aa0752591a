// certcheck exporter: a scan loop on one thread and a small HTTP/1.1 server on the calling
// thread. One connection is served at a time, with a deadline on every read and write and a
// size limit on the request, so no client can hold memory or the server for long.
#include "exporter/exporter.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "certcheck/render.hpp"
#include "common/x509util.hpp"

namespace certcheck {
namespace {

constexpr std::size_t kMaxRequest = 8192;  // request line and headers
constexpr int kClientTimeoutMs = 5000;     // for the whole request, and again for the response

int g_signal_pipe[2] = {-1, -1};

void on_signal(int) {
    const char c = 's';
    [[maybe_unused]] const ssize_t n = ::write(g_signal_pipe[1], &c, 1);
}

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Reads the request head (up to the blank line) before the deadline; "" on timeout, overflow or close.
std::string read_head(int fd, std::int64_t deadline, bool& too_large) {
    std::string head;
    std::array<char, 2048> buf{};
    too_large = false;
    while (head.find("\r\n\r\n") == std::string::npos && head.find("\n\n") == std::string::npos) {
        const std::int64_t left = deadline - now_ms();
        if (left <= 0) return {};
        pollfd p{fd, POLLIN, 0};
        const int r = ::poll(&p, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return {};
        const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return {};
        head.append(buf.data(), static_cast<std::size_t>(n));
        if (head.size() > kMaxRequest) {
            too_large = true;
            return {};
        }
    }
    return head;
}

void write_all(int fd, std::string_view data, std::int64_t deadline) {
    while (!data.empty()) {
        const std::int64_t left = deadline - now_ms();
        if (left <= 0) return;
        pollfd p{fd, POLLOUT, 0};
        const int r = ::poll(&p, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return;
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string response(int code, std::string_view reason, std::string_view type, std::string_view body, bool head_only) {
    std::string out = fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", code,
                                  reason, type, body.size());
    if (!head_only) out += body;
    return out;
}

struct Shared {
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;
    std::shared_ptr<const std::string> metrics;  // the last scan's page; null before the first
};

void scan_loop(const ExporterSettings& cfg, Shared& shared, std::ostream& log, std::mutex& log_mutex) {
    DirectoryCache cache;
    std::uint64_t scans = 0;
    for (;;) {
        const auto started = std::chrono::steady_clock::now();
        ScanSettings settings = cfg.scan;
        if (!cfg.fixed_at) cfg.context->ctx.at = std::time(nullptr);  // scans run one at a time
        settings.run = cfg.context;
        settings.reuse = &cache;
        Report run = cfg.run;
        run.checked_at = x509::format_time(cfg.context->ctx.at);
        OpenMetricsWriter writer(run);
        std::size_t skipped = 0;
        std::string failure;
        ScanCallbacks cb;
        cb.on_subject = [&](SubjectReport&& s) { writer.add(s); };
        cb.on_skipped = [&](const std::string&, const std::string&) { ++skipped; };
        ScanStats stats;
        try {
            if (!settings.roots.empty()) stats = run_scan(settings, cb);
        } catch (const InputError& e) {
            failure = e.what();  // a root vanished: report it, keep serving, try again next time
        } catch (const std::exception& e) {
            failure = e.what();  // out of memory or disk for the temporary file: the same
        }
        // The endpoints: a target that cannot be reached is a 0 in certcheck_endpoint_up and an
        // error subject, never a missing page.
        std::string up;
        std::size_t down = 0;
        if (!cfg.endpoints.empty()) {
            EndpointInputs none;
            const RunContext& er = *cfg.endpoint_context;
            Context ectx = er.ctx;
            ectx.at = cfg.context->ctx.at;
            ectx.endpoint = &none;
            const std::vector<SubjectReport> probed = check_endpoints(cfg.endpoints, cfg.tls, er.rules, ectx, er.fail_on, cfg.scan.jobs);
            up = "# TYPE certcheck_endpoint_up gauge\n"
                 "# HELP certcheck_endpoint_up 1 when the last probe of an --endpoint target completed a TLS handshake, 0 when it did not "
                 "(the exporter's log says why).\n";
            for (std::size_t i = 0; i < probed.size(); ++i) {
                const bool reached = !probed[i].error.has_value();
                up += "certcheck_endpoint_up{endpoint=";
                append_label_value(up, cfg.endpoints[i].label());
                up += reached ? "} 1\n" : "} 0\n";
                if (!reached) {
                    ++down;
                    std::lock_guard lock(log_mutex);
                    log << fmt::format("certcheck exporter: endpoint {}: {}\n", cfg.endpoints[i].text, *probed[i].error);
                }
                writer.add(probed[i]);
            }
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        ++scans;
        const DirectoryCache::Stats cs = cache.last_scan();
        const std::string extra = fmt::format(
                                      "# TYPE certcheck_exporter_scans gauge\n# HELP certcheck_exporter_scans Scans completed since the exporter started.\n"
                                      "certcheck_exporter_scans {}\n"
                                      "# TYPE certcheck_exporter_scan_duration_seconds gauge\n# UNIT certcheck_exporter_scan_duration_seconds seconds\n"
                                      "# HELP certcheck_exporter_scan_duration_seconds How long the last scan took, the --endpoint probes included.\n"
                                      "certcheck_exporter_scan_duration_seconds {:.6f}\n"
                                      "# TYPE certcheck_exporter_scan_timestamp_seconds gauge\n# UNIT certcheck_exporter_scan_timestamp_seconds seconds\n"
                                      "# HELP certcheck_exporter_scan_timestamp_seconds When the last scan judged validity (its --at), in seconds since the epoch.\n"
                                      "certcheck_exporter_scan_timestamp_seconds {}\n"
                                      "# TYPE certcheck_exporter_directories gauge\n"
                                      "# HELP certcheck_exporter_directories Directories in the last scan: read again, or reused because nothing in them changed.\n"
                                      "certcheck_exporter_directories{{state=\"read\"}} {}\ncertcheck_exporter_directories{{state=\"reused\"}} {}\n"
                                      "# TYPE certcheck_exporter_batch_gcd_reused gauge\n"
                                      "# HELP certcheck_exporter_batch_gcd_reused 1 when the last scan took key-weak's batch GCD from the scan before "
                                      "(the same distinct RSA moduli), else 0.\n"
                                      "certcheck_exporter_batch_gcd_reused {}\n"
                                      "# TYPE certcheck_exporter_scan_error gauge\n"
                                      "# HELP certcheck_exporter_scan_error 1 when the last scan could not run (a path is missing), else 0.\n"
                                      "certcheck_exporter_scan_error {}\n",
                                      scans, seconds, static_cast<long long>(cfg.context->ctx.at), cs.read, cs.reused, cs.gcd_reused ? 1 : 0,
                                      failure.empty() ? 0 : 1) +
                                  up;
        std::ostringstream page;
        try {
            writer.finish(page, extra);
        } catch (const std::exception& e) {
            page.str({});
            page << "# TYPE certcheck_exporter_scan_error gauge\ncertcheck_exporter_scan_error 1\n# EOF\n";
            failure = e.what();
        }
        {
            std::lock_guard lock(log_mutex);
            if (failure.empty()) {
                log << fmt::format(
                    "certcheck exporter: scan {}: {} subjects, {} files, {} directories ({} reused), {} skipped, "
                    "{} endpoints ({} unreachable), {:.3f} s\n",
                    scans, stats.subjects, stats.files, stats.directories, cs.reused, skipped, cfg.endpoints.size(), down,
                    seconds);
            } else {
                log << fmt::format("certcheck exporter: scan {} failed: {}\n", scans, failure);
            }
            log.flush();
        }
        std::unique_lock lock(shared.mutex);
        shared.metrics = std::make_shared<const std::string>(page.str());
        if (shared.wake.wait_until(lock, started + cfg.interval, [&] { return shared.stop; })) return;
    }
}

void serve(int client, Shared& shared) {
    const std::int64_t deadline = now_ms() + kClientTimeoutMs;
    bool too_large = false;
    const std::string head = read_head(client, deadline, too_large);
    const std::int64_t write_deadline = now_ms() + kClientTimeoutMs;
    if (too_large) {
        write_all(client, response(431, "Request Header Fields Too Large", "text/plain; charset=utf-8", "request too large\n", false), write_deadline);
        return;
    }
    if (head.empty()) return;
    const auto line_end = head.find_first_of("\r\n");
    const std::string line = head.substr(0, line_end);
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string::npos ? std::string::npos : line.find(' ', sp1 + 1);
    if (sp2 == std::string::npos || !line.substr(sp2 + 1).starts_with("HTTP/1.")) {
        write_all(client, response(400, "Bad Request", "text/plain; charset=utf-8", "bad request\n", false), write_deadline);
        return;
    }
    const std::string method = line.substr(0, sp1);
    std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    if (const auto q = target.find('?'); q != std::string::npos) target.resize(q);
    const bool head_only = method == "HEAD";
    if (method != "GET" && !head_only) {
        write_all(client, response(405, "Method Not Allowed", "text/plain; charset=utf-8", "only GET and HEAD\n", false), write_deadline);
        return;
    }
    if (target == "/healthz") {
        write_all(client, response(200, "OK", "text/plain; charset=utf-8", "ok\n", head_only), write_deadline);
        return;
    }
    if (target == "/metrics") {
        std::shared_ptr<const std::string> page;
        {
            std::lock_guard lock(shared.mutex);
            page = shared.metrics;
        }
        if (!page) {
            write_all(client, response(503, "Service Unavailable", "text/plain; charset=utf-8", "the first scan is still running\n", head_only),
                      write_deadline);
            return;
        }
        write_all(client, response(200, "OK", "application/openmetrics-text; version=1.0.0; charset=utf-8", *page, head_only),
                  write_deadline);
        return;
    }
    if (target == "/") {
        write_all(client,
                  response(200, "OK", "text/html; charset=utf-8",
                           "<!doctype html><title>certcheck exporter</title><p><a href=\"/metrics\">/metrics</a> <a href=\"/healthz\">/healthz</a>\n",
                           head_only),
                  write_deadline);
        return;
    }
    write_all(client, response(404, "Not Found", "text/plain; charset=utf-8", "not found\n", head_only), write_deadline);
}

}  // namespace

void parse_listen(const std::string& text, std::string& address, std::uint16_t& port) {
    std::string host;
    std::string port_text;
    if (text.starts_with('[')) {
        const auto close = text.find("]:");
        if (close == std::string::npos) throw std::invalid_argument("'" + text + "' is not ADDR:PORT ([v6]:PORT for IPv6)");
        host = text.substr(1, close - 1);
        port_text = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string::npos || text.find(':') != colon) throw std::invalid_argument("'" + text + "' is not ADDR:PORT ([v6]:PORT for IPv6)");
        host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
    }
    if (host.empty()) host = "127.0.0.1";
    in6_addr a6{};
    in_addr a4{};
    if (inet_pton(AF_INET, host.c_str(), &a4) != 1 && inet_pton(AF_INET6, host.c_str(), &a6) != 1) {
        throw std::invalid_argument("'" + host + "' is not a numeric IPv4 or IPv6 address");
    }
    if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(port_text) > 65535) {
        throw std::invalid_argument("'" + port_text + "' is not a port number (0-65535)");
    }
    address = host;
    port = static_cast<std::uint16_t>(std::stoul(port_text));
}

std::chrono::seconds parse_duration(const std::string& text) {
    if (text.empty()) throw std::invalid_argument("an empty duration");
    long long total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        if (j == i || j - i > 9) throw std::invalid_argument("'" + text + "' is not a duration (e.g. 30s, 5m, 1h)");
        const long long n = std::stoll(text.substr(i, j - i));
        long long unit = 1;
        if (j < text.size()) {
            switch (text[j]) {
                case 's': unit = 1; break;
                case 'm': unit = 60; break;
                case 'h': unit = 3600; break;
                default: throw std::invalid_argument("'" + text + "' is not a duration (e.g. 30s, 5m, 1h)");
            }
            ++j;
        } else if (i != 0) {
            throw std::invalid_argument("'" + text + "' is not a duration (e.g. 30s, 5m, 1h)");
        }
        total += n * unit;
        i = j;
    }
    if (total < 1 || total > 7 * 86400) throw std::invalid_argument("'" + text + "': the interval must be between 1s and 7 days");
    return std::chrono::seconds(total);
}

int run_exporter(const ExporterSettings& cfg, std::ostream& log) {
    in6_addr a6{};
    sockaddr_storage addr{};
    socklen_t addr_len = 0;
    int family = AF_INET;
    if (inet_pton(AF_INET6, cfg.address.c_str(), &a6) == 1) {
        family = AF_INET6;
        auto* sa = reinterpret_cast<sockaddr_in6*>(&addr);
        sa->sin6_family = AF_INET6;
        sa->sin6_port = htons(cfg.port);
        sa->sin6_addr = a6;
        addr_len = sizeof(sockaddr_in6);
    } else {
        auto* sa = reinterpret_cast<sockaddr_in*>(&addr);
        sa->sin_family = AF_INET;
        sa->sin_port = htons(cfg.port);
        if (inet_pton(AF_INET, cfg.address.c_str(), &sa->sin_addr) != 1) throw InputError("--listen: '" + cfg.address + "' is not an address");
        addr_len = sizeof(sockaddr_in);
    }
    const std::string where = family == AF_INET6 ? fmt::format("[{}]:{}", cfg.address, cfg.port) : fmt::format("{}:{}", cfg.address, cfg.port);
    Fd listener(::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (listener.get() < 0) throw InputError(fmt::format("--listen {}: cannot create a socket: {}", where, std::strerror(errno)));
    const int one = 1;
    ::setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), addr_len) != 0 || ::listen(listener.get(), 16) != 0) {
        throw InputError(fmt::format("--listen {}: cannot listen: {}", where, std::strerror(errno)));
    }

    if (::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) throw InputError("cannot create a pipe for signals");
    Fd sig_read(g_signal_pipe[0]);
    Fd sig_write(g_signal_pipe[1]);
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    struct sigaction old_term {};
    struct sigaction old_int {};
    ::sigaction(SIGTERM, &sa, &old_term);
    ::sigaction(SIGINT, &sa, &old_int);

    Shared shared;
    std::mutex log_mutex;
    {
        std::lock_guard lock(log_mutex);
        log << fmt::format("certcheck exporter: listening on http://{}/metrics, scanning every {} s\n", where, cfg.interval.count());
        log.flush();
    }
    std::thread scanner([&] { scan_loop(cfg, shared, log, log_mutex); });

    for (;;) {
        std::array<pollfd, 2> fds{pollfd{listener.get(), POLLIN, 0}, pollfd{sig_read.get(), POLLIN, 0}};
        const int r = ::poll(fds.data(), fds.size(), 1000);
        if (r < 0 && errno != EINTR) break;
        if ((fds[1].revents & POLLIN) != 0) break;
        if ((fds[0].revents & POLLIN) == 0) continue;
        Fd client(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
        if (client.get() < 0) continue;
        serve(client.get(), shared);
    }

    {
        std::lock_guard lock(shared.mutex);
        shared.stop = true;
    }
    shared.wake.notify_all();
    scanner.join();
    ::sigaction(SIGTERM, &old_term, nullptr);
    ::sigaction(SIGINT, &old_int, nullptr);
    g_signal_pipe[0] = g_signal_pipe[1] = -1;
    {
        std::lock_guard lock(log_mutex);
        log << "certcheck exporter: stopped\n";
        log.flush();
    }
    return 0;
}

}  // namespace certcheck
