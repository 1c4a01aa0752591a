// Byte-level facts: encoding, line endings, trailing white space, characters IAM refuses.
#include <cstdint>
#include <string_view>

#include "certcheck/load.hpp"
#include "load/utf8.hpp"

namespace certcheck {
namespace {

constexpr std::size_t kMaxTrailingLines = 5;

bool allowed(std::uint32_t cp) { return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF); }

bool looks_utf16(std::string_view data) {
    if (data.starts_with("\xFF\xFE") || data.starts_with("\xFE\xFF")) return true;
    if (data.size() < 8) return false;
    // ASCII text in UTF-16: every other byte is NUL.
    const std::size_t n = std::min<std::size_t>(data.size() & ~std::size_t{1}, 128);
    int even_nul = 0;
    int odd_nul = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (data[i] == '\0') (i % 2 == 0 ? even_nul : odd_nul)++;
    }
    const auto half = static_cast<int>(n / 2);
    return (odd_nul == half && even_nul == 0) || (even_nul == half && odd_nul == 0);
}

}  // namespace

std::size_t utf8_decode(std::string_view data, std::size_t i, std::uint32_t& cp) {
    const auto b0 = static_cast<std::uint8_t>(data[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    std::uint32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > data.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<std::uint8_t>(data[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

TextFacts text_facts(std::string_view data) {
    TextFacts f;
    f.bytes = data.size();
    f.utf8_bom = data.starts_with("\xEF\xBB\xBF");
    f.utf16 = looks_utf16(data);

    int line = 1;
    std::size_t line_start = 0;
    auto end_line = [&](std::size_t content_end) {
        if (content_end > line_start) {
            const char last = data[content_end - 1];
            if (last == ' ' || last == '\t') {
                ++f.trailing_ws_count;
                if (f.trailing_ws_lines.size() < kMaxTrailingLines) f.trailing_ws_lines.push_back(line);
            }
        }
    };

    // A leading byte-order mark is recorded as utf8_bom (pem-leading-bytes reports it), not as the first bad character.
    const std::size_t first = f.utf8_bom ? 3 : 0;
    f.chars += first == 3 ? 1 : 0;
    for (std::size_t i = first; i < data.size();) {
        // Printable ASCII and tabs need no decoding: count the run in one go.
        std::size_t j = i;
        while (j < data.size() && (static_cast<unsigned char>(data[j]) - 0x20U < 0x60U || data[j] == '\t')) ++j;
        f.chars += j - i;
        i = j;
        if (i == data.size()) break;
        const char c = data[i];
        if (c == '\n' || c == '\r') {
            end_line(i);
            if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') {
                if (f.crlf_lines++ == 0) f.first_crlf_line = line;
                i += 2;
                f.chars += 2;
            } else {
                (c == '\n' ? f.lf_lines : f.cr_lines)++;
                i += 1;
                f.chars += 1;
            }
            ++line;
            line_start = i;
            continue;
        }
        std::uint32_t cp = 0;
        std::size_t len = utf8_decode(data, i, cp);
        if (len == 0) {
            f.utf8 = false;
            cp = static_cast<std::uint8_t>(c);
            len = 1;
            if (!f.bad_char_line) {
                f.bad_char_line = line;
                f.bad_char = cp;
            }
        } else if (!allowed(cp) && !f.bad_char_line) {
            f.bad_char_line = line;
            f.bad_char = cp;
        }
        ++f.chars;
        i += len;
    }
    end_line(data.size());
    if (!f.utf8) f.chars = data.size();
    return f;
}

}  // namespace certcheck
