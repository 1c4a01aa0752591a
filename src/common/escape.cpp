#include "common/escape.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "common/utf8.hpp"

namespace certcheck {
namespace {

bool hidden(std::uint32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

}  // namespace

std::string safe_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            switch (c) {
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: out += fmt::format("\\x{:02x}", c);
            }
            ++i;
            continue;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t len = utf8_decode(text, i, cp);
        if (len == 0) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
            continue;
        }
        if (hidden(cp)) out += fmt::format("\\u{:04x}", cp);
        else out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

std::string safe_line_start(std::string_view text) {
    std::string out = safe_text(text);
    const std::size_t start = out.find_first_not_of(" \t");
    if (start != std::string::npos && out.compare(start, 2, "::") == 0) out.replace(start, 1, "\\x3a");
    return out;
}

}  // namespace certcheck
