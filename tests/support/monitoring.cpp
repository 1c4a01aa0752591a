#include "support/monitoring.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include <gtest/gtest.h>

#include "support/temp.hpp"

namespace certcheck::test {

std::string promtool_problems(const std::string& text, const std::string& name) {
    const std::string file = write_temp(name + ".prom", text);
    const RunResult r = run_program({"sh", "-c", "promtool check metrics < \"$0\"", file}, 60);
    if (r.exit_code == 127) ADD_FAILURE() << "promtool is missing: run cmake/install-deps.sh (prometheus)";
    return r.exit_code == 0 && r.out.empty() && r.err.empty() ? std::string{} : r.out + r.err + "\n" + text;
}

std::vector<std::string> lines_of(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(prefix)) out.push_back(line);
    }
    return out;
}

long long openssl_unix(const std::string& file, const std::string& which) {
    const RunResult d = run_program({"openssl", "x509", "-noout", which, "-in", file}, 30);
    const std::string date = d.out.substr(d.out.find('=') + 1);
    return std::stoll(run_program({"date", "-u", "-d", date.substr(0, date.size() - 1), "+%s"}, 30).out);
}

RunResult browser(const std::vector<std::string>& args) {
    std::vector<std::string> argv{kBrowser, "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, 120);
}

Http http_raw(int port, const std::string& request, int timeout_ms) {
    using Clock = std::chrono::steady_clock;
    Http h;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return h;
    }
    (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string all;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[65536];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        all.append(buf, static_cast<std::size_t>(n));
        // A keep-alive server (Prometheus) does not close: stop once Content-Length bytes are in.
        const auto end = all.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        std::string head = all.substr(0, end);
        std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const auto cl = head.find("\r\ncontent-length:");
        if (cl != std::string::npos && all.size() - end - 4 >= std::stoul(head.substr(cl + 17))) break;
    }
    ::close(fd);
    const auto split = all.find("\r\n\r\n");
    if (split == std::string::npos || !all.starts_with("HTTP/1.")) return h;
    h.head = all.substr(0, split);
    h.body = all.substr(split + 4);
    h.status = std::stoi(all.substr(9, 3));
    return h;
}

Http http_get(int port, const std::string& path) {
    return http_raw(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

Background::~Background() {
    if (pid > 0) (void)stop_program(pid, SIGTERM, 10000);
}

}  // namespace certcheck::test
