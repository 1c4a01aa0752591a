// An endpoint as a subject: fetch what it serves, check it with the selected rules.
#include "certcheck/endpoint.hpp"

#include <fmt/format.h>

namespace certcheck {

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
    request.hosts.push_back(settings.servername.value_or(target.host));
    const Material m = served_material(served, target.label(), std::move(request));
    report.findings = run_rules(rules, m, ctx);
    report.verdict = judge(report.findings, fail_on);
    report.notes.push_back(fmt::format("served by {} over {} ({}): {} certificate{}", served.address, served.protocol,
                                       served.cipher, served.certs.size(), served.certs.size() == 1 ? "" : "s"));
    return report;
}

}  // namespace certcheck
