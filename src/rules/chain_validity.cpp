// chain-validity: every chain certificate is inside its validity window at --at.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-validity", Severity::Error,
    "Every chain certificate is valid at the checked time",
    "RFC 5280 6.1.3 (a)(2): every certificate on the path must be within its validity period; IAM rejects "
    "expired material (AWS-RULES.md 1b iam-validity-window)",
    "replace the expired or not-yet-valid certificate with the CA's current intermediate",
};

class ChainValidity final : public Rule {
public:
    ChainValidity() : Rule(kInfo, "no chain certificate could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const std::string at = x509::format_time(ctx.at);
        // Certificates to remove anyway (chain-no-extra names them) are not judged twice.
        const ChainModel* model = chain_model(m, ctx);
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            if (model != nullptr && model->end != PathEnd::TooMany) {
                const ChainRole role = model->chain[i].role;
                if (role == ChainRole::Duplicate || role == ChainRole::Alternate || role == ChainRole::Unrelated) continue;
            }
            X509* x = m.chain_certs[i].x509.get();
            const auto where = at_file(*m.chain, m.chain_certs[i].line);
            const std::string ref = chain_ref(m, static_cast<int>(i));
            switch (window_at(x, ctx.at)) {
                case Window::Inside: break;
                case Window::NotYetValid:
                    return Result::fail(fmt::format("{} is not valid until {} (checked at {})", ref, not_before(x), at), where);
                case Window::Expired:
                    return Result::fail(fmt::format("{} expired on {} (checked at {})", ref, not_after(x), at), where);
                case Window::Unreadable:
                    return Result::fail(fmt::format("{} has a validity time that cannot be read", ref), where);
            }
        }
        return Result::pass(fmt::format("all {} chain certificate{} valid at {}", m.chain_certs.size(),
                                        m.chain_certs.size() == 1 ? " is" : "s are", at),
                            at_file(*m.chain));
    }
};

}  // namespace

std::unique_ptr<Validator> make_chain_validity() { return std::make_unique<ChainValidity>(); }

}  // namespace certcheck::rules
