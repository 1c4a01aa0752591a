// acm-x509v3: ACM imports X.509 version 3 certificates only.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "acm-x509v3",
    Severity::Error,
    "The certificate is X.509 version 3",
    "ACM User Guide, prerequisites for importing certificates: the certificate must be an SSL/TLS X.509 version 3 "
    "certificate (AWS-RULES.md 3 acm-x509v3)",
    "have the certificate reissued as X.509 v3 (any CA does; with openssl, sign with an extensions section)",
};

class AcmX509v3 final : public Rule {
public:
    AcmX509v3() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        const long version = X509_get_version(leaf.x509.get()) + 1;
        const auto where = at_file(m.body, leaf.line);
        if (version == 3) return Result::pass("X.509 version 3", where);
        return Result::fail(fmt::format("{} is an X.509 version {} certificate; ACM imports version 3 only", leaf.label, version), where);
    }
};

}  // namespace

// catalogue: 300
std::unique_ptr<Validator> make_acm_x509v3() { return std::make_unique<AcmX509v3>(); }

}  // namespace certcheck::rules
