// IAM Roles Anywhere: what a certificate becomes in a session (principal tags, source
// identity, session name) and the evaluation of a role trust policy against it. Pure data and
// computation; the renderers show it, the ra-* rules judge it. What the report holds of it (the
// session preview, the policy evaluation) is declared in report.hpp.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/x509.h>

#include "certcheck/load.hpp"
#include "certcheck/report.hpp"

namespace certcheck {

// ---------------------------------------------------------------- session preview

// A profile's attributeMappings (AWS-RULES.md 5c ra-tag-mapping): the specifiers per certificate
// field. A field with no entry maps nothing.
struct AttributeMapping {
    std::string source;                // the file it was read from ("" for the default mapping)
    std::vector<std::string> subject;  // "*" or RDN names: "CN", "OU"
    std::vector<std::string> issuer;
    std::vector<std::string> san;  // "DNS", "URI", "Name/*", "Name/CN"
    [[nodiscard]] static AttributeMapping default_mapping();
};

// Parses the attributeMappings as `aws rolesanywhere get-profile` (or put-attribute-mapping)
// prints them: {"profile": {"attributeMappings": [...]}}, {"attributeMappings": [...]} or the
// bare list. Throws InputError naming the file for anything else.
[[nodiscard]] AttributeMapping parse_attribute_mapping(std::string_view json, const std::string& path);
[[nodiscard]] AttributeMapping load_attribute_mapping(const std::string& path);

// Maps the certificate the way Roles Anywhere does with this attribute mapping (the default
// mapping when null).
[[nodiscard]] SessionPreview preview_session(X509* leaf, const AttributeMapping* mapping = nullptr);

// What a certificate issued by `ca` with no subject and no SAN attributes would carry: the
// issuer tags only (for finding roles open to any certificate from a CA).
[[nodiscard]] SessionPreview issuer_only_session(X509* ca, const AttributeMapping* mapping = nullptr);

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
    int index = 0;                           // 0-based position in Statement
    std::string sid;                         // "" when none
    bool allow = true;                       // Effect
    bool trusts_roles_anywhere = false;      // Principal names rolesanywhere.amazonaws.com (or is "*")
    std::vector<std::string> actions;        // lower-cased
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

// "nesting deeper than 64 levels at line N" when JSON text nests deeper than any policy, mapping
// or get-role output does (checked before parsing, so hostile input cannot exhaust the stack).
[[nodiscard]] std::optional<std::string> json_nesting_error(std::string_view text);

// Parses an IAM role trust policy. Never throws and never aborts, whatever the input.
[[nodiscard]] TrustPolicyParse parse_trust_policy(std::string_view json) noexcept;

// The request a Roles Anywhere CreateSession makes: condition key -> values.
struct ConditionContext {
    std::vector<std::pair<std::string, std::vector<std::string>>> keys;                       // keys as IAM names them
    std::vector<UnmappedValue> unmapped;                                                      // for explanations: values the certificate holds but no key carries
    [[nodiscard]] const std::vector<std::string>* find(std::string_view key) const noexcept;  // case-insensitive
};

// aws:PrincipalTag/… for every kept tag, sts:SourceIdentity, (with an ARN) aws:SourceArn and
// aws:SourceAccount, and (with a time) aws:CurrentTime and aws:EpochTime.
[[nodiscard]] ConditionContext condition_context(const SessionPreview& s, const std::optional<std::string>& anchor_arn,
                                                 std::optional<std::time_t> at = std::nullopt);

[[nodiscard]] PolicyEvaluation evaluate_trust_policy(const TrustPolicy& policy, const ConditionContext& ctx);

// IAM wildcard match: '*' any run of characters, '?' one character (case-sensitive unless told).
[[nodiscard]] bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case = false) noexcept;

// ---------------------------------------------------------------- revocation and the path to the anchor

// One CRL from a --crl file (PEM, as `aws rolesanywhere import-crl` takes; AWS-RULES.md 5a ra-revocation).
struct Crl {
    std::string path;
    std::shared_ptr<X509_CRL> crl;
    std::string issuer;  // one line: "CN=Example Issuing CA, O=Example"
};
// Reads every X509 CRL block of a PEM file; throws InputError naming the file when it holds none
// or one does not parse.
[[nodiscard]] std::vector<Crl> load_crls(const std::string& path);

// Whether a certificate can authenticate to Roles Anywhere: a PKIX path from it through the
// given intermediates to an anchor certificate at `at`, none of it revoked by the CRLs.
struct PathCheck {
    bool trusted = false;                 // a path exists (validity, signatures, CA flags)
    std::string why;                      // why not ("no path to the trust anchor: certificate has expired (at CN=x, depth 0)")
    int error = 0;                        // the X509_V_ERR_* code when not trusted (0: none, or the path length)
    std::string verify_error;             // with error: OpenSSL's reason, where ("certificate has expired (at CN=x, depth 0)")
    std::vector<ossl::X509Ptr> path;      // leaf first, anchor last (when trusted)
    std::optional<std::string> revoked;   // "CN=x (serial 1f) is revoked by CRL crl.pem (since 2030-...)"
    bool revoked_intermediate = false;    // the revoked certificate is a CA on the path, not the leaf
    std::vector<std::string> crl_errors;  // CRLs that are not from the anchor's hierarchy or do not verify
    [[nodiscard]] bool authenticates() const { return trusted && !revoked && crl_errors.empty(); }
    [[nodiscard]] std::string path_text() const;  // "CN=leaf -> CN=Issuing CA -> CN=Root"
};
inline constexpr int kMaxRolesAnywherePath = 5;  // AWS-RULES.md 5a ra-chain-header
[[nodiscard]] PathCheck check_path(X509* leaf, const std::vector<Certificate>& chain, const std::vector<Certificate>& anchors,
                                   const std::vector<Crl>& crls, std::time_t at);
// The PKIX verification check_path starts with (no CRLs): a path from leaf through `chain` to one
// of `anchors` at `at`, the anchors the only trust (any of them may be an intermediate CA:
// AWS-RULES.md 5b ra-ta-private), of at most kMaxRolesAnywherePath certificates.
[[nodiscard]] PathCheck verify_to_anchor(X509* leaf, const std::vector<X509*>& chain, const std::vector<Certificate>& anchors,
                                         std::time_t at);

// The CRL files whose CRLs no anchor certificate and no CA certificate among `cas` that chains to
// the anchor signed: "crl.pem: the CRL issued by CN=Other CA is not from the trust anchor's hierarchy".
[[nodiscard]] std::vector<std::string> foreign_crls(const std::vector<Crl>& crls, const std::vector<Certificate>& anchors,
                                                    const std::vector<Certificate>& cas, std::time_t at);

// ---------------------------------------------------------------- inputs of a run

struct RolesAnywhereInputs {
    std::optional<LoadedFile> anchor;   // --trust-anchor, loaded
    std::optional<TrustPolicy> policy;  // --trust-policy, parsed
    std::string policy_path;
    std::optional<std::string> anchor_arn;    // --trust-anchor-arn
    std::optional<AttributeMapping> mapping;  // --attribute-mapping (the default mapping when unset)
    std::vector<Crl> crls;                    // --crl, every file
};

// The preview under a run's --attribute-mapping (ra may be null), and the request it makes.
[[nodiscard]] SessionPreview preview_for(X509* leaf, const RolesAnywhereInputs* ra);
[[nodiscard]] ConditionContext request_for(const SessionPreview& s, const RolesAnywhereInputs* ra, std::time_t at);

// Reads and parses --trust-policy; throws InputError (exit 2) naming the file for an unreadable
// file or malformed JSON.
[[nodiscard]] TrustPolicy load_trust_policy(const std::string& path);

}  // namespace certcheck
