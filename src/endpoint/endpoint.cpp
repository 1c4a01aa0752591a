// An endpoint as a subject: fetch what it serves, check it with the selected rules.
#include "endpoint/endpoint.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "certcheck/chain.hpp"
#include "common/parallel.hpp"
#include "common/x509util.hpp"

namespace certcheck {

const Certificate* served_path_end(const Material& m, const Context& ctx, bool& ends_in_root, std::size_t* served_on_path) {
    const Certificate* last = m.leaf();
    ends_in_root = last != nullptr && last->self_signed;
    if (served_on_path != nullptr) *served_on_path = 0;
    if (last == nullptr || m.chain_certs.empty()) return last;
    // The chain model over what was served only: the trust store is where the served path is
    // judged, not a source of links.
    ChainInputs in;
    in.leaf = last;
    in.chain = &m.chain_certs;
    in.trust_store = false;
    const ChainModel model = build_chain_model(in, ctx);
    for (const PathLink& link : model.path) {
        if (link.source != ChainSource::Chain) break;
        last = link.cert;
        if (served_on_path != nullptr) ++*served_on_path;
    }
    ends_in_root = model.end == PathEnd::Root;
    return last;
}

namespace {

// Above the served path: issuers from AIA until the trust store or a root is reached.
void fetch_missing_issuers(const Material& m, const Context& ctx, EndpointInputs& out) {
    bool root = false;
    const Certificate* end = served_path_end(m, ctx, root);
    if (end == nullptr || root) return;
    out.fetched = fetch_issuers_above(end->x509.get(), *out.fetch_missing, ctx.trust, out.fetch_stopped);
}

}  // namespace

SubjectReport check_endpoint(const EndpointTarget& target, const TlsSettings& settings,
                             const std::vector<SelectedRule>& rules, const Context& ctx, Status fail_on) {
    SubjectReport report;
    report.name = target.text;
    report.inputs.cert = target.label();
    ServedChain served;
    try {
        served = fetch_served_chain(target, settings);
    } catch (const EndpointError& e) {
        report.verdict = Verdict::Error;
        report.error = e.what();
        return report;
    }
    if (served.certs.size() > 1) report.inputs.chain = target.label();
    Request request;
    request.hosts.push_back(server_name(target, settings));
    const Material m = served_material(served, target.label(), std::move(request));
    // This subject's view of the endpoint inputs: the shared files, and what AIA supplied for it.
    EndpointInputs mine;
    Context sub = ctx;
    if (ctx.endpoint != nullptr) {
        mine.expected_cert = ctx.endpoint->expected_cert;
        mine.expected_chain = ctx.endpoint->expected_chain;
        mine.fetch_missing = ctx.endpoint->fetch_missing;
        if (mine.fetch_missing) fetch_missing_issuers(m, ctx, mine);
        sub.endpoint = &mine;
    }
    report.findings = run_rules(rules, m, sub);
    report.verdict = judge(report.findings, fail_on);
    // Inventory facts (json, openmetrics, html): the served certificates, named by the target;
    // the subject was formed from the endpoint, not from files.
    report.facts = collect_facts(m, ctx.at);
    report.facts->files = {{"endpoint", target.label(), m.body.data.size() + (m.chain ? m.chain->data.size() : 0)}};
    report.notes.push_back(fmt::format("served by {} over {} ({}): {} certificate{}", served.address, served.protocol,
                                       served.cipher, served.certs.size(), served.certs.size() == 1 ? "" : "s"));
    return report;
}

std::vector<SubjectReport> check_endpoints(const std::vector<EndpointTarget>& targets, const TlsSettings& settings,
                                           const std::vector<SelectedRule>& rules, const Context& ctx, Status fail_on,
                                           unsigned jobs) {
    std::vector<SubjectReport> out(targets.size());
    parallel_for(targets.size(), jobs, [&](std::size_t i, unsigned) { out[i] = check_endpoint(targets[i], settings, rules, ctx, fail_on); });
    return out;
}

}  // namespace certcheck
