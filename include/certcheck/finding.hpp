// Findings: the one result every selected rule produces for every subject.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace certcheck {

// Ordered by weight, so "at or above --fail-on" is a plain comparison.
enum class Status {
    NotApplicable = 0,
    Pass = 1,
    Warn = 2,
    Error = 3
};

// The only failing status a rule may report.
enum class Severity {
    Warn = 2,
    Error = 3
};

[[nodiscard]] constexpr Status to_status(Severity s) noexcept { return static_cast<Status>(s); }
[[nodiscard]] std::string_view to_string(Status s) noexcept;    // "pass", "warn", "error", "not-applicable"
[[nodiscard]] std::string_view to_string(Severity s) noexcept;  // "warn", "error"
[[nodiscard]] std::optional<Severity> parse_severity(std::string_view text) noexcept;

// Rule metadata: data only, no behaviour (zlint's LintMetadata).
struct RuleInfo {
    std::string_view id;        // kebab-case, unique
    Severity severity;          // default failing status
    std::string_view summary;   // one line
    std::string_view citation;  // the AWS document or RFC it enforces (see AWS-RULES.md)
    std::string_view hint;      // how to fix a failure, generic
};

struct Finding {
    std::string rule;
    Status status = Status::NotApplicable;
    std::string message;
    std::optional<std::string> hint;  // set for warn/error only
    std::optional<std::string> file;
    std::optional<int> line;
};

}  // namespace certcheck
