// request-size: the files fit IAM's request limits (characters).
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr std::size_t kBodyMax = 16'384;
constexpr std::size_t kKeyMax = 16'384;
constexpr std::size_t kChainMax = 2'097'152;

constexpr RuleInfo kInfo{
    "request-size",
    Severity::Error,
    "Body and key are at most 16,384 characters, the chain at most 2,097,152",
    "IAM API UploadServerCertificate (botocore model): certificateBodyType and privateKeyType 1-16384, "
    "certificateChainType 1-2097152 (AWS-RULES.md 1a iam-body-length, iam-key-length, iam-chain-length)",
    "keep only the PEM blocks in each file; a body this large usually holds more than the one certificate",
};

std::size_t limit_for(Slot s) {
    switch (s) {
        case Slot::Body: return kBodyMax;
        case Slot::Key: return kKeyMax;
        case Slot::Chain:
        case Slot::TrustAnchor: return kChainMax;
    }
    return kBodyMax;
}

class RequestSize final : public Rule {
public:
    RequestSize() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        for (const InputFile* f : given_files(m)) {
            const std::size_t limit = limit_for(f->slot);
            if (f->text.chars > limit) {
                return Result::fail(fmt::format("the {} is {} characters, over IAM's limit of {}", to_string(f->slot),
                                                f->text.chars, limit),
                                    at_file(*f));
            }
            if (f->text.chars == 0) {
                return Result::fail(fmt::format("the {} is empty; IAM needs at least 1 character", to_string(f->slot)), at_file(*f),
                                    "pass the file that holds the PEM data");
            }
        }
        return Result::pass(fmt::format("body {} characters (limit {})", m.body.text.chars, kBodyMax), at_file(m.body));
    }
};

}  // namespace

// catalogue: 190
std::unique_ptr<Validator> make_request_size() { return std::make_unique<RequestSize>(); }

}  // namespace certcheck::rules
