// ra-subject-present: Roles Anywhere does not support certificates with an empty subject.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-subject-present",
    Severity::Error,
    "The end-entity certificate's subject is not empty",
    "IAM Roles Anywhere User Guide, trust model: certificates with an empty Subject are not supported, even with a "
    "critical subjectAltName (AWS-RULES.md 5a ra-subject-nonempty)",
    "issue the certificate with a subject, at least a CN (for example CN=workload.example.com)",
};

class RaSubjectPresent final : public Rule {
public:
    RaSubjectPresent() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        if (X509_NAME_entry_count(X509_get_subject_name(leaf.x509.get())) == 0) {
            return Result::fail(
                "the certificate's subject is empty; Roles Anywhere does not support such certificates, even with a "
                "subjectAltName",
                at_file(m.body, leaf.line));
        }
        return Result::pass(fmt::format("subject {}", leaf.subject), at_file(m.body, leaf.line));
    }
};

}  // namespace

// catalogue: 400
std::unique_ptr<Validator> make_ra_subject_present() { return std::make_unique<RaSubjectPresent>(); }

}  // namespace certcheck::rules
