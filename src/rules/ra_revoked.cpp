// ra-revoked: neither the certificate nor an intermediate on its path to the trust anchor is
// revoked by a --crl, and every --crl comes from the anchor's hierarchy.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/rolesanywhere.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-revoked",
    Severity::Error,
    "Neither the certificate nor an intermediate on its path to the --trust-anchor is revoked by a --crl, and each --crl "
    "is signed within the anchor's hierarchy",
    "IAM Roles Anywhere User Guide, trust model: revocation is checked only against CRLs imported for the trust anchor "
    "(import-crl, PEM); no CRL distribution point or OCSP is fetched (AWS-RULES.md 5a ra-revocation)",
    "issue a new certificate (from a CA that is not revoked), or import the CRL the anchor's CA really publishes",
};

class RaRevoked final : public Rule {
public:
    RaRevoked() : Rule(kInfo, "no --crl, no --trust-anchor, or no certificate in the body could be read") {}
    bool applies(const Material& m, const Context& ctx) const override {
        const LoadedFile* anchor = trust_anchor(ctx);
        return m.leaf() != nullptr && anchor != nullptr && !anchor->certs.empty() && !ctx.roles_anywhere->crls.empty();
    }
    Result check(const Material& m, const Context& ctx) const override {
        const RolesAnywhereInputs& ra = *ctx.roles_anywhere;
        const Certificate& leaf = *m.leaf();
        const auto where = at_file(m.body, leaf.line);
        const PathCheck path = check_path(leaf.x509.get(), m.chain_certs, ra.anchor->certs, ra.crls, ctx.at);
        const auto first_of = [](const std::vector<std::string>& list) {
            std::string msg = list.front();
            if (list.size() > 1) msg += fmt::format(" (and {} more CRL problem{})", list.size() - 1, list.size() == 2 ? "" : "s");
            return msg;
        };
        if (!path.crl_errors.empty()) {
            return Result::fail(first_of(path.crl_errors), where,
                                "give the CRL the CA really published; Roles Anywhere rejects a CRL whose signature does not verify");
        }
        if (!path.trusted) {
            return Result::not_applicable("no path to the trust anchor, so revocation was not checked (see ra-chain-to-anchor)");
        }
        if (path.revoked) {
            return Result::fail(*path.revoked + "; Roles Anywhere refuses it", where,
                                path.revoked_intermediate ? "reissue the certificate from an intermediate CA that is not revoked"
                                                          : "issue a new certificate and retire this one");
        }
        // A CRL signed by no certificate this subject knows of (the anchor, its chain) may belong to
        // another intermediate under the anchor: `certcheck access`, which sees every chain, makes
        // that an error; one subject alone can only warn.
        const std::vector<std::string> foreign = foreign_crls(ra.crls, ra.anchor->certs, m.chain_certs, ctx.at);
        if (!foreign.empty()) {
            return Result::fail_as(Severity::Warn, first_of(foreign), where,
                                   "give only CRLs the anchor's CA or an intermediate under it published (import-crl ties each to the "
                                   "trust anchor)");
        }
        return Result::pass(fmt::format("not revoked by {} CRL{} ({})", ra.crls.size(), ra.crls.size() == 1 ? "" : "s", path.path_text()),
                            where);
    }
};

}  // namespace

// catalogue: 490
std::unique_ptr<Validator> make_ra_revoked() { return std::make_unique<RaRevoked>(); }

}  // namespace certcheck::rules
