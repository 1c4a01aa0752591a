// endpoint-serves-chain: the server sends the intermediates in the --chain file, no others.
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "endpoint/endpoint.hpp"
#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "endpoint-serves-chain",
    Severity::Error,
    "The server sends the certificates of the --chain file after its leaf, in that order",
    "IAM User Guide, after upload: verify the IAM certificate object and the deployed chain with an SSL "
    "checker (AWS-RULES.md 1b iam-chain-order); the chain a listener serves is the one uploaded with the "
    "certificate",
    "upload the certificate again with the chain file as --certificate-chain (or configure the server's chain "
    "file), then attach it",
};

bool contains(const std::vector<Certificate>& list, X509* x) {
    for (const Certificate& c : list) {
        if (x509::same_cert(c.x509.get(), x)) return true;
    }
    return false;
}

class EndpointServesChain final : public Rule {
public:
    EndpointServesChain() : Rule(kInfo, "no --chain given to compare the served chain with") {}
    bool applies(const Material& m, const Context& ctx) const override {
        return ctx.endpoint != nullptr && ctx.endpoint->expected_chain && m.leaf() != nullptr;
    }
    Result check(const Material& m, const Context& ctx) const override {
        const LoadedFile& want = *ctx.endpoint->expected_chain;
        const std::vector<Certificate>& served = m.chain_certs;
        const auto where = at_file(m.body);
        std::vector<std::string> missing;
        std::vector<std::string> extra;
        for (const Certificate& c : want.certs) {
            if (!contains(served, c.x509.get())) missing.push_back(c.label);
        }
        for (const Certificate& c : served) {
            if (!contains(want.certs, c.x509.get())) extra.push_back(c.label);
        }
        const auto join = [](const std::vector<std::string>& v) {
            return list_some(v.size(), ", ", [&](std::size_t i) { return v[i]; });
        };
        if (!missing.empty() || !extra.empty()) {
            std::string msg = fmt::format("the served chain ({} certificate{}) differs from {} ({})", served.size(),
                                          served.size() == 1 ? "" : "s", want.file.path, want.certs.size());
            if (!missing.empty()) msg += fmt::format("; not served: {}", join(missing));
            if (!extra.empty()) msg += fmt::format("; served but not in the file: {}", join(extra));
            return Result::fail(msg, where);
        }
        bool same_order = served.size() == want.certs.size();
        for (std::size_t i = 0; same_order && i < served.size(); ++i) {
            same_order = x509::same_cert(served[i].x509.get(), want.certs[i].x509.get());
        }
        if (!same_order) {
            return Result::fail(fmt::format("the server sends the certificates of {} in another order (or repeats one)",
                                            want.file.path),
                                where);
        }
        return Result::pass(fmt::format("the server sends the {} certificate{} of {}, in order", served.size(),
                                        served.size() == 1 ? "" : "s", want.file.path),
                            where);
    }
};

}  // namespace

// catalogue: 480
std::unique_ptr<Validator> make_endpoint_serves_chain() { return std::make_unique<EndpointServesChain>(); }

}  // namespace certcheck::rules
