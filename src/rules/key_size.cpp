// key-size: an RSA key is 2048 to 4096 bits.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr int kMinBits = 2048;
constexpr int kMaxBits = 4096;

constexpr RuleInfo kInfo{
    "key-size",
    Severity::Warn,
    "An RSA key is between 2048 and 4096 bits",
    "IAM User Guide (older edition): 1024-, 2048- and 4096-bit keys; CloudFront caps IAM certificates at 2048 bits; "
    "1024-bit RSA is below every current baseline (AWS-RULES.md 1b iam-key-size, 1d cf-iam-rsa-max)",
    "issue a new certificate for an RSA 2048-bit key (3072 or 4096 if you need more)",
};

class KeySize final : public Rule {
public:
    KeySize() : Rule(kInfo, "no readable RSA key (see key-pem and key-rsa-pkcs1)") {}
    bool applies(const Material& m, const Context&) const override {
        const PrivateKey* k = m.usable_key();
        return k != nullptr && (k->algorithm == "RSA" || k->algorithm == "RSA-PSS");
    }
    Result check(const Material& m, const Context&) const override {
        const PrivateKey& k = *m.usable_key();
        const auto where = at_file(*m.key, k.line);
        if (k.bits < kMinBits) {
            return Result::fail(fmt::format("the {} key is {} bits, under {}", k.algorithm, k.bits, kMinBits), where);
        }
        if (k.bits > kMaxBits) {
            return Result::fail(fmt::format("the {} key is {} bits, over {}", k.algorithm, k.bits, kMaxBits), where,
                                "use an RSA key of 2048 to 4096 bits; larger keys are slow and not accepted everywhere");
        }
        return Result::pass(fmt::format("{} {} bits", k.algorithm, k.bits), where);
    }
};

}  // namespace

// catalogue: 90
std::unique_ptr<Validator> make_key_size() { return std::make_unique<KeySize>(); }

}  // namespace certcheck::rules
