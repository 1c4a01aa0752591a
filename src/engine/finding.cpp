#include "certcheck/finding.hpp"
#include "certcheck/validator.hpp"

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

Result Result::pass(std::string message, std::optional<Location> where) {
    return Result{Kind::Pass, std::move(message), std::move(where), std::nullopt, std::nullopt};
}

Result Result::fail(std::string message, std::optional<Location> where, std::optional<std::string> hint) {
    return Result{Kind::Fail, std::move(message), std::move(where), std::move(hint), std::nullopt};
}

Result Result::fail_as(Severity sev, std::string message, std::optional<Location> where, std::optional<std::string> hint) {
    return Result{Kind::Fail, std::move(message), std::move(where), std::move(hint), sev};
}

Result Result::not_applicable(std::string message) {
    return Result{Kind::NotApplicable, std::move(message), std::nullopt, std::nullopt, std::nullopt};
}

Location at_file(const InputFile& f, std::optional<int> line) {
    if (line && *line <= 0) line.reset();
    return Location{f.path, line};
}

}  // namespace certcheck
