// The one escaping of untrusted text (file names, certificate fields, anything derived from
// them) before it reaches text output, GitHub annotations or stderr (internal).
#pragma once

#include <string>
#include <string_view>

namespace certcheck {

// `text` with every character that could change how a terminal or a CI log shows it made
// visible: C0 controls and DEL as \n, \r, \t or \xNN (ESC is \x1b); C1 controls (U+0080-U+009F),
// bidirectional controls (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069) and the line and
// paragraph separators (U+2028, U+2029) as \uNNNN; bytes that are not UTF-8 as \xNN. Everything
// else, including a backslash, is kept as it is. The result is one line of valid UTF-8.
[[nodiscard]] std::string safe_text(std::string_view text);

// safe_text, and when the result (after leading blanks) starts with "::", which a GitHub runner
// would take for a workflow command, that first colon as \x3a. For text that starts a line.
[[nodiscard]] std::string safe_line_start(std::string_view text);

}  // namespace certcheck
