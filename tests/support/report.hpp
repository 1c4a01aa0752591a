// Running `certcheck check ... --format json` and reading the findings of its first subject.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace certcheck::test {

// One json run of the binary: the raw result, the parsed report and subject 0's findings by rule.
struct Checked {
    RunResult run;
    nlohmann::json doc;
    std::map<std::string, std::string> status;   // rule -> status of subject 0
    std::map<std::string, std::string> message;  // rule -> message of subject 0
    std::map<std::string, std::string> hint;     // rule -> hint of subject 0 ("" when none)
    std::string describe;                        // the command line, for failure messages

    // The rule's status, or "<missing>" when the report has no finding for it.
    [[nodiscard]] std::string st(const std::string& rule) const;
    // The rule's message, or "<missing>" when the report has no finding for it.
    [[nodiscard]] std::string msg(const std::string& rule) const;
    // The command line with its stdout and stderr, for failure messages.
    [[nodiscard]] std::string context() const;
};

// Parses c.run.out into c.doc and subject 0's findings; fails the test (leaving them empty) when it
// is not a json report with at least one subject.
void parse_json_report(Checked& c);

// Runs `certcheck check ARGS --format json`, expects no timeout, and fails the test (returning what it
// has) when stdout is not a json report with at least one subject.
[[nodiscard]] Checked check_json_report(std::vector<std::string> args, int timeout_seconds);
// The same for another command (`certcheck COMMAND ARGS --format json`).
[[nodiscard]] Checked command_json_report(const std::string& command, std::vector<std::string> args, int timeout_seconds);

}  // namespace certcheck::test
