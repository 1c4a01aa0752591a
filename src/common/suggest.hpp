// "Did you mean": the closest of some known names to a mistyped one (ninja's habit).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certcheck {

// Edit distance counting insertions, deletions, substitutions and swaps of two neighbours.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is near enough to be a typo (at most 2 edits, and
// fewer than half of the word's length), else nothing. Ties go to the earlier candidate.
[[nodiscard]] std::optional<std::string> closest_name(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" (for the end of an "unknown ..." message).
[[nodiscard]] std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace certcheck
