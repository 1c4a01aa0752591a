// Renderers turn a Report into one output format. They never decide verdicts.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "certcheck/report.hpp"

namespace certcheck {

enum class Format { Text, Json };
[[nodiscard]] std::optional<Format> parse_format(std::string_view name) noexcept;

struct RenderOptions {
    bool color = false;    // ANSI colour (text only)
    bool verbose = false;  // list passes and not-applicable rules (text only)
    bool quiet = false;    // only failing findings (text only)
};

void render_text(const Report& report, std::ostream& out, const RenderOptions& opts);
void render_json(const Report& report, std::ostream& out);
void render(const Report& report, Format format, std::ostream& out, const RenderOptions& opts);

}  // namespace certcheck
