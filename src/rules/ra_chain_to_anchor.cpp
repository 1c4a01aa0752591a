// ra-chain-to-anchor: a PKIX path from the certificate through --chain to a --trust-anchor
// certificate at --at, of at most 5 certificates.
#include "rules/rules.hpp"

#include <fmt/format.h>
#include <openssl/x509_vfy.h>

#include "certcheck/openssl.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "ra-chain-to-anchor",
    Severity::Error,
    "The certificate chains (PKIX, at --at) through --chain to a --trust-anchor certificate, in at most 5 certificates",
    "IAM Roles Anywhere User Guide, trust model: the signing certificate MUST chain to a trust anchor; the "
    "X-Amz-X509-Chain MUST NOT exceed depth 5 (AWS-RULES.md 5a ra-chain-to-anchor, ra-chain-header; cause 22)",
    "pass the intermediates with --chain, and the CA certificate registered as the trust anchor with --trust-anchor",
};

constexpr int kMaxPath = 5;

struct StackDeleter {
    void operator()(STACK_OF(X509) * s) const noexcept { sk_X509_free(s); }
};

class RaChainToAnchor final : public Rule {
public:
    RaChainToAnchor() : Rule(kInfo, "no --trust-anchor was given, or no certificate could be read from it or from the body") {}
    bool applies(const Material& m, const Context& ctx) const override {
        const LoadedFile* anchor = trust_anchor(ctx);
        return m.leaf() != nullptr && anchor != nullptr && !anchor->certs.empty();
    }
    Result check(const Material& m, const Context& ctx) const override {
        const LoadedFile& anchor = *trust_anchor(ctx);
        const Certificate& leaf = *m.leaf();
        const auto where = at_file(m.body, leaf.line);
        const ChainModel& model = *chain_model(m, ctx);
        if (model.end != PathEnd::Anchor) {
            return Result::fail(fmt::format("no path from {} to the trust anchor {}: {}", leaf.label, shell_quote(anchor.file.path),
                                            model.end == PathEnd::Missing || model.end == PathEnd::TooMany
                                                ? describe_end(model, ctx)
                                                : describe_end(model, ctx) + ", which is not a certificate of the trust anchor"),
                                where);
        }
        // The path the model found, verified as PKIX at --at with the anchor as the only trust.
        ossl::clear_errors();
        ossl::StorePtr store{X509_STORE_new()};
        std::unique_ptr<STACK_OF(X509), StackDeleter> untrusted{sk_X509_new_null()};
        ossl::StoreCtxPtr vctx{X509_STORE_CTX_new()};
        if (!store || !untrusted || !vctx) throw std::runtime_error("out of memory building the verification context");
        for (const Certificate& c : anchor.certs) X509_STORE_add_cert(store.get(), c.x509.get());
        for (const PathLink& l : model.path) sk_X509_push(untrusted.get(), l.cert->x509.get());
        if (X509_STORE_CTX_init(vctx.get(), store.get(), leaf.x509.get(), untrusted.get()) != 1) {
            throw std::runtime_error("cannot initialise certificate verification: " + ossl::drain_errors());
        }
        X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(vctx.get());
        X509_VERIFY_PARAM_set_time(param, ctx.at);
        // The anchor is the only trust; it may be an intermediate CA (AWS-RULES.md 5b ra-ta-private).
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
        X509_VERIFY_PARAM_set_depth(param, 32);  // the length is judged below, with a clearer message
        const int ok = X509_verify_cert(vctx.get());
        const int err = X509_STORE_CTX_get_error(vctx.get());
        const int depth = X509_STORE_CTX_get_error_depth(vctx.get());
        X509* at_fault = X509_STORE_CTX_get_current_cert(vctx.get());
        const std::string fault = at_fault != nullptr ? x509::short_label(at_fault) : leaf.label;
        ossl::clear_errors();
        if (ok != 1) {
            return Result::fail(fmt::format("no path from {} to the trust anchor {}: {} (at {}, depth {})", leaf.label,
                                            shell_quote(anchor.file.path), X509_verify_cert_error_string(err), fault, depth),
                                where);
        }
        const std::size_t length = model.path.size() + 1;
        std::string path = leaf.label;
        for (const PathLink& l : model.path) path += " -> " + l.cert->label;
        if (length > static_cast<std::size_t>(kMaxPath)) {
            return Result::fail(fmt::format("the path to the trust anchor has {} certificates ({}); Roles Anywhere accepts at most {}",
                                            length, path, kMaxPath),
                                where,
                                "register an intermediate CA closer to the certificate as the trust anchor, or issue from a shallower CA");
        }
        return Result::pass(fmt::format("verified at {}: {} ({} certificate{})", x509::format_time(ctx.at), path, length,
                                        length == 1 ? "" : "s"),
                            where);
    }
};

}  // namespace

// catalogue: 420
std::unique_ptr<Validator> make_ra_chain_to_anchor() { return std::make_unique<RaChainToAnchor>(); }

}  // namespace certcheck::rules
