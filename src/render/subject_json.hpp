// The json object for one subject, shared by the json and ndjson formats (SPEC section 3).
// One definition of the shape: append_subject_json writes it; subject_json reads that back
// into a document for the formats that pretty-print a whole run.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "certcheck/report.hpp"

namespace certcheck::render_detail {

using Json = nlohmann::ordered_json;

// Appends `s` as a JSON string literal: quotes, escapes for '"', '\\' and control characters,
// and every ill-formed UTF-8 sequence replaced by U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);

// Appends the compact subject object { "name", "inputs", "verdict", "error", "findings" },
// keys in that order (then "roles_anywhere" for that profile's subjects, then the inventory
// keys "certificates" and "files"), leaving it open
// (no closing brace) so a caller may add keys after it.
void append_subject_fields(std::string& out, const SubjectReport& s);

// The same object as a document.
[[nodiscard]] Json subject_json(const SubjectReport& s);

// The inverse, for `certcheck merge`: a subject object (a json report's subject or an ndjson line)
// back into the report model (the roles_anywhere key is not read). Throws nlohmann::json::exception
// or std::invalid_argument for a malformed object.
[[nodiscard]] SubjectReport parse_subject(const Json& j);

// Serialises without throwing: invalid UTF-8 (a certificate's odd name) is replaced.
[[nodiscard]] std::string dump(const Json& doc, int indent);

}  // namespace certcheck::render_detail
