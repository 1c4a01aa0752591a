#include "cli/log.hpp"

#include <atomic>
#include <memory>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace certcheck::cli::log {
namespace {

std::atomic<bool> g_no_color{false};
std::atomic<bool> g_verbose{false};

spdlog::logger& logger() {
    static const std::shared_ptr<spdlog::logger> made = [] {
        auto l = spdlog::stderr_color_mt("certcheck", g_no_color.load() ? spdlog::color_mode::never : spdlog::color_mode::automatic);
        l->set_pattern("certcheck: %l: %v");
        l->set_level(spdlog::level::info);
        return l;
    }();
    return *made;
}

}  // namespace

void init(bool no_color) { g_no_color.store(no_color); }

void set_verbose(bool on) { g_verbose.store(on); }

bool verbose() { return g_verbose.load(std::memory_order_relaxed); }

void write_info(std::string_view line) { logger().info("{}", line); }

}  // namespace certcheck::cli::log
