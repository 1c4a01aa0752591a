#include "support/servers.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace certcheck::test {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// Reaps pid within `ms`; false when it is still running.
bool reap(pid_t pid, int ms) {
    for (int waited = 0; waited <= ms; waited += 10) {
        int status = 0;
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || r < 0) return true;
        usleep(10'000);
    }
    return false;
}

}  // namespace

int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        close(fd);
        throw std::runtime_error("bind to 127.0.0.1:0 failed");
    }
    close(fd);
    return ntohs(a.sin_port);
}

bool wait_for_port(int port, double seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const sockaddr_in a = loopback(port);
        const bool ok = fd >= 0 && connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
        if (fd >= 0) close(fd);
        if (ok) return true;
        usleep(50'000);
    }
    return false;
}

ChildProcess::ChildProcess(std::vector<std::string> argv, const std::string& cwd) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDOUT_FILENO);
        dup2(devnull, STDERR_FILENO);
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
        execvp(args[0], args.data());
        _exit(127);
    }
}

ChildProcess::~ChildProcess() { stop(); }

void ChildProcess::stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    if (!reap(pid_, 3000)) {
        kill(pid_, SIGKILL);
        (void)reap(pid_, 3000);
    }
    pid_ = -1;
}

TlsServer::TlsServer(const std::string& cert, const std::string& key, const std::string& chain,
                     const std::vector<std::string>& extra)
    : port_(free_port()),
      proc_([&] {
          std::vector<std::string> argv{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port_), "-cert",
                                        cert, "-key", key, "-www", "-quiet", "-naccept", "1000"};
          if (!chain.empty()) {
              argv.emplace_back("-cert_chain");
              argv.push_back(chain);
          }
          argv.insert(argv.end(), extra.begin(), extra.end());
          return argv;
      }()) {
    ready_ = wait_for_port(port_);
}

HttpServer::HttpServer(const std::string& dir)
    : port_(free_port()),
      proc_({"python3", "-m", "http.server", std::to_string(port_), "--bind", "127.0.0.1", "--directory", dir}) {
    ready_ = wait_for_port(port_);
}

SilentListener::SilentListener(bool close_at_once) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd_, 256) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this, close_at_once] {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            const int c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (c >= 0 && close_at_once) close(c);
            else if (c >= 0) held_.push_back(c);
        }
    });
}

SilentListener::~SilentListener() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    for (const int c : held_) close(c);
    if (fd_ >= 0) close(fd_);
}

}  // namespace certcheck::test

#include "support/support.hpp"

namespace certcheck::test {

ServedChain served_from(std::initializer_list<std::string> fixture_files) {
    ServedChain s;
    s.address = "127.0.0.1:8443";
    for (const std::string& name : fixture_files) {
        LoadedFile f = load_file(read_input(Slot::Chain, fixture(name)));
        for (Certificate& c : f.certs) s.certs.push_back(std::move(c.x509));
    }
    return s;
}

Material served_fixture(std::initializer_list<std::string> fixture_files, const std::string& host) {
    Request r;
    r.hosts.push_back(host);
    return served_material(served_from(fixture_files), "127.0.0.1:8443", std::move(r));
}

std::string EndpointContext::fixture_path(const std::string& name) { return fixture(name); }

std::unique_ptr<EndpointContext> endpoint_context(const std::optional<std::string>& cert,
                                                  const std::optional<std::string>& chain) {
    auto e = std::make_unique<EndpointContext>();
    if (cert) {
        e->cert_file = load_file(read_input(Slot::Body, fixture(*cert)));
        e->inputs.expected_cert = &*e->cert_file;
    }
    if (chain) {
        e->chain_file = load_file(read_input(Slot::Chain, fixture(*chain)));
        e->inputs.expected_chain = &*e->chain_file;
    }
    e->ctx = test_context();
    e->ctx.trust = &e->trust;
    e->ctx.endpoint = &e->inputs;
    return e;
}

}  // namespace certcheck::test
