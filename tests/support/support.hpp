// Test support: fixture paths, loading material, running one rule, running the binary.
#pragma once

#include <ctime>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/finding.hpp"
#include "certcheck/load.hpp"
#include "certcheck/material.hpp"
#include "certcheck/validator.hpp"

// Skips the current test when ../shared/corpora is not present.
#define SKIP_WITHOUT_CORPORA() \
    if (!::certcheck::test::corpora_available()) GTEST_SKIP() << "../shared/corpora is not present"

namespace certcheck::test {

// 2030-01-01T00:00:00Z: every test judges validity at this instant, never at "now".
inline constexpr std::time_t kTestTime = 1893456000;
inline constexpr std::string_view kTestAt = "2030-01-01T00:00:00Z";

[[nodiscard]] std::string source_path(std::string_view rel);  // <repo>/rel
[[nodiscard]] std::string fixture(std::string_view name);     // <repo>/testdata/fixtures/name
[[nodiscard]] std::string corpus(std::string_view rel);       // <repo>/../shared/corpora/rel
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

// cfssl-bundler/testdata/<name>.pem for each name, concatenated one block per line (the corpus's
// derived/ chain files glue each END line to the next BEGIN line).
[[nodiscard]] std::string cfssl_chain(std::initializer_list<const char*> names);
// cfssl's leaf (testdata/cfssl-leaf-rsa2048.pem) as the body with cfssl_chain(names) as the chain.
[[nodiscard]] Material cfssl_material(std::initializer_list<const char*> names);

// True when part occurs in text.
[[nodiscard]] bool has(const std::string& text, const std::string& part);

// The first 24 characters of every base64 line of a PEM file (BEGIN/END and header lines skipped).
[[nodiscard]] std::vector<std::string> base64_prefixes(const std::string& pem);
// Expects that neither the finding's message nor its hint quotes any base64_prefixes(key_pem) piece.
void expect_no_key_material(const Finding& f, const std::string& key_pem);

}  // namespace certcheck::test
