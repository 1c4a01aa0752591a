// HTML escaping shared by the html report and the access matrix's html (internal).
#pragma once

#include <string>
#include <string_view>

namespace certcheck::render_detail {

// Text for an element or a quoted attribute: & < > " ' escaped, control characters and invalid
// UTF-8 replaced.
[[nodiscard]] std::string html_text(std::string_view s);

}  // namespace certcheck::render_detail
