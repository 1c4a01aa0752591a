#include "certcheck/check.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "rules/rules.hpp"

namespace certcheck {
namespace {

// An IAM-valid certificate name: the leaf's CN (or the file name) and its expiry date.
std::string derived_name(const SubjectInputs& inputs, const Material& m) {
    std::string base;
    std::string date;
    if (const Certificate* leaf = m.leaf()) {
        base = leaf->label.starts_with("CN=") ? leaf->label.substr(3) : std::string{};
        if (base.starts_with("*.")) base = "wildcard." + base.substr(2);
        if (const auto end = x509::to_time(X509_get0_notAfter(leaf->x509.get()))) date = x509::format_time(*end).substr(0, 10);
    }
    if (base.empty()) {
        base = inputs.cert;
        if (const auto slash = base.find_last_of('/'); slash != std::string::npos) base = base.substr(slash + 1);
        if (const auto dot = base.find_last_of('.'); dot != std::string::npos && dot > 0) base = base.substr(0, dot);
    }
    std::string name;
    for (const char c : base) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        std::string_view{"_+=,.@-"}.find(c) != std::string_view::npos;
        name += ok ? c : '-';
    }
    if (name.empty()) name = "certificate";
    if (!date.empty()) name += "-" + date;
    if (name.size() > 128) name.resize(128);
    return name;
}

}  // namespace

std::string upload_command(const Profile& profile, const SubjectInputs& inputs, const Material& m) {
    using rules::shell_quote;
    switch (profile.target) {
        case UploadTarget::IamServerCertificate: {
            const std::string name = m.request.name ? *m.request.name : derived_name(inputs, m);
            std::string cmd = fmt::format("aws iam upload-server-certificate --server-certificate-name {}", shell_quote(name));
            if (m.request.path && *m.request.path != "/") cmd += fmt::format(" --path {}", shell_quote(*m.request.path));
            cmd += fmt::format(" --certificate-body {}", shell_quote("file://" + inputs.cert));
            cmd += fmt::format(" --private-key {}", shell_quote("file://" + inputs.key.value_or("KEY.pem")));
            if (inputs.chain) cmd += fmt::format(" --certificate-chain {}", shell_quote("file://" + *inputs.chain));
            return cmd;
        }
    }
    return {};
}

SubjectReport check_subject(const CheckInputs& inputs, const Profile& profile, const std::vector<SelectedRule>& rules,
                            const Context& ctx, Status fail_on) {
    InputFile body = read_input(Slot::Body, inputs.cert);
    std::optional<InputFile> key;
    std::optional<InputFile> chain;
    if (inputs.key) key = read_input(Slot::Key, *inputs.key);
    if (inputs.chain) chain = read_input(Slot::Chain, *inputs.chain);

    SubjectReport report;
    report.inputs.cert = body.path;
    if (key) report.inputs.key = key->path;
    if (chain) report.inputs.chain = chain->path;
    report.name = inputs.request.name && !inputs.request.name->empty() ? *inputs.request.name : body.path;

    const Material m = load_material(std::move(body), std::move(key), std::move(chain), inputs.request);
    report.findings = run_rules(rules, m, ctx);
    report.verdict = judge(report.findings, fail_on);
    if (report.verdict == Verdict::Pass) {
        report.next_command = upload_command(profile, report.inputs, m);
        const bool partial = std::any_of(profile.rules.begin(), profile.rules.end(), [&](const ProfileRule& pr) {
            return std::none_of(rules.begin(), rules.end(),
                                [&](const SelectedRule& r) { return r.rule->info().id == pr.id; });
        });
        if (partial) report.notes.emplace_back("--only/--skip left some of the profile's rules out: this was not a full preflight");
        if (!inputs.key) report.notes.emplace_back("no --key was given, so the private key was not checked; KEY.pem stands for it");
    }
    return report;
}

}  // namespace certcheck
