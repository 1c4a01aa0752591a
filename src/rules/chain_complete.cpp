// chain-complete: the chain ends in a root, or in a certificate whose issuer is known.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-complete",
    Severity::Warn,
    "The chain's last certificate is a root, or its issuer is in the chain or the trust store",
    "RFC 5280 6.1: a client needs every certificate up to a trust anchor; the IAM User Guide's chain example "
    "ends with the root (AWS-RULES.md 1b iam-chain-order, Open questions 4)",
    "add the missing intermediate certificate(s) to the chain file, in order",
};

class ChainComplete final : public Rule {
public:
    ChainComplete() : Rule(kInfo, "no chain certificate could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr && m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const ChainModel& model = *chain_model(m, ctx);
        const PathLink* last = model.last_from_chain();
        const auto where = at_file(*m.chain, last != nullptr ? std::optional<int>{last->cert->line} : std::nullopt);
        const std::string store = ctx.trust != nullptr ? ctx.trust->description() : std::string{"a trust store"};
        switch (model.end) {
            case PathEnd::Root:
                // An empty path: the leaf itself is self-signed (or an anchor).
                return Result::pass(fmt::format("the chain ends in a self-signed root, {}",
                                                model.path.empty() ? m.leaf()->label : model.path.back().cert->label),
                                    where);
            case PathEnd::TrustStore: {
                std::vector<X509*> below{m.leaf()->x509.get()};
                for (std::size_t i = 0; i + 1 < model.path.size(); ++i) below.push_back(model.path[i].cert->x509.get());
                if (const std::string why = stale_trust_root(model.path.back().cert->x509.get(), below, ctx); !why.empty()) {
                    return Result::fail(fmt::format("the chain ends at {}, whose issuer {} in {} {} (checked at {}): clients "
                                                    "reject a path that ends at it",
                                                    last != nullptr ? last->cert->label : m.leaf()->label,
                                                    model.path.back().cert->label, store, why, x509::format_time(ctx.at)),
                                        where,
                                        "get the chain that leads to your CA's current root (the CA publishes it), or, for "
                                        "your own CA, re-issue the root and the certificates under it");
                }
                return Result::pass(fmt::format("the chain ends at {}, whose issuer is in {}",
                                                last != nullptr ? last->cert->label : m.leaf()->label, store),
                                    where);
            }
            case PathEnd::Anchor:
                return Result::pass(fmt::format("the chain reaches the trust anchor {}",
                                                model.path.empty() ? m.leaf()->label : model.path.back().cert->label),
                                    where);
            case PathEnd::TooMany: return Result::fail(model.too_many, at_file(*m.chain));
            case PathEnd::Missing: break;
        }
        const std::string at = model.path.empty() ? fmt::format("the body ({})", m.leaf()->label)
                               : last != nullptr  ? chain_ref(m, last->index)
                                                  : model.missing_after;
        X509* stops_at = model.path.empty() ? m.leaf()->x509.get() : model.path.back().cert->x509.get();
        return Result::fail(fmt::format("the path stops at {}: its issuer ({}) is neither in the chain nor in {}{}", at,
                                        model.missing_issuer, store, fetch_note(stops_at, ctx)),
                            where,
                            fmt::format("add the certificate of {} (the CA that issued {}) to the chain, or, if clients already "
                                        "trust it, pass it with --trust-store",
                                        model.missing_issuer, model.missing_after));
    }
};

}  // namespace

// catalogue: 170
std::unique_ptr<Validator> make_chain_complete() { return std::make_unique<ChainComplete>(); }

}  // namespace certcheck::rules
