// The json report: one document per run, in exactly the shape SPEC section 3 gives.
#include <nlohmann/json.hpp>

#include "certcheck/render.hpp"

namespace certcheck {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json or_null(const std::optional<T>& v) {
    return v ? Json(*v) : Json(nullptr);
}

Json subject_json(const SubjectReport& s) {
    Json findings = Json::array();
    for (const Finding& f : s.findings) {
        findings.push_back(Json{{"rule", f.rule},
                                {"status", std::string{to_string(f.status)}},
                                {"message", f.message},
                                {"hint", or_null(f.hint)},
                                {"file", or_null(f.file)},
                                {"line", or_null(f.line)}});
    }
    return Json{{"name", s.name},
                {"inputs", Json{{"cert", s.inputs.cert}, {"key", or_null(s.inputs.key)}, {"chain", or_null(s.inputs.chain)}}},
                {"verdict", std::string{to_string(s.verdict)}},
                {"error", or_null(s.error)},
                {"findings", std::move(findings)}};
}

}  // namespace

void render_json(const Report& report, std::ostream& out) {
    const Summary sum = report.summary();
    Json subjects = Json::array();
    for (const SubjectReport& s : report.subjects) subjects.push_back(subject_json(s));
    const Json doc{{"tool", report.tool},
                   {"version", report.version},
                   {"profile", report.profile},
                   {"checked_at", report.checked_at},
                   {"summary", Json{{"subjects", sum.subjects}, {"passed", sum.passed}, {"failed", sum.failed}, {"errors", sum.errors}}},
                   {"subjects", std::move(subjects)}};
    // Invalid UTF-8 in a message (a certificate's odd name) is replaced, never thrown.
    out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

std::optional<Format> parse_format(std::string_view name) noexcept {
    if (name == "text") return Format::Text;
    if (name == "json") return Format::Json;
    return std::nullopt;
}

void render(const Report& report, Format format, std::ostream& out, const RenderOptions& opts) {
    switch (format) {
        case Format::Text: render_text(report, out, opts); return;
        case Format::Json: render_json(report, out); return;
    }
}

}  // namespace certcheck
