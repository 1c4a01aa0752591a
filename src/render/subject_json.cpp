#include "render/subject_json.hpp"

#include "render/roles_anywhere.hpp"

namespace certcheck::render_detail {
namespace {

template <typename T>
Json or_null(const std::optional<T>& v) {
    return v ? Json(*v) : Json(nullptr);
}

}  // namespace

Json subject_json(const SubjectReport& s) {
    Json findings = Json::array();
    for (const Finding& f : s.findings) {
        findings.push_back(Json{{"rule", f.rule},
                                {"status", std::string{to_string(f.status)}},
                                {"message", f.message},
                                {"hint", or_null(f.hint)},
                                {"file", or_null(f.file)},
                                {"line", or_null(f.line)}});
    }
    Json out{{"name", s.name},
             {"inputs", Json{{"cert", s.inputs.cert}, {"key", or_null(s.inputs.key)}, {"chain", or_null(s.inputs.chain)}}},
             {"verdict", std::string{to_string(s.verdict)}},
             {"error", or_null(s.error)},
             {"findings", std::move(findings)}};
    // After the SPEC section 3 keys, only for the roles-anywhere profile (docs/formats.md).
    if (s.roles_anywhere) out["roles_anywhere"] = roles_anywhere_json(*s.roles_anywhere);
    return out;
}

std::string dump(const Json& doc, int indent) {
    return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace certcheck::render_detail
