// certcheck rules / certcheck profiles: the catalogue.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certcheck/profile.hpp"
#include "certcheck/registry.hpp"
#include "cli/options.hpp"

namespace certcheck::cli {
namespace {

std::vector<std::string> profiles_of(std::string_view id) {
    std::vector<std::string> out;
    for (const Profile& p : builtin_profiles()) {
        if (p.find(id) != nullptr) out.emplace_back(p.name);
    }
    return out;
}

}  // namespace

CLI::App* add_rules_command(CLI::App& app, RulesOptions& o) {
    CLI::App* cmd = app.add_subcommand("rules", "List the rule catalogue: id, severity, summary, citation, profiles");
    cmd->add_option("--profile", o.profile, "Only the rules of this profile, with its severities");
    cmd->add_option("--format", o.format, "Output format (ids: one rule id per line, for scripts and shell completion)")->check(CLI::IsMember({"text", "json", "ids"}))->capture_default_str();
    return cmd;
}

CLI::App* add_profiles_command(CLI::App& app, ProfilesOptions&) {
    return app.add_subcommand("profiles", "List the profiles (upload targets) and their rules");
}

int run_rules(const RulesOptions& o, Io& io) {
    const Profile* profile = nullptr;
    if (o.profile) {
        profile = find_profile(*o.profile);
        if (profile == nullptr) {
            io.err << "certcheck: error: --profile: " << safe_text(unknown_profile_message(*o.profile)) << '\n';
            return kExitUsage;
        }
    }
    nlohmann::ordered_json doc = nlohmann::ordered_json::array();
    for (const auto& rule : builtin_rules()) {
        const RuleInfo& info = rule->info();
        Severity sev = info.severity;
        if (profile != nullptr) {
            const ProfileRule* pr = profile->find(info.id);
            if (pr == nullptr) continue;
            if (pr->severity) sev = *pr->severity;
        }
        if (o.format == "ids") {
            io.out << info.id << '\n';
            continue;
        }
        const auto profiles = profiles_of(info.id);
        if (o.format == "json") {
            doc.push_back({{"id", info.id},
                           {"severity", to_string(sev)},
                           {"summary", info.summary},
                           {"citation", info.citation},
                           {"profiles", profiles}});
            continue;
        }
        std::string plist;
        for (const auto& p : profiles) plist += (plist.empty() ? "" : ", ") + p;
        io.out << fmt::format("{:<26} {:<5}  {}\n", info.id, to_string(sev), info.summary);
        io.out << fmt::format("{:<34}profiles: {}\n{:<34}source: {}\n", "", plist.empty() ? "-" : plist, "", info.citation);
    }
    if (o.format == "json") io.out << doc.dump(2) << '\n';
    return kExitPass;
}

int run_profiles(const ProfilesOptions&, Io& io) {
    for (const Profile& p : builtin_profiles()) {
        io.out << fmt::format("{:<16} {} ({} rules)\n", p.name, p.description, p.rules.size());
    }
    return kExitPass;
}

}  // namespace certcheck::cli
