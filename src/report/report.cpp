#include "certcheck/report.hpp"

#include <fmt/format.h>

namespace certcheck {

std::string_view to_string(Verdict v) noexcept {
    switch (v) {
        case Verdict::Pass: return "pass";
        case Verdict::Fail: return "fail";
        case Verdict::Error: return "error";
    }
    return "error";
}

Verdict judge(const std::vector<Finding>& findings, Status fail_on) noexcept {
    for (const Finding& f : findings) {
        if (f.status >= fail_on) return Verdict::Fail;
    }
    return Verdict::Pass;
}

void Summary::add(Verdict v) noexcept {
    ++subjects;
    switch (v) {
        case Verdict::Pass: ++passed; break;
        case Verdict::Fail: ++failed; break;
        case Verdict::Error: ++errors; break;
    }
}

int Summary::exit_code() const noexcept {
    if (errors > 0) return 2;
    if (failed > 0) return 1;
    return 0;
}

Summary Report::summary() const noexcept {
    Summary s;
    for (const SubjectReport& subject : subjects) s.add(subject.verdict);
    return s;
}

int Report::exit_code() const noexcept { return summary().exit_code(); }

std::string StatementResult::label() const {
    return sid.empty() ? fmt::format("statement {}", index + 1) : fmt::format("statement {} (Sid {})", index + 1, sid);
}

std::string_view to_string(PolicyVerdict v) noexcept {
    switch (v) {
        case PolicyVerdict::Allowed: return "allowed";
        case PolicyVerdict::Denied: return "denied";
        case PolicyVerdict::NotAllowed: return "not-allowed";
        case PolicyVerdict::Unknown: return "unknown";
        case PolicyVerdict::NoStatement: return "no-statement";
    }
    return "unknown";
}

}  // namespace certcheck
