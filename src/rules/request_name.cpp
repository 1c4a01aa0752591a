// request-name: --name is 1-128 characters of [A-Za-z0-9_+=,.@-].
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "request-name",
    Severity::Error,
    "The certificate name is 1-128 characters of letters, digits and _+=,.@-",
    "IAM API UploadServerCertificate: ServerCertificateName 1-128, pattern [\\w+=,.@-]+; ValidationError \"It must "
    "contain only alphanumeric characters and/or the following: +=,.@_-\" (AWS-RULES.md 1a iam-name-length, iam-name-pattern)",
    "choose a name of letters, digits and _+=,.@- (no spaces, no slashes: the path goes in --path)",
};

class RequestName final : public Rule {
public:
    RequestName() : Rule(kInfo, "no --name given") {}
    bool applies(const Material& m, const Context&) const override { return m.request.name.has_value(); }
    Result check(const Material& m, const Context&) const override {
        const std::string& name = *m.request.name;
        if (auto problem = iam_name_problem(name, "--name")) return Result::fail(std::move(*problem));
        return Result::pass(fmt::format("--name '{}' is valid", name));
    }
};

}  // namespace

// catalogue: 210
std::unique_ptr<Validator> make_request_name() { return std::make_unique<RequestName>(); }

}  // namespace certcheck::rules
