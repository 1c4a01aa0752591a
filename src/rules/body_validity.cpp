// body-validity: the body is inside its validity window at --at.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "body-validity",
    Severity::Error,
    "The certificate is valid at the checked time (notBefore <= --at <= notAfter)",
    "IAM API UploadServerCertificate: MalformedCertificate covers a malformed or expired certificate; a notBefore "
    "in the future is rejected too (AWS-RULES.md 1b iam-validity-window)",
    "get a certificate that is valid now: renew it, or wait for its notBefore (check the clock of the machine that issued it)",
};

class BodyValidity final : public Rule {
public:
    BodyValidity() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        const Certificate& c = *m.leaf();
        X509* x = c.x509.get();
        const std::string at = x509::format_time(ctx.at);
        const auto where = at_file(m.body, c.line);
        switch (window_at(x, ctx.at)) {
            case Window::Inside:
                return Result::pass(fmt::format("valid from {} to {} (checked at {})", not_before(x), not_after(x), at), where);
            case Window::NotYetValid:
                return Result::fail(fmt::format("{} is not valid until {} (checked at {})", c.label, not_before(x), at), where,
                                    "wait until its notBefore, or have it reissued; AWS rejects a certificate that is not yet valid");
            case Window::Expired:
                return Result::fail(fmt::format("{} expired on {} (checked at {})", c.label, not_after(x), at), where,
                                    "renew the certificate with your CA and check the new one");
            case Window::Unreadable: break;
        }
        return Result::fail(fmt::format("{} has a validity time that cannot be read", c.label), where);
    }
};

}  // namespace

// catalogue: 30
std::unique_ptr<Validator> make_body_validity() { return std::make_unique<BodyValidity>(); }

}  // namespace certcheck::rules
