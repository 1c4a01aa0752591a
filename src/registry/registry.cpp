#include "certcheck/registry.hpp"

#include <algorithm>

#include "common/suggest.hpp"
#include "rules/rules.hpp"

namespace certcheck {

std::span<const std::unique_ptr<Validator>> builtin_rules() {
    static const std::vector<std::unique_ptr<Validator>> rules = rules::make_builtin_rules();
    return rules;
}

const Validator* find_rule(std::string_view id) noexcept {
    for (const auto& rule : builtin_rules()) {
        if (rule->info().id == id) return rule.get();
    }
    return nullptr;
}

std::vector<std::string> did_you_mean(std::string_view unknown, std::span<const std::string_view> known) {
    std::vector<std::pair<std::size_t, std::string_view>> scored;
    const std::size_t limit = std::max<std::size_t>(2, unknown.size() / 3);
    for (const auto k : known) {
        std::size_t d = edit_distance(unknown, k);
        // A known name that starts with, or contains, what was typed counts as close.
        if (k.find(unknown) != std::string_view::npos && unknown.size() >= 3) d = std::min<std::size_t>(d, 1);
        if (d <= limit) scored.emplace_back(d, k);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    out.reserve(scored.size());
    for (const auto& [d, k] : scored) out.emplace_back(k);
    return out;
}

}  // namespace certcheck
