// endpoint-serves-cert: the server serves the certificate in --cert (a renewal is deployed).
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "endpoint/endpoint.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "endpoint-serves-cert",
    Severity::Error,
    "The server serves the certificate in the --cert file",
    "IAM User Guide, after upload: verify the IAM certificate object and use an SSL checker to verify the "
    "deployed certificate (AWS-RULES.md 1b); a renewed certificate that was uploaded but not attached to the "
    "listener or distribution is not served",
    "attach the uploaded certificate to the load balancer listener or CloudFront distribution (or restart the "
    "server), then check again",
};

std::string describe_cert(X509* x) {
    return fmt::format("{} (valid {} to {})", x509::short_label(x), not_before(x), not_after(x));
}

class EndpointServesCert final : public Rule {
public:
    EndpointServesCert() : Rule(kInfo, "no --cert given to compare the served certificate with") {}
    bool applies(const Material& m, const Context& ctx) const override {
        return ctx.endpoint != nullptr && ctx.endpoint->expected_cert && m.leaf() != nullptr;
    }
    Result check(const Material& m, const Context& ctx) const override {
        const LoadedFile& want = *ctx.endpoint->expected_cert;
        if (want.certs.empty()) return Result::not_applicable(fmt::format("{} holds no readable certificate", want.file.path));
        X509* served = m.leaf()->x509.get();
        X509* expected = want.certs.front().x509.get();
        const auto where = at_file(m.body);
        if (x509::same_cert(served, expected)) {
            return Result::pass(fmt::format("the server serves the certificate in {}", want.file.path), where);
        }
        std::string hint = fmt::format("the server still serves {}; deploy the certificate of {}", describe_cert(served),
                                       want.file.path);
        const auto served_end = x509::to_time(X509_get0_notAfter(served));
        const auto file_end = x509::to_time(X509_get0_notAfter(expected));
        if (X509_NAME_cmp(X509_get_subject_name(served), X509_get_subject_name(expected)) == 0 && served_end && file_end &&
            *file_end > *served_end) {
            hint =
                "the file holds a renewal that is not deployed yet: attach it to the listener or distribution "
                "(or reload the server)";
        }
        return Result::fail(fmt::format("the server serves {}, not the certificate in {}, {}", describe_cert(served),
                                        want.file.path, describe_cert(expected)),
                            where, hint);
    }
};

}  // namespace

// catalogue: 470
std::unique_ptr<Validator> make_endpoint_serves_cert() { return std::make_unique<EndpointServesCert>(); }

}  // namespace certcheck::rules
