// ra-revoked: neither the certificate nor an intermediate on its path to the trust anchor is
// revoked by a --crl, and every --crl comes from the anchor's hierarchy.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/rolesanywhere.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-revoked", Severity::Error,
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
        std::vector<std::string> errors = foreign_crls(ra.crls, ra.anchor->certs, m.chain_certs, ctx.at);
        const PathCheck path = check_path(leaf.x509.get(), m.chain_certs, ra.anchor->certs, ra.crls, ctx.at);
        errors.insert(errors.end(), path.crl_errors.begin(), path.crl_errors.end());
        if (!errors.empty()) {
            std::string msg = errors.front();
            if (errors.size() > 1) msg += fmt::format(" (and {} more CRL problem{})", errors.size() - 1, errors.size() == 2 ? "" : "s");
            return Result::fail(std::move(msg), where,
                                "give the CRLs the anchor's CA (or an intermediate under it) publishes; Roles Anywhere rejects a "
                                "CRL it cannot tie to the trust anchor");
        }
        if (!path.trusted) {
            return Result::not_applicable("no path to the trust anchor, so revocation was not checked (see ra-chain-to-anchor)");
        }
        if (path.revoked) {
            return Result::fail(*path.revoked + "; Roles Anywhere refuses it", where,
                                path.revoked_intermediate ? "reissue the certificate from an intermediate CA that is not revoked"
                                                          : "issue a new certificate and retire this one");
        }
        return Result::pass(fmt::format("not revoked by {} CRL{} ({})", ra.crls.size(), ra.crls.size() == 1 ? "" : "s", path.path_text()),
                            where);
    }
};

}  // namespace

std::unique_ptr<Validator> make_ra_revoked() { return std::make_unique<RaRevoked>(); }

}  // namespace certcheck::rules
