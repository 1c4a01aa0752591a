#include "common/suggest.hpp"

#include <algorithm>

namespace certcheck {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment distance, three rows.
    std::vector<std::size_t> before(b.size() + 1);
    std::vector<std::size_t> prev(b.size() + 1);
    std::vector<std::size_t> cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
        }
        before.swap(prev);
        prev.swap(cur);
    }
    return prev[b.size()];
}

std::optional<std::string> closest_name(std::string_view word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    // Leading dashes are not part of the typo: "--x" against "--xy" is one edit in a word of 1.
    const std::size_t dashes = std::min(word.find_first_not_of('-'), word.size());
    const std::size_t letters = word.size() - dashes;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d == 0 || d > 2 || 2 * d > std::max<std::size_t>(letters, 2)) continue;
        if (!best || d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const auto best = closest_name(word, candidates);
    return best ? "; did you mean '" + *best + "'?" : std::string{};
}

}  // namespace certcheck
