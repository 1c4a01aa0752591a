// cloudfront-path: the IAM path is /cloudfront/…/, or CloudFront never offers the certificate.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "cloudfront-path",
    Severity::Error,
    "The IAM path begins with /cloudfront and ends with / (--path /cloudfront/NAME/)",
    "IAM API UploadServerCertificate and CloudFront Developer Guide: to use the certificate with CloudFront the path "
    "must begin with /cloudfront and end with / (AWS-RULES.md 1a iam-path-cloudfront, 1d cf-iam-path; cause 14)",
    "upload with --path /cloudfront/NAME/ (for example /cloudfront/prod/)",
};

class CloudfrontPath final : public Rule {
public:
    CloudfrontPath() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        if (!m.request.path) {
            return Result::fail("no --path given: a certificate uploaded under the default path / is not offered to CloudFront",
                                std::nullopt, "give the path you will upload with: --path /cloudfront/NAME/");
        }
        const std::string& p = *m.request.path;
        if (p.starts_with("/cloudfront/") && p.ends_with("/")) {
            return Result::pass(fmt::format("the path {} is a CloudFront path", p));
        }
        return Result::fail(fmt::format(
            "the path '{}' does not begin with /cloudfront/ and end with /, so CloudFront will "
            "not list the certificate",
            p));
    }
};

}  // namespace

// catalogue: 270
std::unique_ptr<Validator> make_cloudfront_path() { return std::make_unique<CloudfrontPath>(); }

}  // namespace certcheck::rules
