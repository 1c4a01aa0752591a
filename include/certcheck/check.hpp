// The check pipeline for one subject: read the inputs, load, run the selected rules, judge.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certcheck/engine.hpp"
#include "certcheck/load.hpp"
#include "certcheck/material.hpp"
#include "certcheck/profile.hpp"
#include "certcheck/report.hpp"
#include "certcheck/rolesanywhere.hpp"

namespace certcheck {

// What the user selected (command-line flags and the configuration file), before it is resolved.
struct RunOptions {
    std::string profile = "iam-server";
    std::vector<std::string> skip;
    std::vector<std::string> only;
    std::optional<std::string> at;  // RFC 3339; now when absent
    int expiry_warn = 30;
    std::string fail_on = "error";            // "error" or "warn"
    std::optional<std::string> trust_store;   // a PEM file or a directory; the system store when absent
    std::optional<std::string> trust_anchor;  // roles-anywhere
    std::optional<std::string> trust_policy;
    std::optional<std::string> trust_anchor_arn;
    std::optional<std::string> attribute_mapping;  // roles-anywhere: the profile's attributeMappings
    std::vector<std::string> crls;                 // roles-anywhere: CRLs imported for the anchor
};

// Everything a run checks subjects with, built once in the core: the profile, its selected
// rules, the context every rule reads (--at, trust store, anchors, policy) and the run-wide cache.
// Heap-held parts keep ctx's pointers valid when the RunContext moves.
struct RunContext {
    const Profile* profile = nullptr;
    std::vector<SelectedRule> rules;
    Context ctx;
    Status fail_on = Status::Error;
    std::unique_ptr<TrustStore> trust;
    std::unique_ptr<RolesAnywhereInputs> roles_anywhere;
    std::unique_ptr<CertCache> cache;
};

// A RunContext that borrows run's profile, rules and context (the trust store, anchors and cache
// stay owned by run, which must outlive it), for a caller that adds to the context (scan's batch
// GCD results) without copying what run owns.
[[nodiscard]] RunContext borrow(const RunContext& run);

// The report of a run before any subject: this certcheck's version, run's profile, --at and
// --fail-on.
[[nodiscard]] Report new_report(const RunContext& run);

// Throws SelectionError (a bad profile, rule id, time or option combination: a usage error) or
// InputError (a trust store, anchor or policy that cannot be read).
[[nodiscard]] RunContext make_run_context(const RunOptions& options);

// --at as a time (now when absent), or a SelectionError saying what is wrong with it.
[[nodiscard]] std::time_t checked_time(const std::optional<std::string>& at);

// --trust-anchor-arn's value, or a SelectionError when it is not an ARN.
[[nodiscard]] std::string checked_anchor_arn(const std::string& arn);

// The Roles Anywhere inputs named by --trust-anchor, --trust-policy, --trust-anchor-arn,
// --attribute-mapping and --crl (check, scan and access). Throws SelectionError or InputError.
[[nodiscard]] RolesAnywhereInputs load_roles_anywhere_inputs(const RunOptions& options);

// The files of one subject, loaded (check reads them by name; scan pairs files it already read;
// fix builds them in memory). Each file's slot is set by its role here, whatever read it.
struct SubjectFiles {
    LoadedFile body;
    std::optional<LoadedFile> key;
    std::optional<LoadedFile> chain;
    Request request;
    std::vector<std::string> notes;  // what pairing decided, for the reader (scan)
};

struct CheckInputs {
    std::string cert;
    std::optional<std::string> key;
    std::optional<std::string> chain;
    Request request;
};

// Reads and loads the named files. Throws InputError when an input cannot be read at all.
[[nodiscard]] SubjectFiles read_subject(const CheckInputs& inputs, CertCache* cache = nullptr);

// The one subject pipeline, used by check, scan and fix: material, every selected rule, the
// verdict, the Roles Anywhere preview and the command to run next.
[[nodiscard]] SubjectReport check_subject(SubjectFiles files, const RunContext& run);
[[nodiscard]] SubjectReport check_subject(const CheckInputs& inputs, const RunContext& run);

// What a checked subject's report carries besides its findings and verdict: the inventory facts,
// the Roles Anywhere session preview and policy evaluation, and on a pass the command to run next
// with its caveats. check and scan both finish their subjects with it.
void finish_subject(SubjectReport& report, const Material& m, const Profile& profile, const std::vector<SelectedRule>& rules,
                    const Context& ctx);

// What the missing inputs left unchecked ("no --trust-anchor was given, so the path to a Roles
// Anywhere trust anchor was not checked ..."): for each selected rule whose input is absent. Every
// verdict's report carries it.
[[nodiscard]] std::vector<std::string> not_checked(const Material& m, const std::vector<SelectedRule>& rules, const Context& ctx);

// The command to run next on a pass, e.g. aws iam upload-server-certificate ... (paths as given).
// anchor_arn: --trust-anchor-arn, for the roles-anywhere credential helper command.
[[nodiscard]] std::string upload_command(const Profile& profile, const SubjectInputs& inputs, const Material& m,
                                         const std::optional<std::string>& anchor_arn = std::nullopt);

}  // namespace certcheck
