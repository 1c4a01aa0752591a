// Profiles are data: a named list of rule ids with typed parameters.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/finding.hpp"

namespace certcheck {

// Which upload the profile prepares for; decides the "next command" on a pass.
// Deployed: nothing to upload (certcheck endpoint checks what a server already serves).
enum class UploadTarget {
    IamServerCertificate,
    AcmImport,
    IamSigningCertificate,
    RolesAnywhere,
    Deployed
};

// Who reads the private key after the check: AWS itself (it must be unencrypted), or Roles Anywhere's
// aws_signing_helper, which decrypts PKCS#8 with --pkcs8-password but cannot read legacy
// `Proc-Type: 4,ENCRYPTED` PEM (AWS-RULES.md 5d rah-key-formats). key-unencrypted reads it.
enum class KeyReader {
    Aws,
    RolesAnywhereHelper
};

// Typed parameters some rules read from the profile (never the profile's name).
struct ProfileParams {
    // key-rsa-pkcs1 also accepts an EC P-256 key in SEC1 PEM (BEGIN EC PRIVATE KEY): CloudFront takes ECDSA P-256.
    bool key_accepts_ec_p256 = false;
    KeyReader key_reader = KeyReader::Aws;
};

struct ProfileRule {
    std::string_view id;
    std::optional<Severity> severity;  // overrides the rule's own severity in this profile
};

struct Profile {
    std::string_view name;
    std::string_view description;
    UploadTarget target;
    std::vector<ProfileRule> rules;
    ProfileParams params;

    [[nodiscard]] const ProfileRule* find(std::string_view id) const noexcept;
};

[[nodiscard]] std::span<const Profile> builtin_profiles();
[[nodiscard]] const Profile* find_profile(std::string_view name) noexcept;
// "unknown profile 'clodfront'; did you mean 'cloudfront'? valid profiles: ..."
[[nodiscard]] std::string unknown_profile_message(std::string_view name);
inline constexpr std::string_view kDefaultProfile = "iam-server";

}  // namespace certcheck
