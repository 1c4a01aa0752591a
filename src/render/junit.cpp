// The junit report: JUnit XML as CI systems read it, valid against windyroad's JUnit.xsd
// (tests/schemas/JUnit.xsd): a <testsuite> per subject, a <testcase> per finding.
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "certcheck/render.hpp"
#include "common/utf8.hpp"

namespace certcheck {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
bool xml_char(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

// Escapes text for an attribute value (attribute = true) or element content. & < > become
// entities everywhere, " and ' in attributes; tab and newline become character references in
// attributes (so attribute-value normalisation keeps them) and \r does everywhere; characters
// XML 1.0 does not allow (C0 controls, U+FFFE, U+FFFF) and malformed UTF-8 become U+FFFD.
std::string xml(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8_decode(text, i, cp);
        if (len == 0) {
            out += kReplacement;
            ++i;
            continue;
        }
        if (!xml_char(cp)) {
            out += kReplacement;
        } else {
            switch (cp) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += attribute ? "&quot;" : "\""; break;
                case '\'': out += attribute ? "&apos;" : "'"; break;
                case '\r': out += "&#13;"; break;
                case '\t': out += attribute ? "&#9;" : "\t"; break;
                case '\n': out += attribute ? "&#10;" : "\n"; break;
                default: out.append(text.substr(i, len));
            }
        }
        i += len;
    }
    return out;
}

std::string attr(std::string_view text) { return xml(text, true); }
std::string content(std::string_view text) { return xml(text, false); }

// xs:token with minLength 1: never empty or all blanks.
std::string token(std::string_view text, std::string_view fallback) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos ? std::string{fallback} : std::string{text};
}

// The schema's timestamp is an xs:dateTime without a time zone: checked_at (UTC) without its "Z".
std::string timestamp(std::string_view checked_at) {
    constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:dd";
    bool ok = checked_at.size() >= kPattern.size();
    for (std::size_t i = 0; ok && i < kPattern.size(); ++i) {
        const char c = checked_at[i];
        ok = kPattern[i] == 'd' ? (c >= '0' && c <= '9') : c == kPattern[i];
    }
    return ok ? std::string{checked_at.substr(0, kPattern.size())} : std::string{"1970-01-01T00:00:00"};
}

std::string where(const Finding& f) {
    if (!f.file) return {};
    if (f.line) return fmt::format("{}:{}", *f.file, *f.line);
    return *f.file;
}

// The failure's text: the message, where, and the hint.
std::string details(const Finding& f) {
    std::string text = f.message;
    if (f.file) text += "\nat " + where(f);
    if (f.hint) text += "\nhint: " + *f.hint;
    return text;
}

void render_suite(const Report& report, const SubjectReport& s, int id, std::ostream& out) {
    const std::string classname = attr("certcheck." + token(report.profile, "default"));
    const std::string name = attr(token(s.name, token(s.inputs.cert, "subject")));
    std::string cases;
    std::string notes;
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    if (s.verdict == Verdict::Error) {
        ++tests;
        ++errors;
        const std::string message = s.error.value_or("could not be checked");
        cases += fmt::format(
            "    <testcase name=\"check\" classname=\"{}\" time=\"0\">\n"
            "      <error message=\"{}\" type=\"error\">{}: {}</error>\n"
            "    </testcase>\n",
            classname, attr(message), content(s.inputs.cert.empty() ? s.name : s.inputs.cert), content(message));
    } else {
        for (const Finding& f : s.findings) {
            ++tests;
            const std::string open =
                fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"0\"", attr(token(f.rule, "rule")), classname);
            const bool fails = f.status == Status::Error || (f.status == Status::Warn && report.fail_on == Status::Warn);
            if (fails) {
                ++failures;
                cases += fmt::format("{}>\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n", open,
                                     attr(f.message), f.status == Status::Error ? "error" : "warning", content(details(f)));
            } else if (f.status == Status::NotApplicable) {
                ++skipped;
                cases += fmt::format("{}>\n      <skipped message=\"{}\"/>\n    </testcase>\n", open, attr(f.message));
            } else {
                // A warning below --fail-on passes; the schema allows no <system-out> in a testcase,
                // so its note goes to the suite's <system-out>.
                if (f.status == Status::Warn) notes += fmt::format("warning [{}]: {}\n", f.rule, details(f));
                cases += open + "/>\n";
            }
        }
    }
    out << fmt::format(
        "  <testsuite name=\"{}\" package=\"{}\" id=\"{}\" timestamp=\"{}\" hostname=\"localhost\" "
        "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">\n",
        name, classname, id, timestamp(report.checked_at), tests, failures, errors, skipped);
    out << "    <properties>\n";
    const auto property = [&out](std::string_view key, std::string_view value) {
        out << fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", key, attr(value));
    };
    property("profile", report.profile);
    property("checked_at", report.checked_at);
    property("verdict", to_string(s.verdict));
    property("cert", s.inputs.cert);
    if (s.inputs.key) property("key", *s.inputs.key);
    if (s.inputs.chain) property("chain", *s.inputs.chain);
    out << "    </properties>\n";
    out << cases;
    out << "    <system-out>" << content(notes) << "</system-out>\n";
    out << "    <system-err></system-err>\n";
    out << "  </testsuite>\n";
}

}  // namespace

void render_junit(const Report& report, std::ostream& out) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
    int id = 0;
    for (const SubjectReport& s : report.subjects) render_suite(report, s, id++, out);
    out << "</testsuites>\n";
}

}  // namespace certcheck
