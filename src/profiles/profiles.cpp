// Profiles: data only. Each is a named list of rule ids, with severity overrides where the
// upload target is stricter than the rule's default.
#include "certcheck/profile.hpp"

#include <vector>

namespace certcheck {

const ProfileRule* Profile::find(std::string_view id) const noexcept {
    for (const ProfileRule& r : rules) {
        if (r.id == id) return &r;
    }
    return nullptr;
}

std::span<const Profile> builtin_profiles() {
    static const std::vector<Profile> profiles = {
        Profile{
            "iam-server",
            "IAM server certificate: aws iam upload-server-certificate (ELB, CloudFront via /cloudfront/ paths)",
            UploadTarget::IamServerCertificate,
            {
                {"body-pem", {}},
                {"body-single-cert", {}},
                {"body-validity", {}},
                {"body-expiry-soon", {}},
                {"body-signature-algorithm", {}},
                {"key-pem", {}},
                {"key-unencrypted", {}},
                {"key-rsa-pkcs1", {}},
                {"key-size", {}},
                {"key-matches-cert", {}},
                {"chain-pem", {}},
                {"chain-no-leaf", {}},
                {"chain-order", {}},
                {"chain-no-extra", {}},
                {"chain-validity", {}},
                {"chain-complete", {}},
                {"chain-present", {}},
                {"request-size", {}},
                {"request-charset", {}},
                {"request-name", {}},
                {"request-path", {}},
                {"pem-line-endings", {}},
                {"pem-trailing-whitespace", {}},
                {"host-match", {}},
            },
        },
    };
    return profiles;
}

const Profile* find_profile(std::string_view name) noexcept {
    for (const Profile& p : builtin_profiles()) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

}  // namespace certcheck
