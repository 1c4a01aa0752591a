// A Roles Anywhere profile's attribute mapping, read from what `aws rolesanywhere get-profile`
// prints (AWS-RULES.md 5c ra-tag-mapping).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certcheck/load.hpp"
#include "certcheck/rolesanywhere.hpp"

namespace certcheck {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSpecifier = 60;  // PutAttributeMapping: a specifier is at most 60 characters

}  // namespace

AttributeMapping parse_attribute_mapping(std::string_view text, const std::string& path) {
    const auto bad = [&](const std::string& why) {
        return InputError(fmt::format("{}: not an attribute mapping: {}", path, why));
    };
    if (const auto deep = json_nesting_error(text)) throw bad(*deep);
    json doc;
    try {
        doc = json::parse(text.begin(), text.end(), nullptr, true, false);
    } catch (const json::exception& e) {
        std::string what = e.what();
        if (const auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
        throw bad("malformed JSON: " + what);
    }
    const json* list = &doc;
    if (doc.is_object() && doc.contains("profile")) list = &doc["profile"];
    if (list->is_object()) {
        const auto it = list->find("attributeMappings");
        if (it == list->end()) throw bad("no \"attributeMappings\" (give the output of aws rolesanywhere get-profile)");
        list = &*it;
    }
    if (!list->is_array()) throw bad("\"attributeMappings\" is not a list");
    AttributeMapping m;
    m.source = path;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& entry = (*list)[i];
        const std::string where = fmt::format("attributeMappings[{}]", i);
        if (!entry.is_object()) throw bad(where + " is not an object");
        const auto field = entry.find("certificateField");
        if (field == entry.end() || !field->is_string()) throw bad(where + " has no \"certificateField\"");
        std::vector<std::string>* specs = nullptr;
        if (*field == "x509Subject") specs = &m.subject;
        else if (*field == "x509Issuer") specs = &m.issuer;
        else if (*field == "x509SAN") specs = &m.san;
        else throw bad(fmt::format("{}: certificateField is '{}', not x509Subject, x509Issuer or x509SAN", where, field->get<std::string>()));
        const auto rules = entry.find("mappingRules");
        if (rules == entry.end() || !rules->is_array()) throw bad(where + " has no \"mappingRules\" list");
        for (const json& r : *rules) {
            const auto sp = r.is_object() ? r.find("specifier") : r.end();
            if (!r.is_object() || sp == r.end() || !sp->is_string()) throw bad(where + ": a mapping rule has no \"specifier\"");
            const std::string value = sp->get<std::string>();
            if (value.empty() || value.size() > kMaxSpecifier) {
                throw bad(fmt::format("{}: specifier '{}' is not 1 to {} characters", where, value, kMaxSpecifier));
            }
            specs->push_back(value);
        }
    }
    return m;
}

AttributeMapping load_attribute_mapping(const std::string& path) {
    return parse_attribute_mapping(read_file_bytes(path), path);
}

}  // namespace certcheck
