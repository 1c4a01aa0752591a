// Shared pieces of the libFuzzer targets (one target per fuzz_<name>.cpp beside this file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/engine.hpp"
#include "certcheck/load.hpp"
#include "certcheck/profile.hpp"
#include "certcheck/render.hpp"
#include "certcheck/report.hpp"

namespace certcheck::fuzz {

// Inputs that hold several files (body, key, chain; or the files of a tree) separate them with
// this line. fuzz/seeds.sh joins real files with it; fuzz/certcheck.dict teaches it to libFuzzer.
inline constexpr std::string_view kSeparator = "\n--8<--\n";

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Up to max_parts pieces; the last one keeps any further separators.
inline std::vector<std::string_view> split(std::string_view data, std::size_t max_parts) {
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < max_parts) {
        const auto at = data.find(kSeparator);
        if (at == std::string_view::npos) break;
        parts.push_back(data.substr(0, at));
        data.remove_prefix(at + kSeparator.size());
    }
    parts.push_back(data);
    return parts;
}

// Validity judged at 2030-01-01 (never "now"), no trust store: the same every run.
inline const Context& context() {
    static const TrustStore none = TrustStore::none();
    static const Context ctx{1893456000, 30, &none, {}, nullptr};
    return ctx;
}

inline const std::vector<SelectedRule>& all_rules() {
    static const std::vector<SelectedRule> rules = select_rules(*find_profile(kDefaultProfile), {}, {});
    return rules;
}

// Renders the report in every format and returns everything that was written.
inline std::string render_all(const Report& report) {
    std::ostringstream out;
    for (const Format f : {Format::Text, Format::Json, Format::Ndjson, Format::Junit, Format::Sarif, Format::Github}) {
        render(report, f, out, RenderOptions{false, true, false});
    }
    return out.str();
}

// A private-key file's secret: the base64 lines inside its PRIVATE KEY blocks (24-character prefixes).
// Pieces that also occur in `public_text` (the body and chain) are not secrets of the key alone.
inline void expect_no_key_material(std::string_view key, std::string_view public_text, std::string_view output) {
    bool inside = false;
    std::size_t start = 0;
    while (start < key.size()) {
        auto end = key.find_first_of("\r\n", start);
        if (end == std::string_view::npos) end = key.size();
        const std::string_view line = key.substr(start, end - start);
        start = end + 1;
        if (line.starts_with("-----BEGIN ") && line.find("PRIVATE KEY") != std::string_view::npos) {
            inside = true;
            continue;
        }
        if (line.starts_with("-----END ")) inside = false;
        if (!inside || line.size() < 24 || line.find(':') != std::string_view::npos) continue;
        const std::string_view piece = line.substr(0, 24);
        if (piece.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") !=
            std::string_view::npos) {
            continue;
        }
        if (public_text.find(piece) != std::string_view::npos) continue;
        if (output.find(piece) != std::string_view::npos) {
            std::fprintf(stderr, "key material in the output: %.*s\n", 24, piece.data());
            std::abort();
        }
    }
}

}  // namespace certcheck::fuzz
