// ra-tag-values: every value Roles Anywhere maps to a session tag survives as one.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/rolesanywhere.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-tag-values",
    Severity::Warn,
    "Every subject, issuer and SAN value Roles Anywhere maps to a session tag fits the tag pattern and 256 characters",
    "IAM Roles Anywhere User Guide, attribute mapping, and STS session tags: values outside [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]* "
    "or over 256 characters are silently dropped (AWS-RULES.md 5c ra-tag-charset, ra-tag-subject, ra-tag-san)",
    "reissue the certificate without the offending characters in that field, or do not rely on that tag in policies",
};

class RaTagValues final : public Rule {
public:
    RaTagValues() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        const Certificate& leaf = *m.leaf();
        const SessionPreview s = preview_for(leaf.x509.get(), ctx.roles_anywhere);
        std::vector<const SessionTag*> dropped;
        for (const SessionTag& t : s.tags) {
            if (t.dropped) dropped.push_back(&t);
        }
        const auto where = at_file(m.body, leaf.line);
        if (dropped.empty()) {
            return Result::pass(fmt::format("all {} session tag{} fit the pattern", s.tags.size(), s.tags.size() == 1 ? "" : "s"), where);
        }
        const SessionTag& first = *dropped.front();
        std::string more;
        if (dropped.size() > 1) {
            for (std::size_t i = 1; i < dropped.size(); ++i) more += (i == 1 ? "" : ", ") + dropped[i]->key;
            more = fmt::format(" (also dropped: {})", more);
        }
        return Result::fail(fmt::format("aws:PrincipalTag/{} would be dropped: {}; a policy condition on it never matches{}",
                                        first.key, first.why_dropped, more),
                            where);
    }
};

}  // namespace

// catalogue: 440
std::unique_ptr<Validator> make_ra_tag_values() { return std::make_unique<RaTagValues>(); }

}  // namespace certcheck::rules
