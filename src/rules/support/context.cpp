// Rule helpers: what the run's context supplies (the roles-anywhere trust anchor, issuers fetched
// with --fetch-missing), in the words of a finding (declared in rules/rules.hpp).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "endpoint/aia.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "common/x509util.hpp"
#include "load/keys.hpp"
#include "rules/rules.hpp"

namespace certcheck::rules {

const LoadedFile* trust_anchor(const Context& ctx) {
    if (ctx.roles_anywhere == nullptr || !ctx.roles_anywhere->anchor) return nullptr;
    return &*ctx.roles_anywhere->anchor;
}

std::string anchor_ref(const LoadedFile& anchor, std::size_t index) {
    const Certificate& c = anchor.certs.at(index);
    if (c.line > 0) return fmt::format("trust anchor[{}] ({}, line {})", index, c.label, c.line);
    return fmt::format("trust anchor[{}] ({})", index, c.label);
}

std::string fetch_note(X509* x, const Context& ctx) {
    if (ctx.fetch_missing == nullptr) return {};
    std::string stopped;
    const auto fetched = fetch_issuers_above(x, *ctx.fetch_missing, ctx.trust, stopped);
    std::string note = describe_fetched(fetched, stopped);
    if (!fetched.empty()) note += "; certcheck fix --fetch-missing writes it into chain.pem";
    return note;
}

}  // namespace certcheck::rules
