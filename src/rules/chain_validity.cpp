// chain-validity: every chain certificate is inside its validity window at --at, and every
// certificate that issues another on the path may issue (CA, keyCertSign, path length, name
// constraints).
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-validity",
    Severity::Error,
    "Every chain certificate is valid at the checked time, and every issuer on the path may issue certificates",
    "RFC 5280 6.1.3 (a)(2): every certificate on the path must be within its validity period; IAM rejects "
    "expired material (AWS-RULES.md 1b iam-validity-window); RFC 5280 6.1.4 (k), (l), (n): every "
    "issuer on the path is a CA (basicConstraints CA:TRUE) with keyCertSign, within its path length constraint, "
    "or clients reject the path; RFC 5280 6.1.3 (b), (c): every name of a certificate lies within the name "
    "constraints of the CAs above it",
    "replace the expired or not-yet-valid certificate with the CA's current intermediate",
};

// Which certificate may not issue, named as the chain file names it, and what it signed.
Result issuer_fault_result(const Material& m, const ChainModel& model, const IssuerFault& fault) {
    const auto name = [&](std::size_t depth) {
        if (depth == 0) return fmt::format("the body ({})", m.leaf()->label);
        const PathLink& l = model.path[depth - 1];
        if (l.source == ChainSource::Chain) return chain_ref(m, l.index);
        return fmt::format("{} (from {})", l.cert->label, l.source == ChainSource::TrustStore ? "the trust store" : "another input");
    };
    const PathLink& link = model.path[fault.depth - 1];
    const auto where = link.source == ChainSource::Chain ? at_file(*m.chain, link.cert->line) : at_file(*m.chain);
    if (fault.constrained) {
        return Result::fail(fmt::format("{} {}, a name of {}: clients that enforce name constraints (browsers, OpenSSL) reject "
                                        "this path although every signature verifies",
                                        name(fault.depth), fault.reason, name(*fault.constrained)),
                            where,
                            "a certificate's names must lie inside the permitted subtrees of every CA above it and outside "
                            "their excluded ones: reissue the certificate without that name, or have it issued by a CA whose "
                            "name constraints allow it");
    }
    return Result::fail(fmt::format("{} {}; it issued {}: clients reject this path although every signature verifies",
                                    name(fault.depth), fault.reason, name(fault.depth - 1)),
                        where,
                        "use the intermediate your CA publishes for this certificate; if you run the CA, re-issue this CA "
                        "certificate with basicConstraints=critical,CA:TRUE and keyUsage=critical,keyCertSign,cRLSign "
                        "(openssl x509 -req ... -extfile FILE -extensions SECTION), then the certificates below it");
}

class ChainValidity final : public Rule {
public:
    ChainValidity() : Rule(kInfo, "no chain certificate could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const std::string at = x509::format_time(ctx.at);
        // Every certificate of the file is judged (AWS judges the file it is given: "The
        // certificate chain has expired"); one that is off the issuing path gets the advice to
        // remove it rather than to replace it (an expired copy next to its valid re-issue).
        const ChainModel* model = chain_model(m, ctx);
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            bool off_path = false;
            if (model != nullptr && model->end != PathEnd::TooMany && i < model->chain.size()) {
                const ChainRole role = model->chain[i].role;
                off_path = role == ChainRole::Duplicate || role == ChainRole::Alternate || role == ChainRole::Unrelated ||
                           role == ChainRole::LeafCopy;
            }
            X509* x = m.chain_certs[i].x509.get();
            const auto where = at_file(*m.chain, m.chain_certs[i].line);
            const Window w = window_at(x, ctx.at);
            if (w == Window::Inside) continue;
            const std::string ref = chain_ref(m, static_cast<int>(i));  // named only when it fails: O(n) per name
            std::string why;
            switch (w) {
                case Window::Inside: continue;
                case Window::NotYetValid: why = fmt::format("{} is not valid until {} (checked at {})", ref, not_before(x), at); break;
                case Window::Expired: why = fmt::format("{} expired on {} (checked at {})", ref, not_after(x), at); break;
                case Window::Unreadable: why = fmt::format("{} has a validity time that cannot be read", ref); break;
            }
            if (!off_path) return Result::fail(why, where);
            return Result::fail(why + "; it is not on the leaf's issuing path", where,
                                "remove it from the chain file (certcheck fix writes the chain without it); the certificates "
                                "on the path are what clients need");
        }
        if (model != nullptr && model->fault) return issuer_fault_result(m, *model, *model->fault);
        return Result::pass(m.chain_certs.size() == 1 ? fmt::format("the chain certificate is valid at {}", at)
                                                      : fmt::format("all {} chain certificates are valid at {}", m.chain_certs.size(), at),
                            at_file(*m.chain));
    }
};

}  // namespace

// catalogue: 160
std::unique_ptr<Validator> make_chain_validity() { return std::make_unique<ChainValidity>(); }

}  // namespace certcheck::rules
