// Test support for the roles-anywhere rules: a context carrying --trust-anchor, --trust-policy
// and --trust-anchor-arn, loaded the way `certcheck check` loads them.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "certcheck/rolesanywhere.hpp"
#include "certcheck/validator.hpp"

namespace certcheck::test {

inline constexpr std::string_view kTestAnchorArn =
    "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0123abcd-0123-4567-89ab-0123456789ab";

// Owns the inputs a Context points at.
struct RaContext {
    std::unique_ptr<RolesAnywhereInputs> inputs = std::make_unique<RolesAnywhereInputs>();
    Context ctx;
};

// A test_context() with the given anchor file and policy file (full paths) and ARN.
[[nodiscard]] RaContext ra_context(const std::optional<std::string>& anchor,
                                   const std::optional<std::string>& policy = std::nullopt,
                                   const std::optional<std::string>& arn = std::nullopt);

// fixture("profiles/" + name)
[[nodiscard]] std::string pfixture(std::string_view name);

}  // namespace certcheck::test
