#include "common/net.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

namespace certcheck::net {
namespace {

std::string address_text(const sockaddr* sa, std::uint16_t port) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (sa->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
        return fmt::format("[{}]:{}", buf, port);
    }
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    return fmt::format("{}:{}", buf, port);
}

// A lookup shared between the caller and the thread doing it: whoever leaves last frees it.
struct Lookup {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    int rc = 0;
    std::vector<Address> result;
};

std::vector<Address> collect(addrinfo* list, std::uint16_t port) {
    std::vector<Address> out;
    for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
        if (ai->ai_addrlen > sizeof(sockaddr_storage)) continue;
        Address a;
        std::memcpy(&a.addr, ai->ai_addr, ai->ai_addrlen);
        a.len = ai->ai_addrlen;
        a.family = ai->ai_family;
        a.text = address_text(ai->ai_addr, port);
        out.push_back(std::move(a));
    }
    return out;
}

int lookup(const std::string& host, std::uint16_t port, int flags, std::vector<Address>& out) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags;
    addrinfo* list = nullptr;
    const std::string service = std::to_string(port);
    const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
    if (rc == 0) {
        out = collect(list, port);
        freeaddrinfo(list);
    }
    return rc;
}

}  // namespace

std::vector<Address> resolve(const std::string& host, std::uint16_t port, Clock::time_point deadline, std::string& why) {
    std::vector<Address> out;
    // An address needs no lookup (and must not wait for one).
    if (lookup(host, port, AI_NUMERICHOST | AI_NUMERICSERV, out) == 0) return out;
    auto state = std::make_shared<Lookup>();
    try {
        std::thread([state, host, port] {
            std::vector<Address> found;
            const int rc = lookup(host, port, AI_NUMERICSERV | AI_ADDRCONFIG, found);
            const std::lock_guard lock(state->mu);
            state->rc = rc;
            state->result = std::move(found);
            state->done = true;
            state->cv.notify_all();
        }).detach();
    } catch (const std::system_error&) {
        why = "cannot start the name lookup";
        return {};
    }
    std::unique_lock lock(state->mu);
    if (!state->cv.wait_until(lock, deadline, [&] { return state->done; })) {
        why = fmt::format("the name lookup of '{}' did not finish within the timeout", host);
        return {};
    }
    if (state->rc != 0) {
        why = fmt::format("cannot resolve '{}': {}", host, gai_strerror(state->rc));
        return {};
    }
    if (state->result.empty()) why = fmt::format("'{}' has no IPv4 or IPv6 address", host);
    return std::move(state->result);
}

Socket::~Socket() {
    if (fd_ >= 0) ::close(fd_);
}

Socket& Socket::operator=(Socket&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.fd_;
        o.fd_ = -1;
    }
    return *this;
}

bool wait_for(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, events, 0};
        const int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
        if (rc > 0) return true;
        if (rc < 0 && errno != EINTR) return true;  // let the next call report the error
    }
}

Socket connect(const Address& a, Clock::time_point deadline, std::string& why) {
    Socket s{::socket(a.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)};
    if (!s.valid()) {
        why = fmt::format("cannot create a socket: {}", std::strerror(errno));
        return {};
    }
    if (::connect(s.fd(), reinterpret_cast<const sockaddr*>(&a.addr), a.len) == 0) return s;
    if (errno != EINPROGRESS) {
        why = std::strerror(errno);
        return {};
    }
    if (!wait_for(s.fd(), POLLOUT, deadline)) {
        why = "no connection within the timeout (nothing answered)";
        return {};
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) {
        why = std::strerror(err);
        return {};
    }
    return s;
}

}  // namespace certcheck::net
