// Servers that tests start on 127.0.0.1 and stop: openssl s_server, python3 -m http.server, and
// a listener that accepts and never answers. Every wait is bounded.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace certcheck::test {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
[[nodiscard]] int free_port();

// True once something accepts TCP connections on 127.0.0.1:port (tries for up to `seconds`).
[[nodiscard]] bool wait_for_port(int port, double seconds = 10);

// A child process with stdout/stderr sent to /dev/null, killed (SIGTERM, then SIGKILL) and reaped
// on stop() or destruction.
class ChildProcess {
public:
    explicit ChildProcess(std::vector<std::string> argv, const std::string& cwd = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    void stop();
    [[nodiscard]] pid_t pid() const noexcept { return pid_; }

private:
    pid_t pid_ = -1;
};

// openssl s_server -www on 127.0.0.1 serving cert (+ key) with the chain file's certificates after it.
class TlsServer {
public:
    TlsServer(const std::string& cert, const std::string& key, const std::string& chain = {},
              const std::vector<std::string>& extra = {});
    [[nodiscard]] int port() const noexcept { return port_; }
    [[nodiscard]] std::string target() const { return "127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] bool ready() const noexcept { return ready_; }

private:
    int port_;
    ChildProcess proc_;
    bool ready_ = false;
};

// python3 -m http.server serving `dir` on 127.0.0.1.
class HttpServer {
public:
    explicit HttpServer(const std::string& dir);
    [[nodiscard]] int port() const noexcept { return port_; }
    [[nodiscard]] bool ready() const noexcept { return ready_; }

private:
    int port_;
    ChildProcess proc_;
    bool ready_ = false;
};

// Listens on 127.0.0.1, accepts every connection and never sends a byte (or, with
// close_at_once, closes each connection as soon as it is accepted).
class SilentListener {
public:
    explicit SilentListener(bool close_at_once = false);
    ~SilentListener();
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;
    [[nodiscard]] int port() const noexcept { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::vector<int> held_;
    std::thread thread_;
};

}  // namespace certcheck::test

#include <initializer_list>
#include <optional>

#include "endpoint/endpoint.hpp"

namespace certcheck::test {

// The certificates of these fixture files, in order, as a server would send them.
[[nodiscard]] ServedChain served_from(std::initializer_list<std::string> fixture_files);
// served_material() of that chain under the name "127.0.0.1:8443", checked against `host`.
[[nodiscard]] Material served_fixture(std::initializer_list<std::string> fixture_files,
                                      const std::string& host = "www.example.com");

// A test_context() for an endpoint run: --cert/--chain fixtures (or none), root-ca.pem as the trust store.
struct EndpointContext {
    std::optional<LoadedFile> cert_file;
    std::optional<LoadedFile> chain_file;
    EndpointInputs inputs;
    TrustStore trust = TrustStore::from_path(fixture_path("root-ca.pem"));
    Context ctx;
    static std::string fixture_path(const std::string& name);
};
[[nodiscard]] std::unique_ptr<EndpointContext> endpoint_context(const std::optional<std::string>& cert = std::nullopt,
                                                                const std::optional<std::string>& chain = std::nullopt);

}  // namespace certcheck::test
