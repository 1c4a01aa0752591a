// The rule catalogue: every built-in rule, in catalogue order, from one explicit list.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/validator.hpp"

namespace certcheck {

[[nodiscard]] std::span<const std::unique_ptr<Validator>> builtin_rules();
[[nodiscard]] const Validator* find_rule(std::string_view id) noexcept;

// Every name among `known` near enough to `unknown`, nearest first (a mistyped rule id often has
// several near neighbours: chain-order, chain-complete), by common/suggest.hpp's edit_distance.
[[nodiscard]] std::vector<std::string> did_you_mean(std::string_view unknown,
                                                    std::span<const std::string_view> known);

}  // namespace certcheck
