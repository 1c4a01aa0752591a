#include "common/der.hpp"

namespace certcheck::der {

std::optional<Tlv> read(std::string_view in) noexcept {
    if (in.size() < 2) return std::nullopt;
    Tlv t;
    t.tag = static_cast<std::uint8_t>(in[0]);
    if ((t.tag & 0x1f) == 0x1f) return std::nullopt;  // high tag numbers: not used by what we sniff
    const auto first = static_cast<std::uint8_t>(in[1]);
    std::size_t pos = 2;
    if (first < 0x80) {
        t.length = first;
    } else {
        const std::size_t n = first & 0x7f;
        if (n == 0 || n > 4 || in.size() < 2 + n) return std::nullopt;  // indefinite or absurd
        std::size_t len = 0;
        for (std::size_t i = 0; i < n; ++i) len = (len << 8) | static_cast<std::uint8_t>(in[2 + i]);
        t.length = len;
        pos += n;
    }
    t.header = pos;
    if (t.length > in.size() - pos) return std::nullopt;
    return t;
}

std::optional<std::uint8_t> second_element_tag(std::string_view in) noexcept {
    const auto outer = read(in);
    if (!outer || outer->tag != 0x30) return std::nullopt;
    std::string_view body = in.substr(outer->header, outer->length);
    const auto first = read(body);
    if (!first) return std::nullopt;
    body.remove_prefix(first->total());
    const auto second = read(body);
    if (!second) return std::nullopt;
    return second->tag;
}

std::vector<Element> sequence_elements(std::string_view in, std::size_t max) {
    std::vector<Element> out;
    const auto outer = read(in);
    if (!outer || outer->tag != 0x30) return out;
    std::string_view body = in.substr(outer->header, outer->length);
    while (!body.empty() && out.size() < max) {
        const auto e = read(body);
        if (!e) break;
        out.push_back({e->tag, body.substr(e->header, e->length)});
        body.remove_prefix(e->total());
    }
    return out;
}

std::string_view unsigned_integer(std::string_view content) noexcept {
    while (!content.empty() && content.front() == '\0') content.remove_prefix(1);
    return content;
}

bool whole_sequence(std::string_view in) noexcept {
    const auto outer = read(in);
    if (!outer || outer->tag != 0x30) return false;
    std::string_view rest = in.substr(outer->total());
    for (const char c : rest) {
        if (c != '\0') return false;
    }
    return true;
}

}  // namespace certcheck::der
