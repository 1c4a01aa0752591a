#include "render/subject_json.hpp"

#include <array>
#include <cstdint>

#include "common/x509util.hpp"
#include "common/utf8.hpp"
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

void append_name_fields(std::string& out, const NameParts& p) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : {std::pair<std::string_view, const std::string*>{"C", &p.C}, {"ST", &p.ST}, {"L", &p.L}, {"O", &p.O}, {"OU", &p.OU}, {"CN", &p.CN}}) {
        if (value->empty()) continue;
        if (!first) out += ',';
        first = false;
        append_key(out, key);
        append_json_string(out, *value);
    }
    out += '}';
}

void append_certificate(std::string& out, const CertificateFacts& c) {
    out += '{';
    append_key(out, "role");
    append_json_string(out, c.role);
    out += ',';
    append_key(out, "file");
    append_json_string(out, c.file);
    out += ',';
    append_key(out, "index");
    out += std::to_string(c.index);
    out += ',';
    append_key(out, "subject");
    append_json_string(out, c.subject);
    out += ',';
    append_key(out, "subject_fields");
    append_name_fields(out, c.subject_parts);
    out += ',';
    append_key(out, "issuer");
    append_json_string(out, c.issuer);
    out += ',';
    append_key(out, "issuer_fields");
    append_name_fields(out, c.issuer_parts);
    out += ',';
    append_key(out, "serial");
    append_json_string(out, c.serial);
    out += ',';
    append_key(out, "serial_decimal");
    append_json_string(out, c.serial_decimal);
    out += ',';
    append_key(out, "not_before");
    append_json_string(out, x509::format_time(static_cast<std::time_t>(c.not_before)));
    out += ',';
    append_key(out, "not_after");
    append_json_string(out, x509::format_time(static_cast<std::time_t>(c.not_after)));
    out += ',';
    append_key(out, "days_left");
    out += std::to_string(c.days_left);
    out += ',';
    append_key(out, "sha256_fingerprint");
    append_json_string(out, c.sha256);
    out += ',';
    append_key(out, "spki_sha256");
    append_json_string(out, c.spki_sha256);
    out += ',';
    append_key(out, "key_type");
    append_json_string(out, c.key_type);
    out += ',';
    append_key(out, "key_bits");
    out += std::to_string(c.key_bits);
    out += ',';
    append_key(out, "key_curve");
    append_optional(out, c.curve.empty() ? std::nullopt : std::optional<std::string>{c.curve});
    out += ',';
    append_key(out, "sans");
    out += '[';
    for (std::size_t i = 0; i < c.sans.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, c.sans[i]);
    }
    out += "]}";
}

void append_file(std::string& out, std::string_view role, const std::string& path, std::optional<std::uint64_t> bytes) {
    out += '{';
    append_key(out, "role");
    append_json_string(out, role);
    out += ',';
    append_key(out, "path");
    append_json_string(out, path);
    out += ',';
    append_key(out, "bytes");
    out += bytes ? std::to_string(*bytes) : std::string{"null"};
    out += '}';
}

// The inventory keys (docs/formats.md "Inventory facts"): every certificate, the files read.
void append_facts(std::string& out, const SubjectReport& s) {
    out += ',';
    append_key(out, "certificates");
    out += '[';
    if (s.facts) {
        for (std::size_t i = 0; i < s.facts->certificates.size(); ++i) {
            if (i > 0) out += ',';
            append_certificate(out, s.facts->certificates[i]);
        }
    }
    out += "],";
    if (s.facts && s.facts->omitted > 0) {
        append_key(out, "certificates_omitted");
        out += std::to_string(s.facts->omitted);
        out += ',';
    }
    append_key(out, "files");
    out += '[';
    if (s.facts) {
        for (std::size_t i = 0; i < s.facts->files.size(); ++i) {
            if (i > 0) out += ',';
            const InputFileFacts& f = s.facts->files[i];
            append_file(out, f.role, f.path, f.bytes);
        }
    } else {
        // A subject that could not be checked: the files it was formed from, unread.
        bool first = true;
        const auto add = [&](std::string_view role, const std::optional<std::string>& path) {
            if (!path || path->empty()) return;
            if (!first) out += ',';
            first = false;
            append_file(out, role, *path, std::nullopt);
        };
        add("cert", s.inputs.cert);
        add("key", s.inputs.key);
        add("chain", s.inputs.chain);
    }
    out += ']';
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
    // After the SPEC section 3 keys, only when a missing input left a rule unchecked (docs/formats.md).
    if (!s.not_checked.empty()) {
        out += ',';
        append_key(out, "not_checked");
        out += '[';
        for (std::size_t i = 0; i < s.not_checked.size(); ++i) {
            if (i > 0) out += ',';
            append_json_string(out, s.not_checked[i]);
        }
        out += ']';
    }
    append_facts(out, s);
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

namespace {

std::optional<std::string> opt_string(const Json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return it->get<std::string>();
}

NameParts parse_name_parts(const Json& j) {
    NameParts p;
    p.C = j.value("C", "");
    p.ST = j.value("ST", "");
    p.L = j.value("L", "");
    p.O = j.value("O", "");
    p.OU = j.value("OU", "");
    p.CN = j.value("CN", "");
    return p;
}

std::int64_t parse_instant(const Json& j, const char* key) {
    const auto t = x509::parse_time(j.at(key).get<std::string>());
    if (!t) throw std::invalid_argument(std::string{key} + " is not an RFC 3339 time");
    return static_cast<std::int64_t>(*t);
}

}  // namespace

SubjectReport parse_subject(const Json& j) {
    SubjectReport s;
    s.name = j.at("name").get<std::string>();
    const Json& in = j.at("inputs");
    s.inputs.cert = in.at("cert").is_null() ? std::string{} : in.at("cert").get<std::string>();
    s.inputs.key = opt_string(in, "key");
    s.inputs.chain = opt_string(in, "chain");
    const std::string verdict = j.at("verdict").get<std::string>();
    if (verdict == "pass") s.verdict = Verdict::Pass;
    else if (verdict == "fail") s.verdict = Verdict::Fail;
    else if (verdict == "error") s.verdict = Verdict::Error;
    else throw std::invalid_argument("verdict '" + verdict + "' is not pass, fail or error");
    s.error = opt_string(j, "error");
    for (const Json& fj : j.at("findings")) {
        Finding f;
        f.rule = fj.at("rule").get<std::string>();
        const std::string status = fj.at("status").get<std::string>();
        if (status == "pass") f.status = Status::Pass;
        else if (status == "warn") f.status = Status::Warn;
        else if (status == "error") f.status = Status::Error;
        else if (status == "not-applicable") f.status = Status::NotApplicable;
        else throw std::invalid_argument("status '" + status + "' is not pass, warn, error or not-applicable");
        f.message = fj.at("message").get<std::string>();
        f.hint = opt_string(fj, "hint");
        f.file = opt_string(fj, "file");
        if (const auto it = fj.find("line"); it != fj.end() && !it->is_null()) f.line = it->get<int>();
        s.findings.push_back(std::move(f));
    }
    if (const auto nc = j.find("not_checked"); nc != j.end()) {
        for (const Json& w : *nc) s.not_checked.push_back(w.get<std::string>());
    }
    const auto certs = j.find("certificates");
    if (certs != j.end() && (!certs->empty() || s.verdict != Verdict::Error)) {
        SubjectFacts facts;
        for (const Json& cj : *certs) {
            CertificateFacts c;
            c.role = cj.at("role").get<std::string>();
            c.file = cj.at("file").get<std::string>();
            c.index = cj.at("index").get<int>();
            c.subject = cj.at("subject").get<std::string>();
            c.issuer = cj.at("issuer").get<std::string>();
            c.subject_parts = parse_name_parts(cj.at("subject_fields"));
            c.issuer_parts = parse_name_parts(cj.at("issuer_fields"));
            c.serial = cj.at("serial").get<std::string>();
            c.serial_decimal = cj.at("serial_decimal").get<std::string>();
            c.not_before = parse_instant(cj, "not_before");
            c.not_after = parse_instant(cj, "not_after");
            c.days_left = cj.at("days_left").get<std::int64_t>();
            c.sha256 = cj.at("sha256_fingerprint").get<std::string>();
            c.spki_sha256 = cj.at("spki_sha256").get<std::string>();
            c.key_type = cj.at("key_type").get<std::string>();
            c.key_bits = cj.at("key_bits").get<int>();
            c.curve = opt_string(cj, "key_curve").value_or("");
            c.sans = cj.at("sans").get<std::vector<std::string>>();
            facts.certificates.push_back(std::move(c));
        }
        if (const auto files = j.find("files"); files != j.end()) {
            for (const Json& fj : *files) {
                InputFileFacts f;
                f.role = fj.at("role").get<std::string>();
                f.path = fj.at("path").get<std::string>();
                f.bytes = fj.at("bytes").is_null() ? 0 : fj.at("bytes").get<std::uint64_t>();
                facts.files.push_back(std::move(f));
            }
        }
        if (const auto it = j.find("certificates_omitted"); it != j.end()) facts.omitted = it->get<std::size_t>();
        s.facts = std::move(facts);
    }
    return s;
}

}  // namespace certcheck::render_detail
