// acm-size: ImportCertificate's blob limits, in bytes.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "acm-size",
    Severity::Error,
    "The certificate is at most 32,768 bytes, the key 5,120, the chain 2,097,152",
    "ACM API ImportCertificate (botocore model): CertificateBodyBlob 1-32768, PrivateKeyBlob 1-5120, "
    "CertificateChainBlob 1-2097152 bytes (AWS-RULES.md 3 acm-cert-size, acm-key-size-bytes, acm-chain-size)",
    "keep only the PEM blocks in each file: the certificate alone, the key alone, the intermediates in the chain",
};

std::size_t limit_for(Slot s) {
    switch (s) {
        case Slot::Body: return 32768;
        case Slot::Key: return 5120;
        case Slot::Chain:
        case Slot::TrustAnchor: return 2097152;
    }
    return 32768;
}

class AcmSize final : public Rule {
public:
    AcmSize() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        for (const InputFile* f : given_files(m)) {
            const std::size_t limit = limit_for(f->slot);
            if (f->data.empty()) {
                return Result::fail(fmt::format("the {} is empty; ACM needs at least 1 byte", to_string(f->slot)), at_file(*f));
            }
            if (f->data.size() > limit) {
                return Result::fail(fmt::format("the {} is {} bytes, over ACM's limit of {} bytes", to_string(f->slot), f->data.size(), limit),
                                    at_file(*f));
            }
        }
        return Result::pass("every file is within ACM's size limits", at_file(m.body));
    }
};

}  // namespace

// catalogue: 320
std::unique_ptr<Validator> make_acm_size() { return std::make_unique<AcmSize>(); }

}  // namespace certcheck::rules
