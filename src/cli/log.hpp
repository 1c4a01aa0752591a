// The log lines on stderr ("certcheck: info: ...", shown with --verbose). spdlog writes them, but
// only src/cli/log.cpp includes it (compiled in once, header-only, instead of loading libspdlog.so
// at every start), and its logger is made on the first line written: a run without --verbose never
// sets it up (docs/performance.md, "Start-up").
#pragma once

#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace certcheck::cli::log {

// Called once by main before any line: colour only when the environment allows it (NO_COLOR, TERM).
void init(bool no_color);
// --verbose: info lines on (they are off by default).
void set_verbose(bool on);
bool verbose();
void write_info(std::string_view line);

template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
    if (verbose()) write_info(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace certcheck::cli::log
