// chain-no-extra: every chain certificate is on the body's issuing path.
#include "rules/rules.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-no-extra",
    Severity::Error,
    "Every chain certificate is on the body's issuing path (no unrelated or duplicate certificates)",
    "IAM User Guide: the chain holds the signing certificate and the intermediaries in order; CloudFront: do not "
    "include certificates that are not in the trust path (AWS-RULES.md 1b iam-chain-order, 1d cf-chain-no-root)",
    "remove the certificates that are not on the path from the body to its root",
};

// Why chain[i] is to be removed, in words that tell it apart from its namesakes.
std::string why_extra(const Material& m, const ChainModel& model, int i, std::time_t at) {
    const ChainEntry& e = model.chain[static_cast<std::size_t>(i)];
    const Certificate& c = m.chain_certs[static_cast<std::size_t>(i)];
    switch (e.role) {
        case ChainRole::Duplicate:
            return e.same_as >= 0 ? fmt::format("repeats chain[{}]", e.same_as) : std::string{"repeats an earlier certificate"};
        case ChainRole::Alternate: {
            if (e.same_as < 0) return "has the name of the missing issuer but did not sign the certificate below it (a stale or other copy)";
            const Certificate& used = *model.path[static_cast<std::size_t>(e.same_as)].cert;
            const bool same_key = X509_get0_pubkey(c.x509.get()) != nullptr &&
                                  EVP_PKEY_eq(X509_get0_pubkey(c.x509.get()), X509_get0_pubkey(used.x509.get())) == 1;
            const bool valid = window_at(c.x509.get(), at) == Window::Inside;
            const std::string state = valid ? "" : window_at(c.x509.get(), at) == Window::Expired ? fmt::format(" (expired {})", not_after(c.x509.get()).substr(0, 10))
                                                                                                  : std::string{" (not valid at the checked time)"};
            if (same_key && X509_NAME_cmp(X509_get_issuer_name(c.x509.get()), X509_get_issuer_name(used.x509.get())) == 0) {
                return fmt::format("is another issue of {} with the same key{}; the path uses the one valid at the checked time", used.label, state);
            }
            if (same_key) {
                return fmt::format("is a cross-signed copy of {}: the same key, issued by {} instead of {}{}; the path uses the other",
                                   used.label, x509::short_name(X509_get_issuer_name(c.x509.get())),
                                   used.self_signed ? std::string{"itself"} : x509::short_name(X509_get_issuer_name(used.x509.get())), state);
            }
            return fmt::format("has the name of {} but another key{}; it is not on the path", used.label, state);
        }
        default: return "is not on the body's issuing path";
    }
}

class ChainNoExtra final : public Rule {
public:
    ChainNoExtra() : Rule(kInfo, "needs a body certificate and a chain") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr && m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const ChainModel& model = *chain_model(m, ctx);
        std::vector<int> extras = model.chain_extras();
        // A file whose every certificate issued the one before it is one issuing sequence, as AWS
        // reads it: a cross-signed certificate at its end (for older clients) is not extra.
        if (!model.first_bad && model.end != PathEnd::TooMany) extras.clear();
        if (extras.empty()) return Result::pass("every chain certificate is on the body's issuing path", at_file(*m.chain));
        const std::string list = list_some(extras.size(), "; ", [&](std::size_t k) {
            return fmt::format("{} {}", chain_ref(m, extras[k]), why_extra(m, model, extras[k], ctx.at));
        });
        std::string msg = fmt::format("{} certificate{} to remove: {}", extras.size(), extras.size() == 1 ? "" : "s", list);
        std::optional<std::string> hint;
        if (model.pasted_store) {
            const std::size_t roots = static_cast<std::size_t>(std::count_if(extras.begin(), extras.end(), [&](int i) {
                return m.chain_certs[static_cast<std::size_t>(i)].self_signed;
            }));
            msg = fmt::format("the chain looks like a whole CA store pasted in ({} unrelated root certificates among {} certificates); {}",
                              roots, m.chain_certs.size(), msg);
            hint =
                "the chain file holds only the intermediates on the path from the body to its root (certcheck fix picks them "
                "out: certcheck fix --bundle STORE.pem)";
        }
        return Result::fail(std::move(msg), at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(extras.front())].line), hint);
    }
};

}  // namespace

// catalogue: 150
std::unique_ptr<Validator> make_chain_no_extra() { return std::make_unique<ChainNoExtra>(); }

}  // namespace certcheck::rules
