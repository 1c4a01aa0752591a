// acm-issuer-key-algorithm: the certificate's key algorithm is its issuing CA's (RSA under RSA, EC under EC).
#include "rules/rules.hpp"

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "acm-issuer-key-algorithm",
    Severity::Error,
    "The certificate's key algorithm is the issuing CA's (RSA under an RSA CA, EC under an EC CA)",
    "ACM API ImportCertificate (botocore model): the key algorithm of the imported certificate must match the "
    "algorithm of the signing CA (AWS-RULES.md 3 acm-alg-match-ca)",
    "have the certificate issued by a CA whose key has the same algorithm as the certificate's key",
};

// "RSA" or "EC" for the key families ACM imports; the algorithm name otherwise.
std::string family(std::string_view algorithm) {
    if (algorithm == "RSA" || algorithm == "RSA-PSS") return "RSA";
    return std::string{algorithm};
}

// The key family of whoever signed x, read from its signature algorithm (the signer's key decides it).
std::string signer_family(X509* x) {
    int md = NID_undef;
    int pk = NID_undef;
    if (OBJ_find_sigid_algs(X509_get_signature_nid(x), &md, &pk) != 1) return {};
    switch (pk) {
        case NID_rsaEncryption:
        case NID_rsassaPss: return "RSA";
        case NID_X9_62_id_ecPublicKey: return "EC";
        case NID_ED25519: return "ED25519";
        case NID_ED448: return "ED448";
        case NID_dsa: return "DSA";
        default: break;
    }
    const char* sn = OBJ_nid2sn(pk);
    return sn != nullptr ? std::string{sn} : std::string{};
}

class AcmIssuerKeyAlgorithm final : public Rule {
public:
    AcmIssuerKeyAlgorithm() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        X509* x = leaf.x509.get();
        const auto where = at_file(m.body, leaf.line);
        const std::string mine = family(key_kind(X509_get0_pubkey(x)).algorithm);
        const std::string ca = signer_family(x);
        ossl::clear_errors();
        if (mine.empty() || ca.empty()) {
            return Result::not_applicable(fmt::format("the key or signature algorithm of {} is not one certcheck can name",
                                                      leaf.label));
        }
        const std::string alg = x509::signature_algorithm(x);
        const std::string issuer = leaf.issuer.empty() ? std::string{"its issuer"} : leaf.issuer;
        if (mine == ca) {
            return Result::pass(fmt::format("{} key, issued by an {} CA ({} signed it with {})", mine, ca, issuer, alg), where);
        }
        return Result::fail(fmt::format("{} has an {} key but was signed with {} by an {} CA ({}); ACM imports a certificate "
                                        "only when its key algorithm matches the signing CA's",
                                        leaf.label, mine, alg, ca, issuer),
                            where,
                            fmt::format("have the certificate issued by an {} CA, or issue it for an {} key under this CA", mine, ca));
    }
};

}  // namespace

// catalogue: 330
std::unique_ptr<Validator> make_acm_issuer_key_algorithm() { return std::make_unique<AcmIssuerKeyAlgorithm>(); }

}  // namespace certcheck::rules
