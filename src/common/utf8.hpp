// UTF-8 decoding shared by the text facts, the Roles Anywhere tag check and the JSON writer (internal).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace certcheck {

// Decodes one UTF-8 sequence at data[i]; returns its length, or 0 when invalid (overlong,
// surrogate, beyond U+10FFFF, truncated).
[[nodiscard]] std::size_t utf8_decode(std::string_view data, std::size_t i, std::uint32_t& cp);

}  // namespace certcheck
