// The openmetrics report: the x509_cert_* gauges of x509-certificate-exporter (same names and
// label names, so its dashboards and alerts apply), plus certcheck_finding per failing rule and
// certcheck_subjects by verdict. A family's samples must be contiguous, so each family is
// collected in its own buffer as subjects arrive and written out at the end (linear in the
// subjects; the subjects themselves are not kept).
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "certcheck/render.hpp"
#include "common/x509util.hpp"
#include "common/utf8.hpp"
#include "render/spill.hpp"

namespace certcheck {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string_view base_name(std::string_view path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

void append_label_value(std::string& out, std::string_view v) {
    out += '"';
    std::size_t i = 0;
    while (i < v.size()) {
        const auto c = static_cast<unsigned char>(v[i]);
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c >= 0x80) {
            std::uint32_t cp = 0;
            const std::size_t len = utf8_decode(v, i, cp);
            if (len == 0) {
                out += kReplacement;
            } else {
                out.append(v.data() + i, len);
                i += len;
                continue;
            }
        } else {
            out += static_cast<char>(c);
        }
        ++i;
    }
    out += '"';
}

struct OpenMetricsWriter::State {
    std::time_t at = 0;
    Summary summary;
    render_detail::Spill labels;                        // one line per series: its label set, "{...} "
    std::vector<std::array<std::int64_t, 2>> times;     // per series: notBefore, notAfter
    std::unordered_map<std::size_t, std::size_t> seen;  // hash of a label set -> hash of its certificate's fingerprint
    render_detail::Spill findings;

    void add_certificate(const CertificateFacts& c, std::string_view endpoint);
};

OpenMetricsWriter::OpenMetricsWriter(const Report& run) : s_(std::make_unique<State>()) {
    s_->at = x509::parse_time(run.checked_at).value_or(0);
}

OpenMetricsWriter::~OpenMetricsWriter() = default;

// endpoint: the target that served the certificate ("" for one read from a file). Its series
// carry an endpoint label, filepath is the target too and filename is empty (no file).
void OpenMetricsWriter::State::add_certificate(const CertificateFacts& c, std::string_view endpoint) {
    std::string l = "{";
    if (!endpoint.empty()) {
        l += "endpoint=";
        append_label_value(l, endpoint);
        l += ',';
    }
    l += "filename=";
    append_label_value(l, endpoint.empty() ? base_name(c.file) : std::string_view{});
    l += ",filepath=";
    append_label_value(l, c.file);
    l += ",serial_number=";
    append_label_value(l, c.serial_decimal);
    const std::array<std::pair<const char*, const NameParts*>, 2> names{{{"subject", &c.subject_parts}, {"issuer", &c.issuer_parts}}};
    for (const auto& [prefix, p] : names) {
        for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"C", &p->C}, {"ST", &p->ST}, {"L", &p->L}, {"O", &p->O}, {"OU", &p->OU}, {"CN", &p->CN}}) {
            l += fmt::format(",{}_{}=", prefix, field);
            append_label_value(l, *value);
        }
    }
    // The same certificate in the same file (a CA bundle shared by many subjects) is one series.
    const std::hash<std::string_view> hash;
    const std::size_t fingerprint = hash(c.sha256);
    const auto [it, inserted] = seen.emplace(hash(l), fingerprint);
    if (!inserted) {
        if (it->second == fingerprint) return;
        // Another certificate with the very same labels: tell them apart, as the exporter does.
        l += ",discriminator=";
        append_label_value(l, c.sha256.substr(0, 23));
        if (!seen.emplace(hash(l), fingerprint).second) return;
    } else {
        l += ",discriminator=\"\"";
    }
    l += "} \n";  // label values never hold a raw newline: one series per line
    labels.append(l);
    times.push_back({c.not_before, c.not_after});
}

void OpenMetricsWriter::add(const SubjectReport& s) {
    s_->summary.add(s.verdict);
    if (s.facts) {
        std::string_view endpoint;
        for (const InputFileFacts& f : s.facts->files) {
            if (f.role == "endpoint") endpoint = f.path;
        }
        for (const CertificateFacts& c : s.facts->certificates) s_->add_certificate(c, endpoint);
    }
    const std::string& file = !s.inputs.cert.empty() ? s.inputs.cert : s.inputs.key.value_or(std::string{});
    std::string lines;
    const auto finding = [&](std::string_view rule, std::string_view status) {
        lines += "certcheck_finding{subject=";
        append_label_value(lines, s.name);
        lines += ",filepath=";
        append_label_value(lines, file);
        lines += ",rule=";
        append_label_value(lines, rule);
        lines += ",status=";
        append_label_value(lines, status);
        lines += "} 1\n";
    };
    for (const Finding& f : s.findings) {
        if (f.status == Status::Error || f.status == Status::Warn) finding(f.rule, to_string(f.status));
    }
    if (s.error) finding("", "error");
    if (!lines.empty()) s_->findings.append(lines);
}

void OpenMetricsWriter::finish(std::ostream& out, std::string_view extra_families) const {
    if (s_->labels.failed() || s_->findings.failed()) throw InputError("cannot write a temporary file for the openmetrics report (is TMPDIR full?)");
    std::string buf;
    buf.reserve(1 << 16);
    const auto flush = [&](bool force) {
        if (force || buf.size() >= (1 << 16) - 1024) {
            out << buf;
            buf.clear();
        }
    };
    const auto family = [&](std::string_view name, std::string_view help, auto value) {
        buf += fmt::format("# TYPE {} gauge\n# HELP {} {}\n", name, name, help);
        std::size_t i = 0;
        s_->labels.for_each_line([&](std::string_view labels) {
            buf += name;
            buf += labels;
            buf += std::to_string(value(s_->times[i++]));
            buf += '\n';
            flush(false);
        });
    };
    using Times = std::array<std::int64_t, 2>;
    family("x509_cert_not_before", "The certificate's notBefore, in seconds since the epoch.", [](const Times& t) { return t[0]; });
    family("x509_cert_not_after", "The certificate's notAfter, in seconds since the epoch.", [](const Times& t) { return t[1]; });
    const auto at = static_cast<std::int64_t>(s_->at);
    family("x509_cert_expired", "1 when the certificate's notAfter is before the run's --at time, else 0.",
           [at](const Times& t) { return t[1] < at ? 1 : 0; });
    buf +=
        "# TYPE certcheck_finding gauge\n"
        "# HELP certcheck_finding 1 for each rule that failed (status error or warn) on a subject; rule is empty when the subject could not be checked.\n";
    flush(true);
    s_->findings.copy_to(out);
    const Summary& sum = s_->summary;
    out << "# TYPE certcheck_subjects gauge\n"
           "# HELP certcheck_subjects Subjects checked, by verdict.\n"
        << "certcheck_subjects{verdict=\"pass\"} " << sum.passed << '\n'
        << "certcheck_subjects{verdict=\"fail\"} " << sum.failed << '\n'
        << "certcheck_subjects{verdict=\"error\"} " << sum.errors << '\n'
        << extra_families << "# EOF\n";
}

void render_openmetrics(const Report& report, std::ostream& out) {
    OpenMetricsWriter w(report);
    for (const SubjectReport& s : report.subjects) w.add(s);
    w.finish(out);
}

}  // namespace certcheck
