// body-signature-algorithm: the body and chain are not signed with MD5 or SHA-1.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "body-signature-algorithm",
    Severity::Warn,
    "Neither the body nor a chain certificate is signed with MD5 or SHA-1",
    "RFC 5280 4.1.1.2 and the SHA-1 deprecation by browsers and TLS clients; IAM itself is silent "
    "(AWS-RULES.md Open questions 5; Roles Anywhere requires SHA-256 or stronger, 5a ra-sig-alg)",
    "have the certificate reissued with a SHA-256 (or stronger) signature; for an intermediate, get the CA's current one",
};

class BodySignatureAlgorithm final : public Rule {
public:
    BodySignatureAlgorithm() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        if (x509::weak_signature(leaf.x509.get())) {
            return Result::fail(fmt::format("the body ({}) is signed with {}", leaf.label,
                                            x509::signature_algorithm(leaf.x509.get())),
                                at_file(m.body, leaf.line));
        }
        // A self-signed root's own signature is never checked by clients, so it is not judged.
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            X509* x = m.chain_certs[i].x509.get();
            if (x509::weak_signature(x) && !m.chain_certs[i].self_signed) {
                return Result::fail(fmt::format("{} is signed with {}", chain_ref(m, static_cast<int>(i)),
                                                x509::signature_algorithm(x)),
                                    at_file(*m.chain, m.chain_certs[i].line));
            }
        }
        return Result::pass(fmt::format("signed with {}", x509::signature_algorithm(leaf.x509.get())),
                            at_file(m.body, leaf.line));
    }
};

}  // namespace

// catalogue: 50
std::unique_ptr<Validator> make_body_signature_algorithm() { return std::make_unique<BodySignatureAlgorithm>(); }

}  // namespace certcheck::rules
