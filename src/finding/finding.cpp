#include "certcheck/finding.hpp"

namespace certcheck {

std::string_view to_string(Status s) noexcept {
    switch (s) {
        case Status::NotApplicable: return "not-applicable";
        case Status::Pass: return "pass";
        case Status::Warn: return "warn";
        case Status::Error: return "error";
    }
    return "error";
}

std::string_view to_string(Severity s) noexcept { return s == Severity::Warn ? "warn" : "error"; }

std::optional<Severity> parse_severity(std::string_view text) noexcept {
    if (text == "warn" || text == "warning") return Severity::Warn;
    if (text == "error") return Severity::Error;
    return std::nullopt;
}

}  // namespace certcheck
