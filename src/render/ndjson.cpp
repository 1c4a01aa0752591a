// The ndjson report: one compact subject object per line, streamable as subjects finish.
#include "certcheck/render.hpp"
#include "render/subject_json.hpp"

namespace certcheck {

void render_ndjson_subject(const SubjectReport& subject, const Report& run, std::ostream& out) {
    std::string line;
    line.reserve(4096);
    render_detail::append_subject_fields(line, subject);
    // A line stands alone: it carries the run fields a line-oriented consumer needs.
    line += ",\"profile\":";
    render_detail::append_json_string(line, run.profile);
    line += ",\"checked_at\":";
    render_detail::append_json_string(line, run.checked_at);
    line += "}\n";
    out << line;
}

void render_ndjson(const Report& report, std::ostream& out) {
    for (const SubjectReport& s : report.subjects) render_ndjson_subject(s, report, out);
}

}  // namespace certcheck
