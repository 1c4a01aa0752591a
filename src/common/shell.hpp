// Shell quoting for the commands certcheck prints (internal).
#pragma once

#include <string>
#include <string_view>

namespace certcheck {

// Quotes a path for a shell command line when it needs it.
[[nodiscard]] std::string shell_quote(std::string_view s);

}  // namespace certcheck
