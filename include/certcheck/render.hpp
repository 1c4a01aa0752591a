// Renderers turn a Report into one output format. They never decide verdicts.
#pragma once

#include <ctime>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <ostream>
#include <string_view>

#include "certcheck/report.hpp"

namespace certcheck {

enum class Format {
    Text,
    Json,
    Ndjson,
    Junit,
    Sarif,
    Github,
    OpenMetrics,
    Html
};
[[nodiscard]] std::optional<Format> parse_format(std::string_view name) noexcept;

struct RenderOptions {
    bool color = false;              // ANSI colour (text only)
    bool verbose = false;            // list passes and not-applicable rules (text only)
    bool quiet = false;              // only failing findings (text only): those at or above fail_on
    Status fail_on = Status::Error;  // --fail-on, for quiet
    bool show_inputs = false;        // name the key and chain each subject was paired with (text; scan)
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
// openmetrics: the OpenMetrics text format (docs/monitoring.md): x509_cert_not_before, x509_cert_not_after
// and x509_cert_expired with x509-certificate-exporter's labels, certcheck_finding, certcheck_subjects, # EOF.
void render_openmetrics(const Report& report, std::ostream& out);
// The same, fed one subject at a time (scans, the exporter): add() each, then finish().
class OpenMetricsWriter {
public:
    explicit OpenMetricsWriter(const Report& run);  // the run's checked_at decides x509_cert_expired
    ~OpenMetricsWriter();
    OpenMetricsWriter(const OpenMetricsWriter&) = delete;
    OpenMetricsWriter& operator=(const OpenMetricsWriter&) = delete;
    void add(const SubjectReport& subject);
    // Writes every family, then extra_families (complete "# TYPE ..." blocks), then "# EOF".
    void finish(std::ostream& out, std::string_view extra_families = {}) const;

    struct State;  // openmetrics.cpp: the series so far (in memory, then in a temporary file)

private:
    std::unique_ptr<State> s_;
};
// A label value in the exposition format: quoted, with \\, \" and \n escaped and invalid UTF-8 replaced.
void append_label_value(std::string& out, std::string_view value);
// html: one self-contained page (no network): summary, sortable subject table, expiry timeline, findings.
void render_html(const Report& report, std::ostream& out);
// The same, fed one subject at a time (scans): only a short row per subject stays in memory.
class HtmlWriter {
public:
    explicit HtmlWriter(const Report& run);  // profile, checked_at, version
    ~HtmlWriter();
    HtmlWriter(const HtmlWriter&) = delete;
    HtmlWriter& operator=(const HtmlWriter&) = delete;
    void add(const SubjectReport& subject);
    void finish(std::ostream& out) const;

    struct State;  // html.cpp

private:
    std::unique_ptr<State> s_;
};
void render(const Report& report, Format format, std::ostream& out, const RenderOptions& opts);

}  // namespace certcheck
