// The json report: one document per run, in exactly the shape SPEC section 3 gives.
#include "certcheck/render.hpp"
#include "render/subject_json.hpp"

namespace certcheck {

using render_detail::Json;

void render_json(const Report& report, std::ostream& out) {
    const Summary sum = report.summary();
    Json subjects = Json::array();
    for (const SubjectReport& s : report.subjects) subjects.push_back(render_detail::subject_json(s));
    const Json doc{{"tool", report.tool},
                   {"version", report.version},
                   {"profile", report.profile},
                   {"checked_at", report.checked_at},
                   {"summary", Json{{"subjects", sum.subjects}, {"passed", sum.passed}, {"failed", sum.failed}, {"errors", sum.errors}}},
                   {"subjects", std::move(subjects)}};
    // Invalid UTF-8 in a message (a certificate's odd name) is replaced, never thrown.
    out << render_detail::dump(doc, 2) << '\n';
}

}  // namespace certcheck
