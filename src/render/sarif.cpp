// The sarif report: SARIF 2.1.0 (OASIS), one run, the rules of the report's findings in
// tool.driver.rules and a result per warn/error finding. Same report in, same bytes out.
#include <map>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "certcheck/registry.hpp"
#include "certcheck/render.hpp"
#include "render/subject_json.hpp"

namespace certcheck {
namespace {

using render_detail::Json;

constexpr std::string_view kSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

std::string_view level(Status s) { return s == Status::Error ? "error" : "warning"; }

// A file path as a URI reference (RFC 3986): relative paths stay relative (resolved against
// %SRCROOT%), absolute ones become file:// URIs; anything outside the unreserved and path
// characters is percent-encoded (':' too, so a relative path never reads as a scheme).
Json artifact_location(const std::string& path) {
    std::string encoded;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           std::string_view{"-._~/!$&'()*+,;=@"}.find(ch) != std::string_view::npos;
        encoded += plain ? std::string(1, ch) : fmt::format("%{:02X}", c);
    }
    if (!path.empty() && path.front() == '/') return Json{{"uri", "file://" + encoded}};
    return Json{{"uri", encoded}, {"uriBaseId", "%SRCROOT%"}};
}

Json location(const std::string& file, std::optional<int> line) {
    Json physical{{"artifactLocation", artifact_location(file)}};
    if (line && *line >= 1) physical["region"] = Json{{"startLine", *line}};
    return Json{{"physicalLocation", std::move(physical)}};
}

// The subject's body file, where findings about no one file and could-not-check errors are shown.
const std::string& body_file(const SubjectReport& s) { return s.inputs.cert.empty() ? s.name : s.inputs.cert; }

Json rule_descriptor(const std::string& id, Status seen) {
    const Validator* v = find_rule(id);
    if (v == nullptr) {
        // Not in the catalogue (a rule the report names that this build does not know).
        return Json{{"id", id}, {"defaultConfiguration", Json{{"level", level(seen)}}}};
    }
    const RuleInfo& info = v->info();
    return Json{{"id", id},
                {"shortDescription", Json{{"text", info.summary}}},
                {"fullDescription", Json{{"text", fmt::format("{}. Source: {}", info.summary, info.citation)}}},
                {"help", Json{{"text", fmt::format("How to fix: {}. Source: {}", info.hint, info.citation)}}},
                {"defaultConfiguration", Json{{"level", level(to_status(info.severity))}}}};
}

}  // namespace

void render_sarif(const Report& report, std::ostream& out) {
    // The rules that appear in the findings: catalogue order, then any unknown ones as first seen.
    std::map<std::string, Status, std::less<>> seen;
    std::vector<std::string> unknown;
    for (const SubjectReport& s : report.subjects) {
        for (const Finding& f : s.findings) {
            const auto [it, inserted] = seen.emplace(f.rule, f.status);
            if (!inserted && f.status > it->second) it->second = f.status;
            if (inserted && find_rule(f.rule) == nullptr) unknown.push_back(f.rule);
        }
    }
    std::vector<std::string> order;
    for (const auto& rule : builtin_rules()) {
        if (seen.contains(rule->info().id)) order.emplace_back(rule->info().id);
    }
    order.insert(order.end(), unknown.begin(), unknown.end());
    std::map<std::string, int, std::less<>> index;
    Json rules = Json::array();
    for (const std::string& id : order) {
        index.emplace(id, static_cast<int>(rules.size()));
        rules.push_back(rule_descriptor(id, seen.at(id)));
    }

    Json results = Json::array();
    Json notifications = Json::array();
    for (const SubjectReport& s : report.subjects) {
        if (s.verdict == Verdict::Error) {
            notifications.push_back(Json{{"level", "error"},
                                         {"message", Json{{"text", fmt::format("{}: {}", s.name, s.error.value_or("could not be checked"))}}},
                                         {"locations", Json::array({location(body_file(s), std::nullopt)})}});
            continue;
        }
        for (const Finding& f : s.findings) {
            if (f.status != Status::Error && f.status != Status::Warn) continue;
            const std::string text = f.hint ? fmt::format("{} (hint: {})", f.message, *f.hint) : f.message;
            // A finding about no one file (a request parameter) is shown on the subject's body.
            results.push_back(Json{{"ruleId", f.rule},
                                   {"ruleIndex", index.at(f.rule)},
                                   {"level", level(f.status)},
                                   {"message", Json{{"text", text}}},
                                   {"locations", Json::array({f.file ? location(*f.file, f.line) : location(body_file(s), std::nullopt)})},
                                   {"properties", Json{{"subject", s.name}}}});
        }
    }

    Json driver{{"name", report.tool}};
    if (!report.version.empty()) driver["version"] = report.version;
    driver["rules"] = std::move(rules);
    Json invocation{{"executionSuccessful", notifications.empty()}};
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
    const Json run{{"tool", Json{{"driver", std::move(driver)}}},
                   {"invocations", Json::array({std::move(invocation)})},
                   {"results", std::move(results)},
                   {"properties", Json{{"profile", report.profile}, {"checkedAt", report.checked_at}}}};
    const Json doc{{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    out << render_detail::dump(doc, 2) << '\n';
}

}  // namespace certcheck
