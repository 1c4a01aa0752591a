// endpoint-chain-complete: the served chain, with the trust store, reaches a trusted root
// without the client fetching anything; a served root is only a warning.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "endpoint/endpoint.hpp"
#include "certcheck/load.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "endpoint-chain-complete",
    Severity::Error,
    "The served chain reaches a root in the trust store without fetching anything",
    "RFC 8446 4.4.2 and RFC 5246 7.4.2: the server sends its certificate followed by the certificates that "
    "certify it; a client that does not fetch missing intermediates (most non-browser clients) fails the "
    "handshake. IAM User Guide, after upload: use an SSL checker to verify the deployed chain (AWS-RULES.md 1b "
    "iam-chain-order)",
    "upload (or configure) the certificate chain with every intermediate up to the root, issuer first; "
    "certcheck fix writes chain.pem",
};

// What --fetch-missing found above the served chain (fetched, not served: still an error).
std::string fetched_text(const EndpointInputs& e) {
    return e.fetch_missing ? describe_fetched(e.fetched, e.fetch_stopped) : std::string{};
}

class EndpointChainComplete final : public Rule {
public:
    EndpointChainComplete() : Rule(kInfo, "not an endpoint check (certcheck endpoint)") {}
    bool applies(const Material& m, const Context& ctx) const override { return ctx.endpoint != nullptr && m.leaf() != nullptr; }
    Result check(const Material& m, const Context& ctx) const override {
        bool served_root = false;
        std::size_t on_path = 0;
        const Certificate* last = served_path_end(m, ctx, served_root, &on_path);
        const std::string store = ctx.trust != nullptr ? ctx.trust->description() : std::string{"no trust store"};
        const bool trusted = ctx.trust != nullptr && ctx.trust->has_issuer_of(last->x509.get());
        const auto where = at_file(m.body);
        if (!trusted) {
            if (served_root) {
                return Result::fail(fmt::format("the served chain ends at the root {}, which is not in {}", last->label, store),
                                    where,
                                    fmt::format("clients do not trust {}; if they should, pass it with --trust-store, else "
                                                "serve a certificate from a CA they trust",
                                                last->label));
            }
            return Result::fail(fmt::format("the served chain stops at {} ({} served certificate{} on the path): its issuer, "
                                            "{}, is neither served nor in {}{}",
                                            last->label, on_path + 1, on_path == 0 ? "" : "s", last->issuer, store,
                                            fetched_text(*ctx.endpoint)),
                                where,
                                fmt::format("configure the server to send the intermediate certificate of {} after the "
                                            "leaf (the chain file uploaded with the certificate); --fetch-missing shows "
                                            "whether the certificate's AIA URL would find it",
                                            last->issuer));
        }
        if (served_root) {
            return Result::fail_as(Severity::Warn,
                                   fmt::format("the server also sends the root {}: clients ignore it, and it costs "
                                               "bytes in every handshake",
                                               last->label),
                                   where, std::string{"leave the root out of the served chain (the intermediates are enough)"});
        }
        if (const ossl::X509Ptr root = ctx.trust->issuer_of(last->x509.get())) {
            std::vector<X509*> below{m.leaf()->x509.get()};
            for (const Certificate& c : m.chain_certs) below.push_back(c.x509.get());
            if (const std::string why = stale_trust_root(root.get(), below, ctx); !why.empty()) {
                return Result::fail(fmt::format("the served chain reaches {}, whose issuer {} in {} {} (checked at {}): clients "
                                                "reject a path that ends at it",
                                                last->label, x509::short_label(root.get()), store, why, x509::format_time(ctx.at)),
                                    where,
                                    "serve the chain that leads to your CA's current root (the CA publishes it), or, for your "
                                    "own CA, re-issue the root and the certificates under it");
            }
        }
        return Result::pass(fmt::format("the served chain reaches {}, whose issuer is in {}", last->label, store), where);
    }
};

}  // namespace

// catalogue: 460
std::unique_ptr<Validator> make_endpoint_chain_complete() { return std::make_unique<EndpointChainComplete>(); }

}  // namespace certcheck::rules
