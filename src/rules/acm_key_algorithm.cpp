// acm-key-algorithm: ACM imports RSA 1024/2048/3072/4096 and EC P-256/P-384/P-521 keys.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "acm-key-algorithm",
    Severity::Error,
    "The key is RSA 1024/2048/3072/4096 or EC P-256/P-384/P-521",
    "ACM User Guide, prerequisites for importing certificates, and the ImportCertificate KeyAlgorithm enum "
    "RSA_1024...EC_secp521r1 (AWS-RULES.md 3 acm-key-alg)",
    "issue the certificate for an RSA 2048-bit or an EC P-256 key",
};

bool supported(const KeyKind& k) {
    if (k.algorithm == "RSA") return k.bits == 1024 || k.bits == 2048 || k.bits == 3072 || k.bits == 4096;
    if (k.algorithm == "EC") return k.curve == "P-256" || k.curve == "P-384" || k.curve == "P-521";
    return false;
}

class AcmKeyAlgorithm final : public Rule {
public:
    AcmKeyAlgorithm() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        const KeyKind k = key_kind(X509_get0_pubkey(leaf.x509.get()));
        const auto where = at_file(m.body, leaf.line);
        if (supported(k)) return Result::pass(fmt::format("{} key: ACM imports it", k.describe()), where);
        const std::string hint = k.algorithm == "RSA"
                                     ? std::string{"issue the certificate for an RSA key of 1024, 2048, 3072 or 4096 bits (2048 is the usual choice)"}
                                     : std::string{"issue the certificate for an RSA 2048-bit key or an EC key on P-256, P-384 or P-521"};
        return Result::fail(fmt::format("the certificate's key is {}; ACM imports RSA 1024/2048/3072/4096 and EC P-256/P-384/P-521 only",
                                        k.describe()),
                            where, hint);
    }
};

}  // namespace

// catalogue: 310
std::unique_ptr<Validator> make_acm_key_algorithm() { return std::make_unique<AcmKeyAlgorithm>(); }

}  // namespace certcheck::rules
