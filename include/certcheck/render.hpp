// Renderers turn a Report into one output format. They never decide verdicts.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "certcheck/report.hpp"

namespace certcheck {

enum class Format { Text, Json, Ndjson, Junit, Sarif, Github };
[[nodiscard]] std::optional<Format> parse_format(std::string_view name) noexcept;

struct RenderOptions {
    bool color = false;    // ANSI colour (text only)
    bool verbose = false;  // list passes and not-applicable rules (text only)
    bool quiet = false;    // only failing findings (text only)
    bool show_inputs = false;  // name the key and chain each subject was paired with (text; scan)
};

void render_text(const Report& report, std::ostream& out, const RenderOptions& opts);
// The text report in pieces, for scans that stream: one subject, then the closing summary line.
void render_text_subject(const SubjectReport& subject, std::ostream& out, const RenderOptions& opts);
void render_text_summary(const Summary& summary, const Report& run, std::ostream& out, const RenderOptions& opts);
void render_json(const Report& report, std::ostream& out);
// ndjson: one compact json object per subject and line: the json format's subject object plus the
// run's "profile" and "checked_at". Scans call it to stream each subject as it finishes.
void render_ndjson_subject(const SubjectReport& subject, const Report& run, std::ostream& out);
void render_ndjson(const Report& report, std::ostream& out);
// junit: a <testsuite> per subject, a <testcase> per finding (JUnit XML, windyroad JUnit.xsd).
void render_junit(const Report& report, std::ostream& out);
// sarif: SARIF 2.1.0, one run; the rules in the findings in tool.driver.rules, warn/error as results.
void render_sarif(const Report& report, std::ostream& out);
// github: a GitHub Actions workflow command per warn/error finding, then a summary line.
void render_github(const Report& report, std::ostream& out);
void render(const Report& report, Format format, std::ostream& out, const RenderOptions& opts);

}  // namespace certcheck
