// Helpers for the monitoring tests (openmetrics, html, the exporter): Prometheus's promtool,
// the headless browser, a bounded HTTP client for 127.0.0.1, polling with a deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/process.hpp"

namespace certcheck::test {

// promtool check metrics on text: "" when it is clean, else what promtool said (and the text).
[[nodiscard]] std::string promtool_problems(const std::string& text, const std::string& name);

// The lines of text that start with prefix.
[[nodiscard]] std::vector<std::string> lines_of(const std::string& text, const std::string& prefix);

// A certificate's date as openssl prints it (which: "-startdate" or "-enddate"), in unix seconds.
[[nodiscard]] long long openssl_unix(const std::string& file, const std::string& which);

// Debian's chromium-headless-shell with these arguments (no sandbox, no GPU), bounded.
inline constexpr const char* kBrowser = "chromium-headless-shell";
[[nodiscard]] RunResult browser(const std::vector<std::string>& args);

struct Http {
    int status = 0;  // 0: no answer
    std::string head;
    std::string body;
};
// One request to 127.0.0.1:port, the whole exchange bounded by timeout_ms.
[[nodiscard]] Http http_raw(int port, const std::string& request, int timeout_ms = 5000);
[[nodiscard]] Http http_get(int port, const std::string& path);

// Polls until ok() or the deadline; true when ok() held.
template <typename F>
bool wait_for(F ok, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (ok()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return ok();
}

// A background process stopped (SIGTERM, then SIGKILL) when the test ends, however it ends.
struct Background {
    pid_t pid = -1;
    Background() = default;
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;
    ~Background();
};

}  // namespace certcheck::test
