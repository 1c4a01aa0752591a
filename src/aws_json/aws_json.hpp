// --aws-json FILE: what the aws CLI prints about certificates AWS stores, as subjects to check.
//   iam get-server-certificate     ServerCertificate.{CertificateBody, CertificateChain, ServerCertificateMetadata}
//   acm get-certificate            Certificate, CertificateChain (PEM strings)
//   iam list-server-certificates   ServerCertificateMetadataList[].{ServerCertificateName, Arn, Expiration}   (metadata only)
//   acm describe-certificate       Certificate.{CertificateArn, DomainName, NotBefore, NotAfter, Status, RevokedAt}  (metadata only)
//   acm list-certificates          CertificateSummaryList[], the same fields                                  (metadata only)
//   iam list-signing-certificates  Certificates[].{UserName, CertificateId, CertificateBody, Status}
// Timestamps are read as the CLI prints them: ISO 8601 strings (v2) or epoch seconds (v1).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "certcheck/engine.hpp"
#include "certcheck/material.hpp"
#include "certcheck/report.hpp"
#include "certcheck/validator.hpp"

namespace certcheck {

struct AwsJsonSubject {
    std::string name;                 // the certificate name, the ARN, or USER/CERTIFICATE-ID
    std::string origin;               // "certs.json#ServerCertificateMetadataList[2]"
    std::string command;              // "aws iam list-server-certificates"
    std::optional<std::string> body;  // PEM as stored (certificate material), or none: metadata only
    std::optional<std::string> chain;
    std::optional<std::time_t> not_before;  // metadata only
    std::optional<std::time_t> not_after;
    std::optional<std::string> status;             // signing certificates: Active / Inactive / Expired; ACM: ISSUED, REVOKED, ...
    std::optional<std::time_t> revoked_at;         // ACM RevokedAt
    std::optional<std::string> revocation_reason;  // ACM RevocationReason
    Request request;                               // IAM server certificates: the stored ServerCertificateName and Path, the upload's request
};

// Reads the aws CLI's JSON (at most kMaxInputBytes); "-" reads standard input. Throws InputError
// naming the file for unreadable input, JSON that does not parse, or JSON of none of these shapes.
[[nodiscard]] std::vector<AwsJsonSubject> read_aws_json(const std::string& path);
[[nodiscard]] std::vector<AwsJsonSubject> parse_aws_json(const std::string& text, const std::string& path);

// Checks one subject: with a body, the ordinary rules on the body and chain as stored; with
// metadata only, body-validity and body-expiry-soon judged from its dates (and ACM's REVOKED status)
// at ctx.at, the request rules (request-name, request-path, cloudfront-path) from the stored name and
// Path, every other rule not-applicable. `hosts` (--host) are checked against every stored body.
[[nodiscard]] SubjectReport check_aws_json_subject(const AwsJsonSubject& s, const std::vector<SelectedRule>& rules,
                                                   const Context& ctx, Status fail_on,
                                                   const std::vector<std::string>& hosts = {});

}  // namespace certcheck
