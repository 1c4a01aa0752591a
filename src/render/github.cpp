// The github report: a GitHub Actions workflow command (::error / ::warning) per warn/error
// finding, which the runner turns into an annotation, then one plain summary line.
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "certcheck/render.hpp"
#include "common/escape.hpp"

namespace certcheck {
namespace {

// The workflow-command escaping: in the message, % CR LF; in a property value, also : and ,.
// safe_text first: no control, bidi override or line separator from a file or a certificate
// reaches the log (CR and LF become \r and \n there, so no value can start a line).
std::string escape(std::string_view raw, bool property) {
    const std::string text = safe_text(raw);
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += property ? "%3A" : ":"; break;
            case ',': out += property ? "%2C" : ","; break;
            default: out += c;
        }
    }
    return out;
}

std::string wf_data(std::string_view text) { return escape(text, false); }
std::string wf_prop(std::string_view text) { return escape(text, true); }

// The subject's body file, where findings about no one file and could-not-check errors are shown.
const std::string& body_file(const SubjectReport& s) { return s.inputs.cert.empty() ? s.name : s.inputs.cert; }

}  // namespace

void render_github(const Report& report, std::ostream& out) {
    int errors = 0;
    int warnings = 0;
    for (const SubjectReport& s : report.subjects) {
        if (s.verdict == Verdict::Error) {
            out << fmt::format("::error file={},title=certcheck::{}\n", wf_prop(body_file(s)),
                               wf_data(fmt::format("{} could not be checked: {}", s.name, s.error.value_or("unknown error"))));
            continue;
        }
        for (const Finding& f : s.findings) {
            if (f.status != Status::Error && f.status != Status::Warn) continue;
            (f.status == Status::Error ? errors : warnings) += 1;
            // A finding about no one file (a request parameter) is annotated on the subject's body.
            std::string props = "file=" + wf_prop(f.file.value_or(body_file(s)));
            if (f.file && f.line) props += fmt::format(",line={}", *f.line);
            props += ",title=" + wf_prop("certcheck " + f.rule);
            const std::string message = f.hint ? fmt::format("{} (hint: {})", f.message, *f.hint) : f.message;
            out << fmt::format("::{} {}::{}\n", f.status == Status::Error ? "error" : "warning", props, wf_data(message));
        }
    }
    const Summary sum = report.summary();
    out << fmt::format("certcheck: {} subject{}: {} passed, {} failed, {} could not be checked; {} error{}, {} warning{} ({} profile)\n",
                       sum.subjects, sum.subjects == 1 ? "" : "s", sum.passed, sum.failed, sum.errors, errors,
                       errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", wf_data(report.profile));
}

}  // namespace certcheck
