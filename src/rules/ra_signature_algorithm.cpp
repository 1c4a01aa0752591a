// ra-signature-algorithm: no MD5 or SHA-1 signature anywhere on the path (Roles Anywhere rejects them).
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-signature-algorithm",
    Severity::Error,
    "No certificate (end-entity, chain, trust anchor) is signed with MD5 or SHA-1",
    "IAM Roles Anywhere User Guide, trust model: the signing algorithm MUST be SHA256 or stronger; MD5 and SHA1 are "
    "rejected, for trust-anchor certificates too (AWS-RULES.md 5a ra-sig-alg, 5b ra-ta-sigalg)",
    "have the certificate reissued with a SHA-256 (or stronger) signature",
};

class RaSignatureAlgorithm final : public Rule {
public:
    RaSignatureAlgorithm() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        const Certificate& leaf = *m.leaf();
        if (x509::weak_signature(leaf.x509.get())) {
            return Result::fail(fmt::format("{} is signed with {}; Roles Anywhere requires SHA-256 or stronger", leaf.label,
                                            x509::signature_algorithm(leaf.x509.get())),
                                at_file(m.body, leaf.line));
        }
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            X509* x = m.chain_certs[i].x509.get();
            if (x509::weak_signature(x)) {
                return Result::fail(fmt::format("{} is signed with {}; Roles Anywhere requires SHA-256 or stronger",
                                                chain_ref(m, static_cast<int>(i)), x509::signature_algorithm(x)),
                                    at_file(*m.chain, m.chain_certs[i].line), "get the CA's current SHA-256 intermediate certificate");
            }
        }
        if (const LoadedFile* anchor = trust_anchor(ctx)) {
            for (std::size_t i = 0; i < anchor->certs.size(); ++i) {
                X509* x = anchor->certs[i].x509.get();
                if (x509::weak_signature(x)) {
                    return Result::fail(fmt::format("{} is signed with {}; Roles Anywhere rejects MD5 and SHA-1 on trust anchors too",
                                                    anchor_ref(*anchor, i), x509::signature_algorithm(x)),
                                        at_file(anchor->file, anchor->certs[i].line),
                                        "use a CA certificate signed with SHA-256 or stronger as the anchor");
                }
            }
        }
        return Result::pass(fmt::format("signed with {}", x509::signature_algorithm(leaf.x509.get())), at_file(m.body, leaf.line));
    }
};

}  // namespace

// catalogue: 390
std::unique_ptr<Validator> make_ra_signature_algorithm() { return std::make_unique<RaSignatureAlgorithm>(); }

}  // namespace certcheck::rules
