#include "common/escape.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace certcheck {
namespace {

// The code point of the UTF-8 sequence at text[i] and its length, or length 0 when the bytes
// there are not a valid (shortest-form, non-surrogate) UTF-8 sequence.
struct Decoded {
    char32_t cp = 0;
    std::size_t len = 0;
};

Decoded decode(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) return {b0, 1};
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return {};
    }
    if (i + len > text.size()) return {};
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, len};
}

bool hidden(char32_t cp) {
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
        const Decoded d = decode(text, i);
        if (d.len == 0) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
            continue;
        }
        if (hidden(d.cp)) out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(d.cp));
        else out.append(text.substr(i, d.len));
        i += d.len;
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
