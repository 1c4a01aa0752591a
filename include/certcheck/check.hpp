// The check pipeline for one subject: read the inputs, load, run the selected rules, judge.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "certcheck/engine.hpp"
#include "certcheck/material.hpp"
#include "certcheck/profile.hpp"
#include "certcheck/report.hpp"

namespace certcheck {

struct CheckInputs {
    std::string cert;
    std::optional<std::string> key;
    std::optional<std::string> chain;
    Request request;
};

// Throws InputError when an input cannot be read at all.
[[nodiscard]] SubjectReport check_subject(const CheckInputs& inputs, const Profile& profile,
                                          const std::vector<SelectedRule>& rules, const Context& ctx,
                                          Status fail_on);

// What a checked subject's report carries besides its findings and verdict: the inventory facts,
// the Roles Anywhere session preview and policy evaluation, and on a pass the command to run next
// with its caveats. check and scan both finish their subjects with it.
void finish_subject(SubjectReport& report, const Material& m, const Profile& profile, const std::vector<SelectedRule>& rules,
                    const Context& ctx);

// The command to run next on a pass, e.g. aws iam upload-server-certificate ... (paths as given).
// anchor_arn: --trust-anchor-arn, for the roles-anywhere credential helper command.
[[nodiscard]] std::string upload_command(const Profile& profile, const SubjectInputs& inputs, const Material& m,
                                         const std::optional<std::string>& anchor_arn = std::nullopt);

}  // namespace certcheck
