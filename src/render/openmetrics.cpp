// The openmetrics report: the x509_cert_* gauges of x509-certificate-exporter (same names and
// label names, so its dashboards and alerts apply), plus certcheck_finding per failing rule and
// certcheck_subjects by verdict. A family's samples must be contiguous, so each family is
// collected in its own buffer as subjects arrive and written out at the end (linear in the
// subjects; the subjects themselves are not kept).
#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "certcheck/render.hpp"
#include "common/x509util.hpp"
#include "load/utf8.hpp"

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

OpenMetricsWriter::OpenMetricsWriter(const Report& run) {
    at_ = x509::parse_time(run.checked_at).value_or(0);
}

void OpenMetricsWriter::add_certificate(const CertificateFacts& c) {
    std::string labels = "{filename=";
    append_label_value(labels, base_name(c.file));
    labels += ",filepath=";
    append_label_value(labels, c.file);
    labels += ",serial_number=";
    append_label_value(labels, c.serial_decimal);
    const std::array<std::pair<const char*, const NameParts*>, 2> names{{{"subject", &c.subject_parts}, {"issuer", &c.issuer_parts}}};
    for (const auto& [prefix, p] : names) {
        for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"C", &p->C}, {"ST", &p->ST}, {"L", &p->L},
                                           {"O", &p->O}, {"OU", &p->OU}, {"CN", &p->CN}}) {
            labels += fmt::format(",{}_{}=", prefix, field);
            append_label_value(labels, *value);
        }
    }
    // The same certificate in the same file (a CA bundle shared by many subjects) is one series.
    const std::hash<std::string_view> hash;
    const std::size_t fingerprint = hash(c.sha256);
    const auto [it, inserted] = seen_.emplace(hash(labels), fingerprint);
    if (!inserted) {
        if (it->second == fingerprint) return;
        // Another certificate with the very same labels: tell them apart, as the exporter does.
        labels += ",discriminator=";
        append_label_value(labels, c.sha256.substr(0, 23));
        if (!seen_.emplace(hash(labels), fingerprint).second) return;
    } else {
        labels += ",discriminator=\"\"";
    }
    labels += "} ";
    series_.push_back({labels_.size(), labels.size(), c.not_before, c.not_after});
    labels_ += labels;
}

void OpenMetricsWriter::add(const SubjectReport& s) {
    summary_.add(s.verdict);
    if (s.facts) {
        for (const CertificateFacts& c : s.facts->certificates) add_certificate(c);
    }
    const std::string& file = !s.inputs.cert.empty() ? s.inputs.cert : s.inputs.key.value_or(std::string{});
    for (const Finding& f : s.findings) {
        if (f.status != Status::Error && f.status != Status::Warn) continue;
        findings_ += "certcheck_finding{subject=";
        append_label_value(findings_, s.name);
        findings_ += ",filepath=";
        append_label_value(findings_, file);
        findings_ += ",rule=";
        append_label_value(findings_, f.rule);
        findings_ += ",status=";
        append_label_value(findings_, to_string(f.status));
        findings_ += "} 1\n";
    }
    if (s.error) {
        findings_ += "certcheck_finding{subject=";
        append_label_value(findings_, s.name);
        findings_ += ",filepath=";
        append_label_value(findings_, file);
        findings_ += ",rule=\"\",status=\"error\"} 1\n";
    }
}

void OpenMetricsWriter::finish(std::ostream& out, std::string_view extra_families) const {
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
        for (const Series& s : series_) {
            buf += name;
            buf.append(labels_, s.offset, s.length);
            buf += std::to_string(value(s));
            buf += '\n';
            flush(false);
        }
    };
    family("x509_cert_not_before", "The certificate's notBefore, in seconds since the epoch.", [](const Series& s) { return s.not_before; });
    family("x509_cert_not_after", "The certificate's notAfter, in seconds since the epoch.", [](const Series& s) { return s.not_after; });
    const auto at = static_cast<std::int64_t>(at_);
    family("x509_cert_expired", "1 when the certificate's notAfter is before the run's --at time, else 0.",
           [at](const Series& s) { return s.not_after < at ? 1 : 0; });
    flush(true);
    out << "# TYPE certcheck_finding gauge\n"
           "# HELP certcheck_finding 1 for each rule that failed (status error or warn) on a subject; rule is empty when the subject could not be checked.\n"
        << findings_
        << "# TYPE certcheck_subjects gauge\n"
           "# HELP certcheck_subjects Subjects checked, by verdict.\n"
        << "certcheck_subjects{verdict=\"pass\"} " << summary_.passed << '\n'
        << "certcheck_subjects{verdict=\"fail\"} " << summary_.failed << '\n'
        << "certcheck_subjects{verdict=\"error\"} " << summary_.errors << '\n'
        << extra_families << "# EOF\n";
}

void render_openmetrics(const Report& report, std::ostream& out) {
    OpenMetricsWriter w(report);
    for (const SubjectReport& s : report.subjects) w.add(s);
    w.finish(out);
}

}  // namespace certcheck
