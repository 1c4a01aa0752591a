// Byte-level facts: encoding, line endings, trailing white space, characters IAM refuses.
#include <cstdint>
#include <string_view>

#include "certcheck/load.hpp"
#include "common/utf8.hpp"

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
