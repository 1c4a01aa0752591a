// The ndjson report: one compact subject object per line, streamable as subjects finish.
#include "certcheck/render.hpp"
#include "render/subject_json.hpp"

namespace certcheck {

void render_ndjson_subject(const SubjectReport& subject, const Report& run, std::ostream& out) {
    render_detail::Json line = render_detail::subject_json(subject);
    // A line stands alone: it carries the run fields a line-oriented consumer needs.
    line["profile"] = run.profile;
    line["checked_at"] = run.checked_at;
    out << render_detail::dump(line, -1) << '\n';
}

void render_ndjson(const Report& report, std::ostream& out) {
    for (const SubjectReport& s : report.subjects) render_ndjson_subject(s, report, out);
}

}  // namespace certcheck
