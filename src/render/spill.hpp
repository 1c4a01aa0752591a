// Text that may outgrow memory: kept in a buffer up to a limit, then in an unnamed temporary
// file (tmpfile(3): gone when closed or at exit). The openmetrics and html writers collect their
// later sections here while subjects arrive, so memory stays flat however large the scan (internal).
#pragma once

#include <cstdio>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace certcheck::render_detail {

class Spill {
public:
    explicit Spill(std::size_t memory_limit = std::size_t{4} << 20U) : limit_(memory_limit) {}
    ~Spill();
    Spill(const Spill&) = delete;
    Spill& operator=(const Spill&) = delete;

    void append(std::string_view text);
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    // A write to the temporary file failed (disk full): the text is incomplete.
    [[nodiscard]] bool failed() const noexcept { return failed_; }
    // Writes everything appended so far to out (may be called more than once).
    void copy_to(std::ostream& out) const;
    // Calls f with each '\n'-terminated line (without the '\n'), in order.
    void for_each_line(const std::function<void(std::string_view)>& f) const;

private:
    void read_all(const std::function<void(std::string_view)>& chunk) const;
    std::size_t limit_;
    std::size_t size_ = 0;
    std::string memory_;
    std::FILE* file_ = nullptr;  // once memory_ outgrew the limit
    bool failed_ = false;
};

}  // namespace certcheck::render_detail
