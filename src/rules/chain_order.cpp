// chain-order: chain[0] issued the body and chain[i+1] issued chain[i] (name and signature).
#include "rules/rules.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "chain-order",
    Severity::Error,
    "The chain starts with the body's issuer and each certificate issued the one before it",
    "IAM User Guide: \"The certificate chain must start with the immediate signing certificate, followed by any "
    "intermediaries in order\" (MalformedCertificate, with the index of the invalid certificate) "
    "(AWS-RULES.md 1b iam-chain-order)",
    "reorder the chain file: the body's issuer first, then each certificate's issuer, the root (if any) last; "
    "certcheck fix writes it in order",
};

// "an order that works: chain[1], chain[0] (leaving out the other 1)".
std::string working_order(const ChainModel& model) {
    std::vector<int> order;
    for (const int i : model.path_chain_indices()) {
        if (i >= 0) order.push_back(i);
    }
    std::string out = fmt::format("an order that works: {}",
                                  list_some(order.size(), ", ", [&](std::size_t k) { return fmt::format("chain[{}]", order[k]); }));
    const std::size_t left_out = model.chain_extras().size() + model.chain_with(ChainRole::LeafCopy).size();
    if (left_out > 0) out += fmt::format(" (leaving out the other {})", left_out);
    if (model.end == PathEnd::Missing && !order.empty()) {
        out += fmt::format("; the issuer of {} ({}) is not in the chain", model.missing_after, model.missing_issuer);
    }
    return out;
}

// What a chain-file certificate that breaks the file order is, in words.
std::string what_it_is(const ChainModel& model, int i) {
    const ChainEntry& e = model.chain[static_cast<std::size_t>(i)];
    switch (e.role) {
        case ChainRole::LeafCopy: return "it is the body certificate itself";
        case ChainRole::Duplicate:
            return e.same_as >= 0 ? fmt::format("it repeats chain[{}]", e.same_as) : std::string{"it repeats an earlier certificate"};
        case ChainRole::Alternate: return "it has the subject of a certificate on the path but is not the one that fits there";
        case ChainRole::Unrelated: return "it is not on the body's issuing path";
        case ChainRole::AboveGap: return fmt::format("it can only come after the missing issuer of {}", model.missing_after);
        case ChainRole::OnPath: break;
    }
    return "it belongs later in the chain";
}

class ChainOrder final : public Rule {
public:
    ChainOrder() : Rule(kInfo, "needs a body certificate and a chain") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr && m.chain && !m.chain_certs.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const ChainModel& model = *chain_model(m, ctx);
        if (model.end == PathEnd::TooMany) {
            return Result::fail(fmt::format("{} (the chain file holds {})", model.too_many, m.chain_certs.size()), at_file(*m.chain),
                                "the chain file should hold only the few intermediates on the path from the body to its root");
        }
        const Certificate& leaf = *m.leaf();
        const std::vector<int> order = model.path_chain_indices();
        const bool any_from_chain = std::any_of(order.begin(), order.end(), [](int i) { return i >= 0; });
        // The body's issuer is not in the chain: missing, whatever else the file holds.
        if (order.empty() || order.front() < 0) {
            std::string msg = fmt::format(
                "the certificate that issued the body is missing: no certificate in the chain issued the body "
                "(its issuer is {}); it belongs at index 0",
                leaf.issuer);
            const std::vector<int> stale = model.chain_with(ChainRole::Alternate);
            for (const int i : stale) {
                if (model.chain[static_cast<std::size_t>(i)].same_as == -1 ||
                    (!model.path.empty() && model.chain[static_cast<std::size_t>(i)].same_as == 0)) {
                    msg += fmt::format("; {} has that name but did not sign the body (a stale or other copy)", chain_ref(m, i));
                    break;
                }
            }
            if (!model.path.empty() && model.path.front().source == ChainSource::TrustStore) {
                msg += fmt::format("; {} holds it", ctx.trust != nullptr ? ctx.trust->description() : std::string{"the trust store"});
            }
            const int line = model.first_bad ? m.chain_certs[static_cast<std::size_t>(*model.first_bad)].line : m.chain_certs.front().line;
            return Result::fail(fmt::format("index 0: {}{}", msg, any_from_chain ? "; " + working_order(model) : std::string{}),
                                at_file(*m.chain, line),
                                fmt::format("add the certificate that issued the body ({}) at the start of the chain; your CA "
                                            "publishes it as its intermediate or CA bundle",
                                            leaf.issuer));
        }
        // The path's chain certificates must come in issuing order, with nothing from elsewhere between them.
        std::vector<int> used;
        for (std::size_t p = 0; p < order.size(); ++p) {
            if (order[p] >= 0) {
                used.push_back(order[p]);
                continue;
            }
            const auto next = std::find_if(order.begin() + static_cast<std::ptrdiff_t>(p), order.end(), [](int i) { return i >= 0; });
            if (next == order.end()) break;
            const Certificate& before = p == 0 ? leaf : *model.path[p - 1].cert;
            return Result::fail(fmt::format("the chain is missing the certificate that issued {} ({}); {}", before.label, before.issuer,
                                            working_order(model)),
                                at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(*next)].line),
                                fmt::format("insert the certificate of {} after {} (the trust store has it)", before.issuer, before.label));
        }
        if (!std::is_sorted(used.begin(), used.end())) {
            const int i = model.first_bad.value_or(0);
            const std::string what = i == 0 ? fmt::format("the body ({})", leaf.label) : chain_ref(m, i - 1);
            return Result::fail(fmt::format("the chain is out of order at index {}: {} did not issue {}; {}", i, chain_ref(m, i), what,
                                            working_order(model)),
                                at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(i)].line), std::nullopt);
        }
        if (model.first_bad) {
            const int i = *model.first_bad;
            const std::string what = i == 0 ? fmt::format("the body ({})", leaf.label) : chain_ref(m, i - 1);
            if (model.chain[static_cast<std::size_t>(i)].role == ChainRole::AboveGap ||
                (model.chain[static_cast<std::size_t>(i)].role == ChainRole::OnPath && model.end == PathEnd::Missing &&
                 i > 0 && model.chain[static_cast<std::size_t>(i - 1)].role == ChainRole::OnPath)) {
                return Result::fail(fmt::format("the chain is missing the certificate that issued {} ({}): {} cannot follow it "
                                                "directly (AWS reports the chain invalid at index {})",
                                                model.missing_after, model.missing_issuer, chain_ref(m, i), i),
                                    at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(i)].line),
                                    fmt::format("add the certificate of {} (the CA that issued {}) before {}; your CA publishes it",
                                                model.missing_issuer, model.missing_after, chain_ref(m, i)));
            }
            const int bad = model.chain[static_cast<std::size_t>(i)].role == ChainRole::OnPath && i > 0 ? i - 1 : i;
            return Result::fail(fmt::format("the chain breaks at index {}: {} did not issue {} ({}); AWS reads the chain in file order; {}",
                                            i, chain_ref(m, i), what, what_it_is(model, bad), working_order(model)),
                                at_file(*m.chain, m.chain_certs[static_cast<std::size_t>(i)].line),
                                "remove the certificates that are not on the path (certcheck fix writes the chain in order)");
        }
        return Result::pass(m.chain_certs.size() == 1
                                ? std::string{"the chain certificate issued the body"}
                                : fmt::format("each of the {} chain certificates issued the one before it", m.chain_certs.size()),
                            at_file(*m.chain));
    }
};

}  // namespace

// catalogue: 140
std::unique_ptr<Validator> make_chain_order() { return std::make_unique<ChainOrder>(); }

}  // namespace certcheck::rules
