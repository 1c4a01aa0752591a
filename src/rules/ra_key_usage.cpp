// ra-key-usage: the end-entity certificate may sign (digitalSignature); the anchor may issue (keyCertSign).
#include "rules/rules.hpp"

#include <fmt/format.h>
#include <openssl/x509v3.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-key-usage",
    Severity::Error,
    "The end-entity keyUsage includes digitalSignature; every trust anchor's keyUsage includes keyCertSign",
    "IAM Roles Anywhere User Guide, trust model: the end-entity keyUsage MUST include Digital Signature; a trust "
    "anchor MUST include Certificate Sign (AWS-RULES.md 5a ra-ee-ku, 5b ra-ta-ku)",
    "issue the end-entity certificate with keyUsage = critical, digitalSignature",
};

bool has_usage(X509* x, std::uint32_t bit) {
    return (X509_get_extension_flags(x) & EXFLAG_KUSAGE) != 0 && (X509_get_key_usage(x) & bit) != 0;
}

class RaKeyUsage final : public Rule {
public:
    RaKeyUsage() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        const Certificate& leaf = *m.leaf();
        X509* x = leaf.x509.get();
        if (!has_usage(x, KU_DIGITAL_SIGNATURE)) {
            const bool none = (X509_get_extension_flags(x) & EXFLAG_KUSAGE) == 0;
            return Result::fail(fmt::format("{} {}; Roles Anywhere requires digitalSignature, since the certificate's key signs "
                                            "each CreateSession request",
                                            leaf.label, none ? "has no keyUsage extension" : "has a keyUsage without digitalSignature"),
                                at_file(m.body, leaf.line));
        }
        if (const LoadedFile* anchor = trust_anchor(ctx)) {
            for (std::size_t i = 0; i < anchor->certs.size(); ++i) {
                if (!has_usage(anchor->certs[i].x509.get(), KU_KEY_CERT_SIGN)) {
                    return Result::fail(fmt::format("{} has no keyCertSign in its keyUsage; a trust anchor must be allowed to sign certificates",
                                                    anchor_ref(*anchor, i)),
                                        at_file(anchor->file, anchor->certs[i].line),
                                        "use a CA certificate whose keyUsage includes keyCertSign as the anchor");
                }
            }
            return Result::pass("digitalSignature on the certificate, keyCertSign on every trust anchor", at_file(m.body, leaf.line));
        }
        return Result::pass("keyUsage includes digitalSignature", at_file(m.body, leaf.line));
    }
};

}  // namespace

// catalogue: 380
std::unique_ptr<Validator> make_ra_key_usage() { return std::make_unique<RaKeyUsage>(); }

}  // namespace certcheck::rules
