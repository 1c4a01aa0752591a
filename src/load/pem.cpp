// The PEM scanner: blocks with labels, headers and line numbers, plus the text outside them.
#include <algorithm>
#include <array>
#include <cstring>
#include <cstdint>
#include <string>
#include <string_view>

#include "certcheck/load.hpp"

namespace certcheck {
namespace {

constexpr std::string_view kDashes = "-----";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "-----BEGIN X-----" -> "X"
std::optional<std::string_view> armour(std::string_view line, std::string_view word) {
    line = trim(line);
    if (!line.starts_with(kDashes) || !line.ends_with(kDashes) || line.size() < 2 * kDashes.size()) {
        return std::nullopt;
    }
    std::string_view inner = line.substr(kDashes.size(), line.size() - 2 * kDashes.size());
    if (!inner.starts_with(word)) return std::nullopt;
    inner.remove_prefix(word.size());
    if (!inner.empty() && inner.front() != ' ') return std::nullopt;
    return trim(inner);
}

// Labels are printed in messages, so only plausible ones are kept as written (RFC 7468 labels are
// short printable ASCII); anything else could be file content, even key material.
std::string clean_label(std::string_view label) {
    const bool plausible = !label.empty() && label.size() <= 40 &&
                           label.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 #._-") ==
                               std::string_view::npos;
    return plausible ? std::string{label} : std::string{"(unreadable label)"};
}

// Base64 digit values, -1 for anything else ('=' included): one table lookup per character.
constexpr std::array<std::int8_t, 256> kBase64 = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    constexpr std::string_view digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < digits.size(); ++i) t[static_cast<unsigned char>(digits[i])] = static_cast<std::int8_t>(i);
    return t;
}();

int base64_value(char c) { return kBase64[static_cast<unsigned char>(c)]; }

// Strict base64: whole quanta, '=' only as final padding. nullopt on any error.
std::optional<std::string> decode_base64(std::string_view in) {
    if (in.size() % 4 != 0) return std::nullopt;
    std::size_t pad = 0;
    if (!in.empty() && in.back() == '=') pad = in[in.size() - 2] == '=' ? 2 : 1;
    std::string out(in.size() / 4 * 3 - pad, '\0');
    std::size_t o = 0;
    for (std::size_t i = 0; i < in.size(); i += 4) {
        const bool last = i + 4 == in.size();
        const int a = base64_value(in[i]);
        const int b = base64_value(in[i + 1]);
        const int c = last && pad == 2 ? 0 : base64_value(in[i + 2]);
        const int d = last && pad >= 1 ? 0 : base64_value(in[i + 3]);
        if ((a | b | c | d) < 0) return std::nullopt;  // a bad digit, or '=' before the end
        const auto quad = (static_cast<std::uint32_t>(a) << 18U) | (static_cast<std::uint32_t>(b) << 12U) |
                          (static_cast<std::uint32_t>(c) << 6U) | static_cast<std::uint32_t>(d);
        out[o++] = static_cast<char>((quad >> 16U) & 0xFFU);
        if (o < out.size()) out[o++] = static_cast<char>((quad >> 8U) & 0xFFU);
        if (o < out.size()) out[o++] = static_cast<char>(quad & 0xFFU);
    }
    return out;
}

bool looks_base64(std::string_view line) {
    if (line.size() < 16) return false;
    return std::all_of(line.begin(), line.end(), [](char c) { return base64_value(c) >= 0 || c == '='; });
}

// A description of stray text that never quotes it (it could be key material).
std::string describe_text(std::string_view first) {
    const std::string_view t = trim(first);
    if (t.starts_with("Bag Attributes") || t.starts_with("Key Attributes") || t.starts_with("localKeyID") ||
        t.starts_with("friendlyName")) {
        return "'Bag Attributes' text as written by openssl pkcs12";
    }
    if (t.starts_with("subject=") || t.starts_with("issuer=")) return "'subject=' / 'issuer=' lines as written by openssl";
    if (t.starts_with("Certificate:")) return "an 'openssl x509 -text' dump";
    if (t.starts_with("Certificate Request:")) return "an 'openssl req -text' dump";
    if (t.starts_with("Private-Key:") || t.starts_with("RSA Private-Key:") || t.starts_with("Public-Key:")) {
        return "an 'openssl pkey -text' dump";
    }
    if (t.find("d=0") != std::string_view::npos && t.find("hl=") != std::string_view::npos) {
        return "an 'openssl asn1parse' dump";
    }
    if (looks_base64(t)) return "base64 text outside any BEGIN/END block";
    return "text";
}

struct Line {
    std::string_view text;  // without its line ending
    int number = 0;
};

// Splits "-----END X----------BEGIN Y-----" (two files joined by cat, the first without a final
// newline) into its two armour lines, both keeping the physical line number.
void push_line(std::vector<Line>& lines, std::string_view text, int number, std::vector<int>& joined) {
    constexpr std::string_view kJoin = "----------BEGIN ";
    if (text.find('-') == std::string_view::npos) {  // base64 lines, the common case
        lines.push_back({text, number});
        return;
    }
    const auto pos = text.find(kJoin);
    if (pos != std::string_view::npos && text.find("-----END ") != std::string_view::npos) {
        lines.push_back({text.substr(0, pos + kDashes.size()), number});
        lines.push_back({text.substr(pos + kDashes.size()), number});
        joined.push_back(number);
        return;
    }
    // Text glued in front of a BEGIN line ("xyz-----BEGIN CERTIFICATE-----", from `echo -n` or a
    // paste): the text is a stray line of its own and the block is read, so the file gets one
    // precise finding (text outside the blocks, which fix removes), not "no certificate".
    const auto begin = text.find("-----BEGIN ");
    if (begin != std::string_view::npos && begin > 0 && !trim(text.substr(0, begin)).empty() &&
        armour(text.substr(begin), "BEGIN")) {
        lines.push_back({text.substr(0, begin), number});
        lines.push_back({text.substr(begin), number});
        return;
    }
    lines.push_back({text, number});
}

// Lines end at LF, CRLF or a lone CR. memchr finds the LFs; a line is searched for a CR only once.
std::vector<Line> split_lines(std::string_view text, std::vector<int>& joined) {
    std::vector<Line> lines;
    lines.reserve(text.size() / 64 + 4);
    int number = 1;
    std::size_t start = 0;
    const char* base = text.data();
    while (start < text.size()) {
        const auto* lf = static_cast<const char*>(std::memchr(base + start, '\n', text.size() - start));
        const std::size_t end = lf != nullptr ? static_cast<std::size_t>(lf - base) : text.size();
        const auto* cr = static_cast<const char*>(std::memchr(base + start, '\r', end - start));
        if (cr != nullptr) {
            const auto at = static_cast<std::size_t>(cr - base);
            push_line(lines, text.substr(start, at - start), number++, joined);
            start = at + 1 < text.size() && text[at + 1] == '\n' ? at + 2 : at + 1;
        } else {
            push_line(lines, text.substr(start, end - start), number++, joined);
            start = end + 1;
        }
    }
    return lines;
}

}  // namespace

PemScan scan_pem(std::string_view text) {
    PemScan scan;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

    std::optional<PemBlock> block;
    std::string base64;
    bool in_headers = false;
    bool in_run = false;  // the last stray run is still growing

    auto finish = [&](int end_line, std::optional<std::string> problem, int problem_line) {
        if (!problem && !block->problem) {
            if (auto der = decode_base64(base64)) {
                block->der = std::move(*der);
            } else {
                problem = "its base64 does not decode (bad length or padding)";
                problem_line = block->begin_line;
            }
        }
        if (problem && !block->problem) {
            block->problem = std::move(problem);
            block->problem_line = problem_line;
        }
        if (block->problem) block->der.clear();
        block->end_line = end_line;
        scan.blocks.push_back(std::move(*block));
        block.reset();
        base64.clear();
    };

    for (const Line& line : split_lines(text, scan.joined_lines)) {
        if (!block) {
            if (auto label = armour(line.text, "BEGIN")) {
                block.emplace();
                block->label = clean_label(*label);
                block->begin_line = line.number;
                in_headers = true;
                in_run = false;
                continue;
            }
            if (trim(line.text).empty()) {
                in_run = false;
                continue;
            }
            if (!in_run) {
                scan.stray.push_back({line.number, line.number, describe_text(line.text)});
                in_run = true;
            } else {
                scan.stray.back().last_line = line.number;
            }
            continue;
        }
        // Inside a block.
        if (auto label = armour(line.text, "END")) {
            std::optional<std::string> problem;
            if (clean_label(*label) != block->label) {
                problem = "its END line says '" + clean_label(*label) + "' but BEGIN said '" + block->label + "'";
            }
            finish(line.number, std::move(problem), line.number);
            continue;
        }
        if (auto label = armour(line.text, "BEGIN")) {
            finish(0, "it has no END line (another BEGIN follows)", line.number);
            block.emplace();
            block->label = clean_label(*label);
            block->begin_line = line.number;
            in_headers = true;
            continue;
        }
        const std::string_view content = trim(line.text);
        if (content.empty()) {
            in_headers = false;
            continue;
        }
        if (in_headers && base64.empty()) {
            const auto colon = content.find(':');
            if (colon != std::string_view::npos && colon > 0) {
                block->headers.push_back({std::string{trim(content.substr(0, colon))},
                                          std::string{trim(content.substr(colon + 1))}});
                continue;
            }
            if ((line.text.front() == ' ' || line.text.front() == '\t') && !block->headers.empty()) continue;
        }
        in_headers = false;
        if (!block->problem) {
            for (const char c : content) {
                if (base64_value(c) < 0 && c != '=') [[unlikely]] {
                    block->problem = "line " + std::to_string(line.number) + " is not base64";
                    block->problem_line = line.number;
                    break;
                }
            }
        }
        base64.append(content);
    }
    if (block) finish(0, "it has no END line", block->begin_line);
    return scan;
}

}  // namespace certcheck
