#include "render/roles_anywhere.hpp"
#include "common/escape.hpp"

#include <fmt/format.h>

namespace certcheck::render_detail {
namespace {

std::string_view tri(Tri t) {
    switch (t) {
        case Tri::True: return "true";
        case Tri::False: return "false";
        case Tri::Unknown: return "unknown";
    }
    return "unknown";
}

Json policy_json(const RolesAnywhereReport& ra) {
    if (!ra.policy) return Json(nullptr);
    const PolicyEvaluation& e = *ra.policy;
    Json statements = Json::array();
    for (const StatementResult& s : e.statements) {
        Json conditions = Json::array();
        for (const ConditionResult& c : s.conditions) {
            conditions.push_back(Json{{"operator", c.op}, {"key", c.key}, {"result", std::string{tri(c.result)}}, {"detail", c.detail.empty() ? Json(nullptr) : Json(c.detail)}});
        }
        statements.push_back(Json{{"index", s.index + 1},
                                  {"sid", s.sid.empty() ? Json(nullptr) : Json(s.sid)},
                                  {"effect", s.allow ? "Allow" : "Deny"},
                                  {"matches", std::string{tri(s.matches)}},
                                  {"constrains_certificate", s.constrains_certificate},
                                  {"missing_actions", s.missing_actions},
                                  {"unsupported", s.unsupported ? Json(*s.unsupported) : Json(nullptr)},
                                  {"conditions", std::move(conditions)}});
    }
    Json deciding = Json(nullptr);
    if (e.deciding) deciding = e.statements.at(static_cast<std::size_t>(*e.deciding)).index + 1;
    return Json{{"file", ra.policy_file ? Json(*ra.policy_file) : Json(nullptr)},
                {"verdict", std::string{to_string(e.verdict)}},
                {"summary", e.summary},
                {"deciding_statement", std::move(deciding)},
                {"warnings", e.warnings},
                {"statements", std::move(statements)}};
}

}  // namespace

Json roles_anywhere_json(const RolesAnywhereReport& ra) {
    Json tags = Json::array();
    for (const SessionTag& t : ra.session.tags) {
        tags.push_back(Json{{"key", "aws:PrincipalTag/" + t.key},
                            {"value", t.value},
                            {"dropped", t.dropped},
                            {"reason", t.dropped ? Json(t.why_dropped) : Json(nullptr)}});
    }
    Json unmapped = Json::array();
    for (const UnmappedValue& u : ra.session.unmapped) {
        unmapped.push_back(Json{{"key", u.key}, {"what", u.what}, {"value", u.value}, {"reason", u.why}});
    }
    return Json{{"session_tags", std::move(tags)},
                {"source_identity", ra.session.source_identity},
                {"source_identity_note", ra.session.source_identity_note ? Json(*ra.session.source_identity_note) : Json(nullptr)},
                {"session_name", ra.session.session_name},
                {"trust_policy", policy_json(ra)},
                {"attribute_mapping", ra.session.mapping},
                {"not_mapped", std::move(unmapped)}};
}

// Each line whole through safe_line_start: tag values, names and policy text come from the
// certificate or the policy file, and this text has no colours to keep.
static void put(std::ostream& out, std::string_view line) { out << safe_line_start(line) << '\n'; }

void roles_anywhere_text(const RolesAnywhereReport& ra, std::ostream& out, bool verbose) {
    put(out, fmt::format("roles-anywhere session ({}):", ra.session.mapping));
    if (ra.session.tags.empty()) put(out, "  no session tags");
    for (const SessionTag& t : ra.session.tags) {
        put(out, fmt::format("  aws:PrincipalTag/{} = {}{}", t.key, t.value,
                             t.dropped ? fmt::format("  (dropped: {})", t.why_dropped) : std::string{}));
    }
    for (const UnmappedValue& u : ra.session.unmapped) put(out, fmt::format("  not mapped: {} = {}  ({})", u.what, u.value, u.why));
    put(out, fmt::format("  source identity: {}", ra.session.source_identity));
    if (ra.session.source_identity_note) put(out, fmt::format("    note: {}", *ra.session.source_identity_note));
    put(out, fmt::format("  default session name: {}", ra.session.session_name));
    if (!ra.policy) return;
    const PolicyEvaluation& e = *ra.policy;
    put(out, fmt::format("trust policy {}: {}", ra.policy_file.value_or("(given)"), e.summary));
    for (const std::string& w : e.warnings) put(out, fmt::format("  warning: {}", w));
    for (const StatementResult& s : e.statements) {
        put(out, fmt::format("  {} {}: {}", s.allow ? "Allow" : "Deny", s.label(),
                             s.matches == Tri::True ? "matches" : s.matches == Tri::False ? "does not match"
                                                                                          : "cannot be evaluated"));
        if (s.unsupported) put(out, fmt::format("    {}", *s.unsupported));
        for (const ConditionResult& c : s.conditions) {
            if (!verbose && c.result == Tri::True) continue;
            put(out, fmt::format("    {} {}: {}{}", c.op, c.key, tri(c.result), c.detail.empty() ? "" : " (" + c.detail + ")"));
        }
        if (!s.missing_actions.empty()) {
            std::string list;
            for (const auto& a : s.missing_actions) list += (list.empty() ? "" : ", ") + a;
            put(out, fmt::format("    Action lacks {}", list));
        }
    }
}

}  // namespace certcheck::render_detail
