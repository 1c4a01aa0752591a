// Profiles: data only. Each is a named list of rule ids, with severity overrides where the
// upload target is stricter than the rule's default.
#include "certcheck/profile.hpp"

#include <string>
#include <vector>

#include "common/suggest.hpp"

namespace certcheck {

const ProfileRule* Profile::find(std::string_view id) const noexcept {
    for (const ProfileRule& r : rules) {
        if (r.id == id) return &r;
    }
    return nullptr;
}

std::span<const Profile> builtin_profiles() {
    // The iam-server rules; cloudfront adds to them.
    const std::vector<ProfileRule> iam_server = {
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
        {"key-weak", {}},
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
        {"pem-leading-bytes", {}},
        {"host-match", {}},
    };
    std::vector<ProfileRule> cloudfront = iam_server;
    cloudfront.insert(cloudfront.end(), {{"cloudfront-path", {}}, {"cloudfront-key", {}}, {"chain-no-root", {}}});

    static const std::vector<Profile> profiles = {
        Profile{
            "iam-server",
            "IAM server certificate: aws iam upload-server-certificate (ELB, CloudFront via /cloudfront/ paths)",
            UploadTarget::IamServerCertificate,
            iam_server,
            ProfileParams{},
        },
        Profile{
            "cloudfront",
            "IAM server certificate for CloudFront: iam-server plus a /cloudfront/ path, RSA <= 2048 or ECDSA P-256, no root in the chain",
            UploadTarget::IamServerCertificate,
            cloudfront,
            ProfileParams{.key_accepts_ec_p256 = true},
        },
        Profile{
            "acm",
            "ACM import: aws acm import-certificate (v3, RSA 1024-4096 or EC P-256/384/521, ACM's byte limits)",
            UploadTarget::AcmImport,
            {
                {"body-pem", {}},
                {"body-single-cert", {}},
                {"body-validity", {}},
                {"body-expiry-soon", {}},
                {"key-pem", {}},
                {"key-unencrypted", {}},
                {"key-matches-cert", {}},
                {"key-weak", {}},
                {"chain-pem", {}},
                {"chain-no-leaf", {}},
                {"chain-order", {}},
                {"chain-no-extra", {}},
                {"chain-validity", {}},
                {"chain-complete", {}},
                {"chain-present", {}},
                {"pem-trailing-whitespace", Severity::Error},  // ACM then misreports "more than one certificate"
                {"pem-leading-bytes", {}},
                {"acm-x509v3", {}},
                {"acm-key-algorithm", {}},
                {"acm-size", {}},
                {"acm-issuer-key-algorithm", {}},
                {"acm-issuer-present", {}},
                {"acm-ocsp-url", {}},
            },
            ProfileParams{},
        },
        Profile{
            "iam-signing",
            "IAM signing certificate: aws iam upload-signing-certificate (the certificate only; the key is checked when given)",
            UploadTarget::IamSigningCertificate,
            {
                {"body-pem", {}},
                {"body-single-cert", {}},
                {"body-validity", {}},
                {"body-expiry-soon", {}},
                {"key-pem", {}},          // a --key is not uploaded, but when given it is validated (issue 14)
                {"key-unencrypted", {}},  // an encrypted key cannot be compared with the certificate
                {"key-size", {}},
                {"key-matches-cert", {}},
                {"key-weak", {}},
                {"request-size", {}},
                {"request-charset", {}},
                {"pem-leading-bytes", {}},
            },
            ProfileParams{},
        },
        Profile{
            "roles-anywhere",
            "IAM Roles Anywhere end-entity certificate (--trust-anchor, --trust-policy): v3, not a CA, digitalSignature, "
            "SHA-256+, a path to the anchor, session tags",
            UploadTarget::RolesAnywhere,
            {
                {"body-pem", {}},
                {"body-single-cert", {}},
                {"body-validity", {}},
                {"key-pem", {}},
                {"key-unencrypted", {}},  // reads the key as aws_signing_helper does (params.key_reader)
                {"key-matches-cert", {}},
                {"key-weak", {}},
                {"chain-pem", {}},  // --chain is the helper's --intermediates: CERTIFICATE blocks only
                {"ra-x509v3", {}},
                {"ra-basic-constraints", {}},
                {"ra-key-usage", {}},
                {"ra-signature-algorithm", {}},
                {"ra-subject-present", {}},
                {"ra-key-algorithm", {}},
                {"ra-chain-to-anchor", {}},
                {"ra-anchor-bundle", {}},
                {"ra-tag-values", {}},
                {"ra-trust-policy", {}},
                {"ra-revoked", {}},
                {"pem-leading-bytes", {}},
            },
            ProfileParams{.key_reader = KeyReader::RolesAnywhereHelper},
        },
        Profile{
            "endpoint",
            "What a TLS server serves (certcheck endpoint): the served chain's order, validity and completeness, the "
            "host name, and the files it should match (--cert, --chain)",
            UploadTarget::Deployed,
            {
                {"body-validity", {}},
                {"body-expiry-soon", {}},
                {"body-signature-algorithm", {}},
                {"chain-order", {}},
                {"chain-no-extra", {}},
                {"chain-validity", {}},
                {"host-match", {}},
                {"endpoint-chain-complete", {}},
                {"endpoint-serves-cert", {}},
                {"endpoint-serves-chain", {}},
                {"key-weak", {}},
            },
            ProfileParams{},
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

std::string unknown_profile_message(std::string_view name) {
    std::vector<std::string> names;
    std::string list;
    for (const Profile& p : builtin_profiles()) {
        names.emplace_back(p.name);
        list += (list.empty() ? "" : ", ") + std::string{p.name};
    }
    const std::string hint = did_you_mean(name, names);  // "; did you mean 'x'?"
    return "unknown profile '" + std::string{name} + "'" + (hint.empty() ? ";" : hint) + " valid profiles: " + list;
}

}  // namespace certcheck
