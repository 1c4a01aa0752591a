// Format names and the dispatch from a Format to its renderer.
#include "certcheck/render.hpp"

namespace certcheck {

std::optional<Format> parse_format(std::string_view name) noexcept {
    if (name == "text") return Format::Text;
    if (name == "json") return Format::Json;
    if (name == "ndjson") return Format::Ndjson;
    if (name == "junit") return Format::Junit;
    if (name == "sarif") return Format::Sarif;
    if (name == "github") return Format::Github;
    if (name == "openmetrics") return Format::OpenMetrics;
    if (name == "html") return Format::Html;
    return std::nullopt;
}

void render(const Report& report, Format format, std::ostream& out, const RenderOptions& opts) {
    switch (format) {
        case Format::Text: render_text(report, out, opts); return;
        case Format::Json: render_json(report, out); return;
        case Format::Ndjson: render_ndjson(report, out); return;
        case Format::Junit: render_junit(report, out); return;
        case Format::Sarif: render_sarif(report, out); return;
        case Format::Github: render_github(report, out); return;
        case Format::OpenMetrics: render_openmetrics(report, out); return;
        case Format::Html: render_html(report, out); return;
    }
}

}  // namespace certcheck
