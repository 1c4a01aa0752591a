#include "render/spill.hpp"

#include <array>

namespace certcheck::render_detail {

Spill::~Spill() {
    if (file_ != nullptr) std::fclose(file_);
}

void Spill::append(std::string_view text) {
    size_ += text.size();
    if (file_ == nullptr) {
        memory_.append(text);
        if (memory_.size() <= limit_) return;
        file_ = std::tmpfile();
        if (file_ == nullptr) return;  // no temporary file: stay in memory
        text = memory_;
    }
    // Never throws here (callers run inside the scan's callbacks); finish() reports it.
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) failed_ = true;
    if (!memory_.empty()) std::string{}.swap(memory_);
}

void Spill::read_all(const std::function<void(std::string_view)>& chunk) const {
    if (file_ == nullptr) {
        chunk(memory_);
        return;
    }
    std::fflush(file_);
    std::rewind(file_);
    std::array<char, 1 << 16> buf{};
    for (;;) {
        const std::size_t n = std::fread(buf.data(), 1, buf.size(), file_);
        if (n == 0) break;
        chunk(std::string_view(buf.data(), n));
    }
    std::fseek(file_, 0, SEEK_END);
}

void Spill::copy_to(std::ostream& out) const {
    read_all([&](std::string_view c) { out.write(c.data(), static_cast<std::streamsize>(c.size())); });
}

void Spill::for_each_line(const std::function<void(std::string_view)>& f) const {
    std::string partial;
    read_all([&](std::string_view c) {
        std::size_t start = 0;
        for (std::size_t nl = c.find('\n'); nl != std::string_view::npos; nl = c.find('\n', start)) {
            if (partial.empty()) {
                f(c.substr(start, nl - start));
            } else {
                partial.append(c.substr(start, nl - start));
                f(partial);
                partial.clear();
            }
            start = nl + 1;
        }
        partial.append(c.substr(start));
    });
}

}  // namespace certcheck::render_detail
