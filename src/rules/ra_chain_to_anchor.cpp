// ra-chain-to-anchor: a PKIX path from the certificate through --chain to a --trust-anchor
// certificate at --at, of at most 5 certificates.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/rolesanywhere.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-chain-to-anchor",
    Severity::Error,
    "The certificate chains (PKIX, at --at) through --chain to a --trust-anchor certificate, in at most 5 certificates",
    "IAM Roles Anywhere User Guide, trust model: the signing certificate MUST chain to a trust anchor; the "
    "X-Amz-X509-Chain MUST NOT exceed depth 5 (AWS-RULES.md 5a ra-chain-to-anchor, ra-chain-header; cause 22)",
    "pass the intermediates with --chain, and the CA certificate registered as the trust anchor with --trust-anchor",
};

class RaChainToAnchor final : public Rule {
public:
    RaChainToAnchor() : Rule(kInfo, "no --trust-anchor was given, or no certificate could be read from it or from the body") {}
    bool applies(const Material& m, const Context& ctx) const override {
        const LoadedFile* anchor = trust_anchor(ctx);
        return m.leaf() != nullptr && anchor != nullptr && !anchor->certs.empty();
    }
    Result check(const Material& m, const Context& ctx) const override {
        const LoadedFile& anchor = *trust_anchor(ctx);
        const Certificate& leaf = *m.leaf();
        const auto where = at_file(m.body, leaf.line);
        const ChainModel& model = *chain_model(m, ctx);
        if (model.end != PathEnd::Anchor) {
            return Result::fail(fmt::format("no path from {} to the trust anchor {}: {}", leaf.label, shell_quote(anchor.file.path),
                                            model.end == PathEnd::Missing || model.end == PathEnd::TooMany
                                                ? describe_end(model, ctx)
                                                : describe_end(model, ctx) + ", which is not a certificate of the trust anchor"),
                                where);
        }
        // The path the model found, verified as PKIX at --at with the anchor as the only trust
        // (the verification Roles Anywhere's other checks share: revocation, access).
        std::vector<X509*> path_certs;
        path_certs.reserve(model.path.size());
        for (const PathLink& l : model.path) path_certs.push_back(l.cert->x509.get());
        const PathCheck verified = verify_to_anchor(leaf.x509.get(), path_certs, anchor.certs, ctx.at);
        if (verified.error != 0) {
            return Result::fail(fmt::format("no path from {} to the trust anchor {}: {}", leaf.label, shell_quote(anchor.file.path),
                                            verified.verify_error),
                                where);
        }
        const std::size_t length = model.path.size() + 1;
        std::string path = leaf.label;
        for (const PathLink& l : model.path) path += " -> " + l.cert->label;
        if (length > static_cast<std::size_t>(kMaxRolesAnywherePath)) {
            return Result::fail(fmt::format("the path to the trust anchor has {} certificates ({}); Roles Anywhere accepts at most {}",
                                            length, path, kMaxRolesAnywherePath),
                                where,
                                "register an intermediate CA closer to the certificate as the trust anchor, or issue from a shallower CA");
        }
        return Result::pass(fmt::format("verified at {}: {} ({} certificate{})", x509::format_time(ctx.at), path, length,
                                        length == 1 ? "" : "s"),
                            where);
    }
};

}  // namespace

// catalogue: 420
std::unique_ptr<Validator> make_ra_chain_to_anchor() { return std::make_unique<RaChainToAnchor>(); }

}  // namespace certcheck::rules
