#include "support/roles_anywhere.hpp"

#include "support/support.hpp"

namespace certcheck::test {

RaContext ra_context(const std::optional<std::string>& anchor, const std::optional<std::string>& policy,
                     const std::optional<std::string>& arn) {
    RaContext r;
    if (anchor) r.inputs->anchor = load_file(read_input(Slot::TrustAnchor, *anchor));
    if (policy) {
        r.inputs->policy_path = *policy;
        r.inputs->policy = load_trust_policy(*policy);
    }
    r.inputs->anchor_arn = arn;
    r.ctx = test_context();
    r.ctx.roles_anywhere = r.inputs.get();
    return r;
}

std::string pfixture(std::string_view name) { return fixture("profiles/" + std::string{name}); }

}  // namespace certcheck::test
