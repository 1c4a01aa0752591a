// Bounded network primitives (internal): a name lookup, a connect and a wait, each with a
// deadline. The endpoint TLS client and the AIA fetcher use them; nothing here blocks past it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <sys/socket.h>

namespace certcheck::net {

using Clock = std::chrono::steady_clock;

struct Address {
    sockaddr_storage addr{};
    socklen_t len = 0;
    int family = 0;
    std::string text;  // "127.0.0.1:443", "[::1]:443"
};

// The addresses of host:port, numeric hosts without a lookup. A name lookup that outlives the
// deadline is abandoned (it finishes on its own thread). Empty with `why` set on failure.
[[nodiscard]] std::vector<Address> resolve(const std::string& host, std::uint16_t port, Clock::time_point deadline,
                                           std::string& why);

// An owned file descriptor.
class Socket {
public:
    Socket() = default;
    explicit Socket(int fd) noexcept : fd_(fd) {}
    ~Socket();
    Socket(Socket&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    Socket& operator=(Socket&& o) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    [[nodiscard]] int fd() const noexcept { return fd_; }
    [[nodiscard]] bool valid() const noexcept { return fd_ >= 0; }

private:
    int fd_ = -1;
};

// A non-blocking TCP connection, or an invalid Socket with `why` set ("connection refused",
// "no connection within the timeout").
[[nodiscard]] Socket connect(const Address& a, Clock::time_point deadline, std::string& why);

// poll() for `events` on fd until the deadline; false when it passed first.
[[nodiscard]] bool wait_for(int fd, short events, Clock::time_point deadline);

}  // namespace certcheck::net
