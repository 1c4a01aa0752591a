// certcheck access: which certificate can assume which role through IAM Roles Anywhere, and why
// (AWS-RULES.md 5). Pure data and computation; the CLI renders it.
#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "certcheck/load.hpp"
#include "certcheck/rolesanywhere.hpp"

namespace certcheck {

// A role: a trust-policy file (named by its file stem) or what `aws iam get-role` prints (named by
// RoleName; AssumeRolePolicyDocument as a URL-encoded string or an object).
struct Role {
    std::string name;
    std::string file;
    TrustPolicy policy;
};
// Throws InputError naming the file when it is neither.
[[nodiscard]] Role load_role(const std::string& path);

// A certificate found under the given paths, with the intermediates found beside it.
struct AccessSubject {
    std::string path;
    Certificate leaf;
    std::vector<Certificate> chain;        // after the leaf in its file, then CA bundles beside it
    std::vector<std::string> chain_files;  // the files those came from
};
struct FoundCertificates {
    std::vector<AccessSubject> subjects;
    std::vector<std::pair<std::string, std::string>> skipped;  // path, why (unreadable, broken)
};
// Walks files and directories the way scan does; every end-entity certificate is a subject.
// Throws InputError for a root that does not exist.
[[nodiscard]] FoundCertificates find_certificates(const std::vector<std::string>& roots);

enum class Decision {
    Allow,
    Deny,
    Unknown
};
[[nodiscard]] std::string_view to_string(Decision d) noexcept;  // "allow", "deny", "unknown"

struct AccessCell {
    std::size_t certificate = 0;
    std::size_t role = 0;
    Decision decision = Decision::Deny;
    std::optional<int> statement;  // 1-based statement that decided; none when no statement did
    std::string why;
};

struct AccessCertificate {
    std::string path;
    std::string subject;  // "CN=web-1, OU=Web, ..." one line
    std::vector<std::string> chain_files;
    std::string status;     // "ok", "untrusted", "expired", "not-yet-valid", "revoked"
    std::string reason;     // why it cannot authenticate ("" when ok)
    std::string path_text;  // "CN=web-1 -> CN=Example Issuing CA -> CN=Example Root CA"
    SessionPreview session;
    std::size_t roles_allowed = 0;
};

struct AccessRole {
    std::string name;
    std::string file;
    bool any_certificate = false;  // a certificate with no subject or SAN attributes could assume it
    std::string any_certificate_why;
    std::size_t certificates_allowed = 0;
};

struct AccessMatrix {
    std::vector<AccessRole> roles;
    std::vector<AccessCertificate> certificates;
    std::vector<AccessCell> cells;  // certificate-major: cells[c * roles.size() + r]
    [[nodiscard]] const AccessCell& at(std::size_t certificate, std::size_t role) const {
        return cells.at(certificate * roles.size() + role);
    }
};

struct AccessInputs {
    std::vector<Certificate> anchors;
    std::vector<Role> roles;
    std::optional<AttributeMapping> mapping;
    std::vector<Crl> crls;
    std::optional<std::string> anchor_arn;
    std::time_t at = 0;
};

// Every certificate against every role. Throws InputError naming the file when a --crl is not from
// the anchor's hierarchy (no anchor certificate and no intermediate found that chains to it signed it).
[[nodiscard]] AccessMatrix build_access_matrix(const AccessInputs& in, const std::vector<AccessSubject>& subjects);

}  // namespace certcheck

namespace certcheck {

enum class AccessFormat {
    Text,
    Json,
    Csv,
    Html
};

// What the report says about the run besides the matrix.
struct AccessRun {
    std::string version;
    std::string checked_at;    // --at, RFC 3339
    std::string trust_anchor;  // the file
    std::optional<std::string> anchor_arn;
    std::string mapping;  // "default attribute mapping" or "attribute mapping from FILE"
    std::vector<std::string> crl_files;
    std::vector<std::pair<std::string, std::string>> skipped;  // files not read, with why
};

void render_access(const AccessMatrix& m, const AccessRun& run, AccessFormat format, std::ostream& out);

// 0: no role is open to any certificate; 1: one is.
[[nodiscard]] int access_exit_code(const AccessMatrix& m) noexcept;

}  // namespace certcheck
