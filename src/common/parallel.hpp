// Work shared over threads (internal): indices handed out in order to up to N threads, the
// calling thread among them, and an exception in any of them brought back to the caller.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace certcheck {

// Runs body(i, worker) for every i in [0, count) on up to `threads` threads; worker (0 for the
// calling thread, 1 .. threads - 1 for the others) lets a body keep per-thread state. The first
// exception of any body stops the handing out of indices; every thread is joined, then it is
// rethrown (a thread that cannot be started likewise).
template <typename Body>
void parallel_for(std::size_t count, unsigned threads, const Body& body) {
    const auto n = static_cast<unsigned>(std::min<std::size_t>(std::max(1U, threads), count));
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto work = [&](unsigned worker) {
        try {
            for (std::size_t i = next++; i < count; i = next++) body(i, worker);
        } catch (...) {
            next = count;
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    try {
        for (unsigned t = 1; t < n; ++t) pool.emplace_back(work, t);
    } catch (...) {
        next = count;
        for (auto& t : pool) t.join();
        throw;
    }
    work(0);
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace certcheck
