// The rule interface: metadata plus applies()/check(); the engine owns the lifecycle.
#pragma once

#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "certcheck/finding.hpp"
#include "certcheck/material.hpp"
#include "certcheck/profile.hpp"

namespace certcheck {

class TrustStore;
class CertCache;
struct RolesAnywhereInputs;
struct EndpointInputs;
struct AiaSettings;

// Run-wide settings every rule may read.
struct Context {
    std::time_t at = 0;                                   // the instant validity is judged at (--at)
    int expiry_warn_days = 30;                            // --expiry-warn
    const TrustStore* trust = nullptr;                    // null: no trust store
    ProfileParams params;                                 // the selected profile's typed parameters
    const RolesAnywhereInputs* roles_anywhere = nullptr;  // --trust-anchor, --trust-policy, --trust-anchor-arn
    const EndpointInputs* endpoint = nullptr;             // set by `certcheck endpoint` (the served chain is the subject)
    const AiaSettings* fetch_missing = nullptr;           // --fetch-missing: chain-complete and chain-present try the AIA URL
    // A scan's batch GCD (key-weak): RSA modulus (big-endian) -> a file holding another modulus
    // that shares a prime with it. Null outside a scan: key-weak then compares the subject's own keys.
    const std::map<std::string, std::string, std::less<>>* shared_primes = nullptr;
    CertCache* cache = nullptr;  // run-wide: CA certificates parsed once, issuing relations remembered
};

struct Location {
    std::string file;
    std::optional<int> line;
};

// What one check says. A failure carries no status: the engine gives it the rule's severity.
struct Result {
    enum class Kind {
        Pass,
        Fail,
        NotApplicable
    };
    Kind kind = Kind::Pass;
    std::string message;
    std::optional<Location> where;
    std::optional<std::string> hint;   // a hint for this failure, instead of the rule's generic one
    std::optional<Severity> severity;  // a milder status for this failure (never above the rule's severity)

    [[nodiscard]] static Result pass(std::string message, std::optional<Location> where = {});
    [[nodiscard]] static Result fail(std::string message, std::optional<Location> where = {},
                                     std::optional<std::string> hint = {});
    [[nodiscard]] static Result not_applicable(std::string message);
    // A failure reported at `sev` when that is milder than the rule's severity.
    [[nodiscard]] static Result fail_as(Severity sev, std::string message, std::optional<Location> where = {},
                                        std::optional<std::string> hint = {});
};

class Validator {
public:
    Validator() = default;
    Validator(const Validator&) = delete;
    Validator& operator=(const Validator&) = delete;
    virtual ~Validator() = default;

    [[nodiscard]] virtual const RuleInfo& info() const noexcept = 0;
    // False: the finding is not-applicable with not_applicable_reason(), and check() is not called.
    [[nodiscard]] virtual bool applies(const Material& m, const Context& ctx) const = 0;
    [[nodiscard]] virtual std::string_view not_applicable_reason() const noexcept = 0;
    // Never prints, logs or includes key material.
    [[nodiscard]] virtual Result check(const Material& m, const Context& ctx) const = 0;
};

// Location helpers for rules.
[[nodiscard]] Location at_file(const InputFile& f, std::optional<int> line = {});

}  // namespace certcheck
