// The report: pure data about a run (subjects, findings, summary). Renderers read it; nothing
// in it is decided by a renderer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "certcheck/facts.hpp"
#include "certcheck/finding.hpp"
#include "certcheck/rolesanywhere.hpp"

namespace certcheck {

enum class Verdict { Pass, Fail, Error };
[[nodiscard]] std::string_view to_string(Verdict v) noexcept;

struct SubjectInputs {
    std::string cert;
    std::optional<std::string> key;
    std::optional<std::string> chain;
};

struct SubjectReport {
    std::string name;
    SubjectInputs inputs;
    Verdict verdict = Verdict::Pass;
    std::optional<std::string> error;         // why the subject could not be checked
    std::vector<Finding> findings;            // one per selected rule, catalogue order
    std::optional<std::string> next_command;  // the upload command, when the subject passed
    std::vector<std::string> notes;           // caveats for the reader of a pass (text report only)
    std::vector<std::string> not_checked;     // what a missing input left unchecked (every verdict; text and json)
    std::optional<RolesAnywhereReport> roles_anywhere;  // the roles-anywhere profile: session preview, policy evaluation
    std::optional<SubjectFacts> facts;        // inventory: every certificate's facts, the files read (none for an error)
};

struct Summary {
    int subjects = 0;
    int passed = 0;
    int failed = 0;
    int errors = 0;

    void add(Verdict v) noexcept;
    [[nodiscard]] int exit_code() const noexcept;  // 0 all passed, 1 a subject failed, 2 a subject errored
};

struct Report {
    std::string tool = "certcheck";
    std::string version;
    std::string profile;
    std::string checked_at;  // RFC 3339, UTC
    Status fail_on = Status::Error;
    std::vector<SubjectReport> subjects;

    [[nodiscard]] Summary summary() const noexcept;
    [[nodiscard]] int exit_code() const noexcept;  // 0 all passed, 1 a subject failed, 2 a subject errored
};

// Fail when a finding is at or above fail_on.
[[nodiscard]] Verdict judge(const std::vector<Finding>& findings, Status fail_on) noexcept;

}  // namespace certcheck
