// The report: pure data about a run (subjects, findings, summary). Renderers read it; nothing
// in it is decided by a renderer. It does not include OpenSSL (tests/unit/report_header_test.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "certcheck/facts.hpp"
#include "certcheck/finding.hpp"

namespace certcheck {

enum class Verdict {
    Pass,
    Fail,
    Error
};
[[nodiscard]] std::string_view to_string(Verdict v) noexcept;

// ---------------------------------------------------------------- roles-anywhere subjects
// What a certificate becomes in a Roles Anywhere session and how a trust policy judges it
// (computed by rolesanywhere.hpp's functions).

// One principal tag Roles Anywhere derives from the certificate (AWS-RULES.md 5c).
struct SessionTag {
    std::string key;          // "x509Subject/CN", "x509SAN/DNS", "x509SAN/Name/CN" (the condition key is aws:PrincipalTag/KEY)
    std::string value;        // repeated RDNs joined with '/'
    bool dropped = false;     // outside the session-tag pattern or over 256 characters: AWS silently drops it
    std::string why_dropped;  // "" when kept
};

// A value the certificate holds that Roles Anywhere does not turn into a tag: a second DNS or URI
// SAN (only the first is mapped), or a field the profile's attribute mapping leaves out.
struct UnmappedValue {
    std::string key;   // the condition key it would have had: "aws:PrincipalTag/x509SAN/DNS"
    std::string what;  // "DNS SAN", "x509Subject/OU"
    std::string value;
    std::string why;  // "Roles Anywhere maps only the first DNS SAN"
};

struct SessionPreview {
    std::vector<SessionTag> tags;                     // subject, then issuer, then SAN tags
    std::vector<UnmappedValue> unmapped;              // what the certificate holds but no tag carries
    std::string mapping;                              // "default attribute mapping" or "attribute mapping from FILE"
    std::string source_identity;                      // "CN=…", the bare CN, or "ID=<serial hex>"
    std::optional<std::string> source_identity_note;  // set when AWS documents no behaviour for this case
    std::string session_name;                         // the default role session name: the serial in hex
};

enum class Tri {
    False,
    True,
    Unknown
};

struct ConditionResult {
    std::string op;
    std::string key;
    Tri result = Tri::Unknown;
    std::string detail;  // why it is false or unknown ("x509Subject/OU is 'A', not one of 'B', 'C'")
};

struct StatementResult {
    int index = 0;
    std::string sid;
    bool allow = true;
    Tri matches = Tri::Unknown;  // all conditions true / one false / one unknown and none false
    std::vector<ConditionResult> conditions;
    bool constrains_certificate = false;       // a condition on an x509 tag, sts:SourceIdentity or aws:SourceArn
    std::vector<std::string> missing_actions;  // of sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity
    std::optional<std::string> unsupported;

    [[nodiscard]] std::string label() const;  // "statement 1 (Sid ClientCertificates)"
};

enum class PolicyVerdict {
    Allowed,     // an Allow statement matches and no Deny does
    Denied,      // a Deny statement matches
    NotAllowed,  // no statement allows this certificate
    Unknown,     // nothing allows it for sure, but a statement could not be evaluated
    NoStatement  // no statement trusts rolesanywhere.amazonaws.com
};
[[nodiscard]] std::string_view to_string(PolicyVerdict v) noexcept;  // "allowed", "denied", ...

struct PolicyEvaluation {
    PolicyVerdict verdict = PolicyVerdict::NoStatement;
    std::optional<int> deciding;              // index into statements of the statement that decided
    std::vector<StatementResult> statements;  // the statements that trust Roles Anywhere, in policy order
    std::vector<std::string> warnings;        // statements with no condition on the certificate
    std::string summary;                      // one sentence
};

// What the report shows for a roles-anywhere subject.
struct RolesAnywhereReport {
    SessionPreview session;
    std::optional<std::string> policy_file;
    std::optional<PolicyEvaluation> policy;
};

// ---------------------------------------------------------------- subjects and the run

struct SubjectInputs {
    std::string cert;
    std::optional<std::string> key;
    std::optional<std::string> chain;
};

struct SubjectReport {
    std::string name;
    SubjectInputs inputs;
    Verdict verdict = Verdict::Pass;
    std::optional<std::string> error;                   // why the subject could not be checked
    std::vector<Finding> findings;                      // one per selected rule, catalogue order
    std::optional<std::string> next_command;            // the upload command, when the subject passed
    std::vector<std::string> notes;                     // caveats for the reader of a pass (text report only)
    std::vector<std::string> not_checked;               // what a missing input left unchecked (every verdict; text and json)
    std::optional<RolesAnywhereReport> roles_anywhere;  // the roles-anywhere profile: session preview, policy evaluation
    std::optional<SubjectFacts> facts;                  // inventory: every certificate's facts, the files read (none for an error)
};

struct Summary {
    int subjects = 0;
    int passed = 0;
    int failed = 0;
    int errors = 0;

    void add(Verdict v) noexcept;
    [[nodiscard]] int exit_code() const noexcept;  // 0 all passed, 1 a subject failed, 2 a subject errored
};

struct Report {
    std::string tool = "certcheck";
    std::string version;
    std::string profile;
    std::string checked_at;  // RFC 3339, UTC
    Status fail_on = Status::Error;
    std::vector<SubjectReport> subjects;

    [[nodiscard]] Summary summary() const noexcept;
    [[nodiscard]] int exit_code() const noexcept;  // 0 all passed, 1 a subject failed, 2 a subject errored
};

// Fail when a finding is at or above fail_on.
[[nodiscard]] Verdict judge(const std::vector<Finding>& findings, Status fail_on) noexcept;

}  // namespace certcheck
