// ra-basic-constraints: the end-entity certificate is not a CA; the trust anchor is.
#include "rules/rules.hpp"

#include <fmt/format.h>
#include <openssl/x509v3.h>

#include "certcheck/openssl.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-basic-constraints",
    Severity::Error,
    "The end-entity certificate is not a CA (CA:false or no basicConstraints); every trust anchor has CA:true",
    "IAM Roles Anywhere User Guide, trust model: an end-entity basicConstraints CA field, if present, MUST be false; "
    "a trust anchor MUST include CA:true (AWS-RULES.md 5a ra-ee-bc, 5b ra-ta-bc; Open question 10)",
    "issue the end-entity certificate with basicConstraints CA:false, and use a CA certificate (CA:true) as the anchor",
};

// nullopt: no basicConstraints extension; otherwise its CA flag.
std::optional<bool> ca_flag(X509* x) {
    int crit = 0;
    auto* bc = static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(x, NID_basic_constraints, &crit, nullptr));
    ossl::clear_errors();
    if (bc == nullptr) return std::nullopt;
    const bool ca = bc->ca != 0;
    BASIC_CONSTRAINTS_free(bc);
    return ca;
}

class RaBasicConstraints final : public Rule {
public:
    RaBasicConstraints() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        const Certificate& leaf = *m.leaf();
        const auto leaf_ca = ca_flag(leaf.x509.get());
        if (leaf_ca.value_or(false)) {
            return Result::fail(fmt::format("{} has basicConstraints CA:true; Roles Anywhere refuses a CA certificate as the "
                                            "end-entity certificate",
                                            leaf.label),
                                at_file(m.body, leaf.line),
                                "issue an end-entity certificate (basicConstraints CA:false) for the workload; keep the CA for signing");
        }
        std::string msg = leaf_ca ? "the end-entity certificate has CA:false" : "the end-entity certificate has no basicConstraints (not a CA)";
        if (const LoadedFile* anchor = trust_anchor(ctx)) {
            for (std::size_t i = 0; i < anchor->certs.size(); ++i) {
                if (!ca_flag(anchor->certs[i].x509.get()).value_or(false)) {
                    return Result::fail(fmt::format("{} is not a CA certificate (no basicConstraints CA:true); a trust anchor must be one",
                                                    anchor_ref(*anchor, i)),
                                        at_file(anchor->file, anchor->certs[i].line),
                                        "use the root or intermediate CA certificate that issued the end-entity certificate as the anchor");
                }
            }
            msg += "; every trust-anchor certificate has CA:true";
        }
        return Result::pass(msg, at_file(m.body, leaf.line));
    }
};

}  // namespace

// catalogue: 370
std::unique_ptr<Validator> make_ra_basic_constraints() { return std::make_unique<RaBasicConstraints>(); }

}  // namespace certcheck::rules
