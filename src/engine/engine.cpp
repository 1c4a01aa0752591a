#include "certcheck/engine.hpp"

#include <algorithm>
#include <exception>

#include <fmt/format.h>

#include "certcheck/registry.hpp"

namespace certcheck {
namespace {

std::vector<std::string_view> all_ids() {
    std::vector<std::string_view> ids;
    for (const auto& rule : builtin_rules()) ids.push_back(rule->info().id);
    return ids;
}

void require_known(const std::string& id, std::string_view flag) {
    if (find_rule(id) != nullptr) return;
    const auto ids = all_ids();
    const auto close = did_you_mean(id, ids);
    std::string msg = fmt::format("{}: unknown rule '{}'", flag, id);
    if (!close.empty()) msg += fmt::format(" (did you mean '{}'?)", close.front());
    msg += "; 'certcheck rules' lists them";
    throw SelectionError(msg);
}

bool contains(const std::vector<std::string>& v, std::string_view id) {
    return std::find(v.begin(), v.end(), id) != v.end();
}

Finding to_finding(const RuleInfo& info, Severity severity, Result r) {
    Finding f;
    f.rule = std::string{info.id};
    f.message = std::move(r.message);
    if (r.where) {
        f.file = std::move(r.where->file);
        f.line = r.where->line;
    }
    switch (r.kind) {
        case Result::Kind::Pass: f.status = Status::Pass; break;
        case Result::Kind::NotApplicable: f.status = Status::NotApplicable; break;
        case Result::Kind::Fail:
            f.status = to_status(r.severity && *r.severity < severity ? *r.severity : severity);
            f.hint = r.hint ? std::move(*r.hint) : std::string{info.hint};
            break;
    }
    return f;
}

}  // namespace

std::vector<SelectedRule> select_rules(const Profile& profile, const std::vector<std::string>& skip,
                                       const std::vector<std::string>& only) {
    for (const auto& id : skip) require_known(id, "--skip");
    for (const auto& id : only) require_known(id, "--only");
    std::vector<SelectedRule> out;
    for (const auto& rule : builtin_rules()) {
        const std::string_view id = rule->info().id;
        const ProfileRule* in_profile = profile.find(id);
        if (!only.empty() ? !contains(only, id) : in_profile == nullptr) continue;
        if (contains(skip, id)) continue;
        Severity sev = rule->info().severity;
        if (in_profile != nullptr && in_profile->severity) sev = *in_profile->severity;
        out.push_back({rule.get(), sev});
    }
    return out;
}

std::vector<Finding> run_rules(const std::vector<SelectedRule>& rules, const Material& m, const Context& ctx) {
    std::vector<Finding> out;
    out.reserve(rules.size());
    for (const SelectedRule& sel : rules) {
        const RuleInfo& info = sel.rule->info();
        try {
            if (!sel.rule->applies(m, ctx)) {
                out.push_back(to_finding(info, sel.severity,
                                         Result::not_applicable(std::string{sel.rule->not_applicable_reason()})));
                continue;
            }
            out.push_back(to_finding(info, sel.severity, sel.rule->check(m, ctx)));
        } catch (const std::exception& e) {
            Finding f;
            f.rule = std::string{info.id};
            f.status = Status::Error;
            f.message = fmt::format("internal error in rule {}: {}", info.id, e.what());
            f.hint = "this is a certcheck bug; please report it with the command you ran";
            out.push_back(std::move(f));
        } catch (...) {
            Finding f;
            f.rule = std::string{info.id};
            f.status = Status::Error;
            f.message = fmt::format("internal error in rule {}", info.id);
            f.hint = "this is a certcheck bug; please report it with the command you ran";
            out.push_back(std::move(f));
        }
    }
    return out;
}

}  // namespace certcheck
