// key-rsa-pkcs1: the key is RSA in PKCS#1 PEM (BEGIN RSA PRIVATE KEY), as IAM documents.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "key-rsa-pkcs1",
    Severity::Error,
    "The private key is RSA in PKCS#1 PEM (BEGIN RSA PRIVATE KEY)",
    "IAM User Guide, Managing server certificates in IAM: the key is shown as -----BEGIN RSA PRIVATE KEY----- and "
    "RSA is the documented key type (AWS-RULES.md 1b iam-key-pem-example, iam-key-type; Open questions 1-2)",
    "convert it: openssl rsa -in KEY -out key.pem -traditional, or certcheck fix",
};

// "an EC", "an ED25519", "a DSA", "a non-RSA"
std::string with_article(const std::string& word) {
    const bool vowel_sound = !word.empty() && std::string_view{"AEFHILMNORSX"}.find(word.front()) != std::string_view::npos &&
                             word.rfind("non", 0) != 0;
    return (vowel_sound ? "an " : "a ") + word;
}

class KeyRsaPkcs1 final : public Rule {
public:
    KeyRsaPkcs1() : Rule(kInfo, "the key file does not hold exactly one private key (see key-pem)") {}
    bool applies(const Material& m, const Context&) const override { return m.key && m.keys.size() == 1; }
    Result check(const Material& m, const Context& ctx) const override {
        const InputFile& f = *m.key;
        const PrivateKey& k = m.keys.front();
        const auto where = at_file(f, k.line);
        const std::string q = shell_quote(f.path);
        if (k.format == KeyFormat::Pkcs8Encrypted || (k.format == KeyFormat::Der && k.encrypted)) {
            return Result::not_applicable("the key is encrypted PKCS#8; its type cannot be seen without the passphrase");
        }
        if (k.format == KeyFormat::LegacyEncrypted) {
            if (k.algorithm == "RSA") return Result::pass("RSA PRIVATE KEY (PKCS#1), encrypted: see key-unencrypted", where);
            return Result::fail(fmt::format("the key is {} key ({}); IAM documents RSA keys only", with_article(k.algorithm.empty() ? "non-RSA" : k.algorithm), k.label),
                                where, "issue the certificate for an RSA 2048-bit key, or import it into ACM, which takes EC keys");
        }
        if (!k.pkey) {
            if (k.format == KeyFormat::OpenSsh) {
                return Result::fail("the key is in OpenSSH format, not PKCS#1 PEM", where,
                                    "convert a copy: cp KEY key.pem && ssh-keygen -p -N '' -m PEM -f key.pem");
            }
            return Result::not_applicable("the key could not be read (see key-pem)");
        }
        const bool rsa = k.algorithm == "RSA";
        if (ctx.params.key_accepts_ec_p256 && k.algorithm == "EC") {
            // CloudFront takes ECDSA P-256 (AWS-RULES.md 1d cf-key-type): SEC1 PEM is the EC twin of PKCS#1.
            // The form is judged here, the curve by cloudfront-key: one cause, one finding.
            const KeyKind kind = key_kind(k.pkey.get());
            const std::string curve_note = kind.curve == "P-256" ? std::string{} : " (its curve: see cloudfront-key)";
            if (k.format == KeyFormat::Sec1Ec) {
                return Result::pass(fmt::format("EC {} key in SEC1 PEM (BEGIN EC PRIVATE KEY){}", kind.curve, curve_note), where);
            }
            return Result::fail(fmt::format("the EC {} key is {}, not SEC1 PEM (BEGIN EC PRIVATE KEY){}", kind.curve, describe(k.format),
                                            curve_note),
                                where, fmt::format("convert it: openssl ec -in {} -out key.pem", q));
        }
        if (rsa && k.format == KeyFormat::Pkcs1Rsa) {
            return Result::pass(fmt::format("RSA {}-bit key in PKCS#1 PEM", k.bits), where);
        }
        if (rsa && k.format == KeyFormat::Pkcs8) {
            return Result::fail("the RSA key is in PKCS#8 form (BEGIN PRIVATE KEY); IAM documents PKCS#1 (BEGIN RSA PRIVATE KEY)",
                                where, fmt::format("convert it: openssl rsa -in {} -out key.pem -traditional, or certcheck fix", q));
        }
        if (rsa) {
            return Result::fail("the RSA key is DER (binary), not PKCS#1 PEM", where,
                                fmt::format("convert it: openssl rsa -inform DER -in {} -out key.pem -traditional", q));
        }
        if (k.algorithm == "RSA-PSS") {
            return Result::fail("the key is an RSA-PSS key (id-RSASSA-PSS), not a plain RSA key; IAM documents rsaEncryption keys",
                                where, "issue the certificate for a plain RSA 2048-bit key");
        }
        return Result::fail(fmt::format("the key is {} key ({}); IAM documents RSA keys only", with_article(k.algorithm), describe(k.format)),
                            where, "issue the certificate for an RSA 2048-bit key, or import it into ACM, which takes EC keys");
    }
};

}  // namespace

// catalogue: 80
std::unique_ptr<Validator> make_key_rsa_pkcs1() { return std::make_unique<KeyRsaPkcs1>(); }

}  // namespace certcheck::rules
