// Test support: fixture paths, loading material, running one rule, running the binary.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/finding.hpp"
#include "certcheck/load.hpp"
#include "certcheck/material.hpp"
#include "certcheck/validator.hpp"

namespace certcheck::test {

// 2030-01-01T00:00:00Z: every test judges validity at this instant, never at "now".
inline constexpr std::time_t kTestTime = 1893456000;
inline constexpr std::string_view kTestAt = "2030-01-01T00:00:00Z";

[[nodiscard]] std::string source_path(std::string_view rel);  // <repo>/rel
[[nodiscard]] std::string fixture(std::string_view name);      // <repo>/testdata/fixtures/name
[[nodiscard]] std::string corpus(std::string_view rel);        // <repo>/../shared/corpora/rel
[[nodiscard]] bool corpora_available();
[[nodiscard]] std::string read_file(const std::string& path);

// Loads files (full paths) the way `certcheck check` does.
[[nodiscard]] Material load(const std::string& cert, const std::optional<std::string>& key = std::nullopt,
                            const std::optional<std::string>& chain = std::nullopt, Request request = {});
// Loads bytes held in memory (for inputs built inside a test).
[[nodiscard]] Material load_bytes(std::string body, std::optional<std::string> key = std::nullopt,
                                  std::optional<std::string> chain = std::nullopt, Request request = {});

// A context at kTestTime with no trust store (chain-complete then depends on the chain alone).
[[nodiscard]] Context test_context();
// Runs one rule through the engine (applies/check/not-applicable, severity, hint).
[[nodiscard]] Finding run_rule(std::string_view id, const Material& m, const Context& ctx = test_context());

}  // namespace certcheck::test
