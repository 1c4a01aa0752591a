// body-expiry-soon: the body expires within --expiry-warn days.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "body-expiry-soon",
    Severity::Warn,
    "The certificate does not expire within --expiry-warn days (default 30)",
    "certcheck policy on IAM's validity check: AWS keeps serving an uploaded certificate until it expires "
    "(AWS-RULES.md 1b iam-validity-window)",
    "renew the certificate before uploading it, or lower --expiry-warn if a short life is intended",
};

class BodyExpirySoon final : public Rule {
public:
    BodyExpirySoon() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        const Certificate& c = *m.leaf();
        X509* x = c.x509.get();
        if (window_at(x, ctx.at) != Window::Inside) {
            return Result::not_applicable("the certificate is outside its validity window (see body-validity)");
        }
        const auto end = x509::to_time(X509_get0_notAfter(x));
        if (!end) return Result::not_applicable("the certificate's notAfter cannot be read");
        const double seconds_left = static_cast<double>(*end - ctx.at);
        const auto days_left = static_cast<long long>(seconds_left / 86400.0);
        const auto where = at_file(m.body, c.line);
        if (seconds_left < static_cast<double>(ctx.expiry_warn_days) * 86400.0) {
            return Result::fail(fmt::format("{} expires on {}, in {} day{} (warning threshold {} days)", c.label,
                                            x509::format_time(*end), days_left, days_left == 1 ? "" : "s",
                                            ctx.expiry_warn_days),
                                where);
        }
        return Result::pass(fmt::format("expires on {}, in {} days", x509::format_time(*end), days_left), where);
    }
};

}  // namespace

// catalogue: 40
std::unique_ptr<Validator> make_body_expiry_soon() { return std::make_unique<BodyExpirySoon>(); }

}  // namespace certcheck::rules
