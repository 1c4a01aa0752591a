// The json object for one subject, shared by the json and ndjson formats (SPEC section 3).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "certcheck/report.hpp"

namespace certcheck::render_detail {

using Json = nlohmann::ordered_json;

// { "name", "inputs", "verdict", "error", "findings" }, keys in that order.
[[nodiscard]] Json subject_json(const SubjectReport& s);

// Serialises without throwing: invalid UTF-8 (a certificate's odd name) is replaced.
[[nodiscard]] std::string dump(const Json& doc, int indent);

}  // namespace certcheck::render_detail
