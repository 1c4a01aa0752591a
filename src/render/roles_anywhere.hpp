// The roles-anywhere part of a subject (session preview, trust-policy evaluation) in text and json.
#pragma once

#include <ostream>

#include "certcheck/rolesanywhere.hpp"
#include "render/subject_json.hpp"

namespace certcheck::render_detail {

// { "session_tags", "source_identity", "source_identity_note", "session_name", "trust_policy" }
[[nodiscard]] Json roles_anywhere_json(const RolesAnywhereReport& ra);

// An indented block after the subject's summary line.
void roles_anywhere_text(const RolesAnywhereReport& ra, std::ostream& out, bool verbose);

}  // namespace certcheck::render_detail
