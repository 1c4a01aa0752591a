// The engine: selects rules and runs each once per subject.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "certcheck/profile.hpp"
#include "certcheck/validator.hpp"

namespace certcheck {

// A bad selection (an unknown rule id): exit 2.
class SelectionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SelectedRule {
    const Validator* rule = nullptr;
    Severity severity = Severity::Error;
};

// The profile's rules, minus --skip, narrowed to --only, in catalogue order.
// Throws SelectionError for an unknown id (with a did-you-mean).
[[nodiscard]] std::vector<SelectedRule> select_rules(const Profile& profile,
                                                     const std::vector<std::string>& skip,
                                                     const std::vector<std::string>& only);

// One finding per selected rule, in the order given. A rule that throws yields an error finding naming it.
[[nodiscard]] std::vector<Finding> run_rules(const std::vector<SelectedRule>& rules, const Material& m,
                                             const Context& ctx);

}  // namespace certcheck
