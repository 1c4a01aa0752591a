// request-name: --name is 1-128 characters of [A-Za-z0-9_+=,.@-].
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr std::size_t kMaxName = 128;

constexpr RuleInfo kInfo{
    "request-name", Severity::Error,
    "The certificate name is 1-128 characters of letters, digits and _+=,.@-",
    "IAM API UploadServerCertificate: ServerCertificateName 1-128, pattern [\\w+=,.@-]+; ValidationError \"It must "
    "contain only alphanumeric characters and/or the following: +=,.@_-\" (AWS-RULES.md 1a iam-name-length, iam-name-pattern)",
    "choose a name of letters, digits and _+=,.@- (no spaces, no slashes: the path goes in --path)",
};

bool allowed(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view{"_+=,.@-"}.find(c) != std::string_view::npos;
}

class RequestName final : public Rule {
public:
    RequestName() : Rule(kInfo, "no --name given") {}
    bool applies(const Material& m, const Context&) const override { return m.request.name.has_value(); }
    Result check(const Material& m, const Context&) const override {
        const std::string& name = *m.request.name;
        if (name.empty()) return Result::fail("--name is empty");
        if (name.size() > kMaxName) return Result::fail(fmt::format("--name is {} characters, over {}", name.size(), kMaxName));
        for (std::size_t i = 0; i < name.size(); ++i) {
            if (!allowed(name[i])) {
                const auto c = static_cast<unsigned char>(name[i]);
                const std::string shown = c >= 0x21 && c < 0x7f ? fmt::format("'{}'", name[i]) : fmt::format("byte 0x{:02X}", c);
                return Result::fail(fmt::format("--name has {} at position {}; only letters, digits and _+=,.@- are allowed",
                                                shown, i + 1));
            }
        }
        return Result::pass(fmt::format("--name '{}' is valid", name));
    }
};

}  // namespace

std::unique_ptr<Validator> make_request_name() { return std::make_unique<RequestName>(); }

}  // namespace certcheck::rules
