// The text report: one line per failing or warning finding, its hint, then a summary.
#include <fmt/format.h>

#include "certcheck/render.hpp"
#include "common/escape.hpp"
#include "render/roles_anywhere.hpp"

namespace certcheck {
namespace {

struct Palette {
    std::string_view red, yellow, green, dim, bold, reset;
};
constexpr Palette kColour{"\033[31m", "\033[33m", "\033[32m", "\033[2m", "\033[1m", "\033[0m"};
constexpr Palette kPlain{"", "", "", "", "", ""};

// Every value from a file name or a certificate goes through safe_text (or safe_line_start when
// it begins a line): no control character, bidi override or leading "::" reaches the output.
std::string where(const Finding& f) {
    if (!f.file) return "certcheck";
    if (f.line) return fmt::format("{}:{}", safe_line_start(*f.file), *f.line);
    return safe_line_start(*f.file);
}

std::string_view word(Status s) {
    switch (s) {
        case Status::Error: return "error";
        case Status::Warn: return "warning";
        case Status::Pass: return "pass";
        case Status::NotApplicable: return "not-applicable";
    }
    return "error";
}

void render_subject(const SubjectReport& s, std::ostream& out, const RenderOptions& opts, const Palette& p) {
    if (s.verdict == Verdict::Error) {
        out << fmt::format("{}: {}error{}: {}\n", safe_line_start(s.name), p.red, p.reset,
                           safe_text(s.error.value_or("could not be checked")));
        return;
    }
    int errors = 0;
    int warnings = 0;
    int passed = 0;
    int skipped = 0;
    for (const Finding& f : s.findings) {
        switch (f.status) {
            case Status::Error: ++errors; break;
            case Status::Warn: ++warnings; break;
            case Status::Pass: ++passed; break;
            case Status::NotApplicable: ++skipped; break;
        }
        const bool failing = f.status == Status::Error || f.status == Status::Warn;
        if (!failing && !opts.verbose) continue;
        if (opts.quiet && f.status < opts.fail_on) continue;  // -q: only what fails the run (a warning only with --fail-on warn)
        std::string_view colour = p.dim;
        if (f.status == Status::Error) colour = p.red;
        else if (f.status == Status::Warn) colour = p.yellow;
        else if (f.status == Status::Pass) colour = p.green;
        out << fmt::format("{}: {}{}{}: {} [{}]\n", where(f), colour, word(f.status), p.reset, safe_text(f.message), f.rule);
        if (failing && f.hint && !opts.quiet) out << fmt::format("    {}hint: {}{}\n", p.dim, safe_text(*f.hint), p.reset);
    }
    if (opts.quiet) return;
    const std::string counts = fmt::format("{} error{}, {} warning{}, {} passed, {} not applicable", errors,
                                           errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", passed, skipped);
    if (s.verdict == Verdict::Pass) {
        out << fmt::format("{}{}PASS{} {}: {}\n", p.bold, p.green, p.reset, safe_text(s.name), counts);
    } else {
        out << fmt::format("{}{}FAIL{} {}: {}\n", p.bold, p.red, p.reset, safe_text(s.name), counts);
    }
    if (opts.show_inputs) {
        out << fmt::format("    {}checked with key: {}; chain: {}{}\n", p.dim, safe_text(s.inputs.key.value_or("none found")),
                           safe_text(s.inputs.chain.value_or("none found")), p.reset);
    }
    if (s.next_command) out << fmt::format("next: {}\n", safe_text(*s.next_command));
    for (const std::string& what : s.not_checked) out << fmt::format("not checked: {}\n", safe_text(what));
    for (const std::string& note : s.notes) out << fmt::format("note: {}\n", safe_text(note));
    if (s.roles_anywhere) render_detail::roles_anywhere_text(*s.roles_anywhere, out, opts.verbose);
}

}  // namespace

void render_text_subject(const SubjectReport& subject, std::ostream& out, const RenderOptions& opts) {
    render_subject(subject, out, opts, opts.color ? kColour : kPlain);
}

void render_text_summary(const Summary& sum, const Report& run, std::ostream& out, const RenderOptions& opts) {
    if (sum.subjects <= 1 || opts.quiet) return;
    out << fmt::format("{} subjects: {} passed, {} failed, {} could not be checked ({} profile, checked at {})\n",
                       sum.subjects, sum.passed, sum.failed, sum.errors, safe_text(run.profile), run.checked_at);
}

void render_text(const Report& report, std::ostream& out, const RenderOptions& opts) {
    for (const SubjectReport& s : report.subjects) render_text_subject(s, out, opts);
    render_text_summary(report.summary(), report, out, opts);
}

}  // namespace certcheck
