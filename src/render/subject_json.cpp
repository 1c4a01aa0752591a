#include "render/subject_json.hpp"

#include <array>
#include <cstdint>

#include "load/utf8.hpp"
#include "render/roles_anywhere.hpp"

namespace certcheck::render_detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void append_optional(std::string& out, const std::optional<std::string>& v) {
    if (v) {
        append_json_string(out, *v);
    } else {
        out += "null";
    }
}

void append_key(std::string& out, std::string_view key) {
    out += '"';
    out += key;  // keys are fixed ASCII identifiers
    out += "\":";
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    static constexpr std::array<char, 16> kHex{'0', '1', '2', '3', '4', '5', '6', '7',
                                               '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // Copy the longest run that needs no attention in one go.
        std::size_t j = i;
        while (j < s.size()) {
            const auto c = static_cast<unsigned char>(s[j]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            ++j;
        }
        out.append(s.data() + i, j - i);
        i = j;
        if (i == s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::uint32_t cp = 0;
            const std::size_t len = utf8_decode(s, i, cp);
            if (len == 0) {
                out += kReplacement;
                ++i;
            } else {
                out.append(s.data() + i, len);
                i += len;
            }
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += kHex[c >> 4U];
                out += kHex[c & 0x0FU];
        }
        ++i;
    }
    out += '"';
}

void append_subject_fields(std::string& out, const SubjectReport& s) {
    out += '{';
    append_key(out, "name");
    append_json_string(out, s.name);
    out += ',';
    append_key(out, "inputs");
    out += '{';
    append_key(out, "cert");
    append_json_string(out, s.inputs.cert);
    out += ',';
    append_key(out, "key");
    append_optional(out, s.inputs.key);
    out += ',';
    append_key(out, "chain");
    append_optional(out, s.inputs.chain);
    out += "},";
    append_key(out, "verdict");
    append_json_string(out, to_string(s.verdict));
    out += ',';
    append_key(out, "error");
    append_optional(out, s.error);
    out += ',';
    append_key(out, "findings");
    out += '[';
    for (std::size_t i = 0; i < s.findings.size(); ++i) {
        const Finding& f = s.findings[i];
        if (i > 0) out += ',';
        out += '{';
        append_key(out, "rule");
        append_json_string(out, f.rule);
        out += ',';
        append_key(out, "status");
        append_json_string(out, to_string(f.status));
        out += ',';
        append_key(out, "message");
        append_json_string(out, f.message);
        out += ',';
        append_key(out, "hint");
        append_optional(out, f.hint);
        out += ',';
        append_key(out, "file");
        append_optional(out, f.file);
        out += ',';
        append_key(out, "line");
        if (f.line) {
            out += std::to_string(*f.line);
        } else {
            out += "null";
        }
        out += '}';
    }
    out += ']';
    // After the SPEC section 3 keys, only for the roles-anywhere profile (docs/formats.md).
    if (s.roles_anywhere) {
        out += ',';
        append_key(out, "roles_anywhere");
        out += dump(roles_anywhere_json(*s.roles_anywhere), -1);
    }
}

Json subject_json(const SubjectReport& s) {
    std::string text;
    append_subject_fields(text, s);
    text += '}';
    return Json::parse(text);
}

std::string dump(const Json& doc, int indent) {
    return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace certcheck::render_detail
