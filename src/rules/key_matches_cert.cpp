// key-matches-cert: the private key belongs to the body's public key.
#include "rules/rules.hpp"

#include <algorithm>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "key-matches-cert",
    Severity::Error,
    "The private key belongs to the certificate's public key",
    "IAM API UploadServerCertificate: KeyPairMismatch, the public key certificate and private key do not match "
    "(AWS-RULES.md 1b iam-key-match)",
    "pass the key that was generated with this certificate's CSR (AWS answers KeyPairMismatch otherwise)",
};

std::string describe_pkey(EVP_PKEY* k) {
    const char* name = EVP_PKEY_get0_type_name(k);
    return fmt::format("{} {} bits", name != nullptr ? name : "unknown", EVP_PKEY_get_bits(k));
}

class KeyMatchesCert final : public Rule {
public:
    KeyMatchesCert() : Rule(kInfo, "needs a --key and a readable body certificate") {}
    bool applies(const Material& m, const Context&) const override { return m.key.has_value() && m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        if (m.usable_key() == nullptr) {
            // Never silent: the reason is another rule's failure (or, for an encrypted key the Roles
            // Anywhere helper reads, key-unencrypted's warning), named here.
            const bool encrypted = std::any_of(m.keys.begin(), m.keys.end(), [](const PrivateKey& k) { return k.encrypted; });
            if (encrypted && m.keys.size() == 1) {
                return Result::not_applicable(
                    "the private key is encrypted and certcheck does not decrypt keys, so it was not "
                    "compared with the certificate (see key-unencrypted)");
            }
            return Result::not_applicable(fmt::format(
                "{} holds no one readable private key, so nothing was compared with the "
                "certificate (see key-pem)",
                m.key->path));
        }
        const PrivateKey& k = *m.usable_key();
        const Certificate& c = *m.leaf();
        EVP_PKEY* pub = X509_get0_pubkey(c.x509.get());
        if (pub == nullptr) {
            ossl::clear_errors();
            return Result::not_applicable("the certificate's public key algorithm is not supported, so the key cannot be compared");
        }
        const int eq = EVP_PKEY_eq(pub, k.pkey.get());
        ossl::clear_errors();
        const auto where = at_file(*m.key, k.line);
        if (eq == 1) return Result::pass(fmt::format("the key matches {} ({})", c.label, describe_pkey(pub)), where);
        // The key of another certificate the user gave (a CA's key picked up by mistake) says so.
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            EVP_PKEY* other = X509_get0_pubkey(m.chain_certs[i].x509.get());
            if (other != nullptr && EVP_PKEY_eq(other, k.pkey.get()) == 1) {
                ossl::clear_errors();
                return Result::fail(fmt::format("the private key does not belong to {}: it is the key of {} in the chain",
                                                c.label, chain_ref(m, static_cast<int>(i))),
                                    where,
                                    fmt::format("give the key that was made with the certificate signing request for {}; the key "
                                                "of a CA certificate must never be uploaded",
                                                c.label));
            }
        }
        ossl::clear_errors();
        if (eq == 0) {
            const std::string key_desc = describe_pkey(k.pkey.get());
            const std::string cert_desc = describe_pkey(pub);
            if (key_desc == cert_desc) {
                return Result::fail(fmt::format("the private key does not belong to {}: both are {} but the public keys differ",
                                                c.label, cert_desc),
                                    where);
            }
            return Result::fail(fmt::format("the private key ({}) does not belong to {} (its key is {})", key_desc, c.label,
                                            cert_desc),
                                where);
        }
        return Result::fail(fmt::format("the private key ({}) does not belong to {} (its key is {})",
                                        describe_pkey(k.pkey.get()), c.label, describe_pkey(pub)),
                            where);
    }
};

}  // namespace

// catalogue: 100
std::unique_ptr<Validator> make_key_matches_cert() { return std::make_unique<KeyMatchesCert>(); }

}  // namespace certcheck::rules
