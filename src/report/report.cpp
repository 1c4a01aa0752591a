#include "certcheck/report.hpp"

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

Summary Report::summary() const noexcept {
    Summary s;
    for (const SubjectReport& subject : subjects) {
        ++s.subjects;
        switch (subject.verdict) {
            case Verdict::Pass: ++s.passed; break;
            case Verdict::Fail: ++s.failed; break;
            case Verdict::Error: ++s.errors; break;
        }
    }
    return s;
}

int Report::exit_code() const noexcept {
    const Summary s = summary();
    if (s.errors > 0) return 2;
    if (s.failed > 0) return 1;
    return 0;
}

}  // namespace certcheck
