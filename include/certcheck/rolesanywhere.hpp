// IAM Roles Anywhere: what a certificate becomes in a session (principal tags, source
// identity, session name) and the evaluation of a role trust policy against it. Pure data and
// computation; the renderers show it, the ra-* rules judge it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/x509.h>

#include "certcheck/load.hpp"

namespace certcheck {

// ---------------------------------------------------------------- session preview

// One principal tag Roles Anywhere derives from the certificate (AWS-RULES.md 5c).
struct SessionTag {
    std::string key;     // "x509Subject/CN", "x509SAN/DNS", "x509SAN/Name/CN" (the condition key is aws:PrincipalTag/KEY)
    std::string value;   // repeated RDNs joined with '/'
    bool dropped = false;            // outside the session-tag pattern or over 256 characters: AWS silently drops it
    std::string why_dropped;         // "" when kept
};

struct SessionPreview {
    std::vector<SessionTag> tags;             // subject, then issuer, then SAN tags
    std::string source_identity;              // "CN=…", the bare CN, or "ID=<serial hex>"
    std::optional<std::string> source_identity_note;  // set when AWS documents no behaviour for this case
    std::string session_name;                 // the default role session name: the serial in hex
};

// Maps the certificate the way Roles Anywhere's default attribute mapping does.
[[nodiscard]] SessionPreview preview_session(X509* leaf);

// True when the value matches the STS session-tag value pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]* (UTF-8).
[[nodiscard]] bool valid_tag_value(std::string_view utf8);
inline constexpr std::size_t kMaxTagValueChars = 256;

// ---------------------------------------------------------------- trust policies

struct PolicyCondition {
    std::string op;                   // as written: "StringEquals", "ForAnyValue:StringLike", "DateLessThan"
    std::string key;                  // as written: "aws:PrincipalTag/x509Subject/CN"
    std::vector<std::string> values;  // strings, numbers and booleans as text
};

struct PolicyStatement {
    int index = 0;                    // 0-based position in Statement
    std::string sid;                  // "" when none
    bool allow = true;                // Effect
    bool trusts_roles_anywhere = false;  // Principal names rolesanywhere.amazonaws.com (or is "*")
    std::vector<std::string> actions;    // lower-cased
    std::optional<std::string> unsupported;  // NotPrincipal / NotAction: the statement cannot be evaluated
    std::vector<PolicyCondition> conditions;
};

struct TrustPolicy {
    std::vector<PolicyStatement> statements;
};

struct TrustPolicyParse {
    std::optional<TrustPolicy> policy;  // set on success
    std::string error;                  // set on failure: what and where (the JSON parser's position)
};

// Parses an IAM role trust policy. Never throws and never aborts, whatever the input.
[[nodiscard]] TrustPolicyParse parse_trust_policy(std::string_view json) noexcept;

// The request a Roles Anywhere CreateSession makes: condition key -> values.
struct ConditionContext {
    std::vector<std::pair<std::string, std::vector<std::string>>> keys;  // keys as IAM names them
    [[nodiscard]] const std::vector<std::string>* find(std::string_view key) const noexcept;  // case-insensitive
};

// aws:PrincipalTag/… for every kept tag, sts:SourceIdentity, and (with an ARN) aws:SourceArn and aws:SourceAccount.
[[nodiscard]] ConditionContext condition_context(const SessionPreview& s, const std::optional<std::string>& anchor_arn);

enum class Tri { False, True, Unknown };

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
    Tri matches = Tri::Unknown;              // all conditions true / one false / one unknown and none false
    std::vector<ConditionResult> conditions;
    bool constrains_certificate = false;     // a condition on an x509 tag or aws:SourceArn
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
    std::optional<int> deciding;               // index into statements of the statement that decided
    std::vector<StatementResult> statements;   // the statements that trust Roles Anywhere, in policy order
    std::vector<std::string> warnings;         // statements with no condition on the certificate
    std::string summary;                       // one sentence
};

[[nodiscard]] PolicyEvaluation evaluate_trust_policy(const TrustPolicy& policy, const ConditionContext& ctx);

// IAM wildcard match: '*' any run of characters, '?' one character (case-sensitive unless told).
[[nodiscard]] bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case = false) noexcept;

// ---------------------------------------------------------------- inputs of a run

struct RolesAnywhereInputs {
    std::optional<LoadedFile> anchor;           // --trust-anchor, loaded
    std::optional<TrustPolicy> policy;          // --trust-policy, parsed
    std::string policy_path;
    std::optional<std::string> anchor_arn;      // --trust-anchor-arn
};

// Reads and parses --trust-policy; throws InputError (exit 2) naming the file for an unreadable
// file or malformed JSON.
[[nodiscard]] TrustPolicy load_trust_policy(const std::string& path);

// What the report shows for a roles-anywhere subject.
struct RolesAnywhereReport {
    SessionPreview session;
    std::optional<std::string> policy_file;
    std::optional<PolicyEvaluation> policy;
};

}  // namespace certcheck
