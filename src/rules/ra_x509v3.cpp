// ra-x509v3: Roles Anywhere takes X.509 version 3 end-entity and trust-anchor certificates only.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-x509v3",
    Severity::Error,
    "The end-entity certificate and every trust-anchor certificate are X.509 version 3",
    "IAM Roles Anywhere User Guide, trust model: the signing certificate MUST be X.509v3 "
    "(AWS-RULES.md 5a ra-ee-v3)",
    "have the certificate reissued as X.509 v3 with the extensions Roles Anywhere needs (basicConstraints, keyUsage)",
};

long version(X509* x) { return X509_get_version(x) + 1; }

class RaX509v3 final : public Rule {
public:
    RaX509v3() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        const Certificate& leaf = *m.leaf();
        if (version(leaf.x509.get()) != 3) {
            return Result::fail(fmt::format("{} is an X.509 version {} certificate; Roles Anywhere requires version 3", leaf.label,
                                            version(leaf.x509.get())),
                                at_file(m.body, leaf.line));
        }
        if (const LoadedFile* anchor = trust_anchor(ctx)) {
            for (std::size_t i = 0; i < anchor->certs.size(); ++i) {
                X509* x = anchor->certs[i].x509.get();
                if (version(x) != 3) {
                    return Result::fail(fmt::format("{} is an X.509 version {} certificate; a trust anchor must be version 3",
                                                    anchor_ref(*anchor, i), version(x)),
                                        at_file(anchor->file, anchor->certs[i].line),
                                        "use a CA certificate issued as X.509 v3 with CA:true and keyCertSign");
                }
            }
            return Result::pass("the certificate and the trust anchor are X.509 version 3", at_file(m.body, leaf.line));
        }
        return Result::pass("X.509 version 3", at_file(m.body, leaf.line));
    }
};

}  // namespace

// catalogue: 360
std::unique_ptr<Validator> make_ra_x509v3() { return std::make_unique<RaX509v3>(); }

}  // namespace certcheck::rules
