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

std::string upload_command(const Profile& profile, const SubjectInputs& inputs, const Material& m,
                           const std::optional<std::string>& anchor_arn) {
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
        case UploadTarget::AcmImport: {
            // AWS CLI v2 reads blobs with fileb:// (file:// gives "Invalid base64", AWS-RULES.md 3 acm-cli-blob).
            std::string cmd = fmt::format("aws acm import-certificate --certificate {}", shell_quote("fileb://" + inputs.cert));
            cmd += fmt::format(" --private-key {}", shell_quote("fileb://" + inputs.key.value_or("KEY.pem")));
            if (inputs.chain) cmd += fmt::format(" --certificate-chain {}", shell_quote("fileb://" + *inputs.chain));
            return cmd;
        }
        case UploadTarget::IamSigningCertificate:
            return fmt::format("aws iam upload-signing-certificate --user-name {} --certificate-body {}",
                               shell_quote(m.request.name.value_or("USER")), shell_quote("file://" + inputs.cert));
        case UploadTarget::RolesAnywhere: {
            std::string cmd = fmt::format("aws_signing_helper credential-process --certificate {}", shell_quote(inputs.cert));
            if (inputs.chain) cmd += fmt::format(" --intermediates {}", shell_quote(*inputs.chain));
            cmd += fmt::format(" --private-key {}", shell_quote(inputs.key.value_or("KEY.pem")));
            cmd += fmt::format(" --trust-anchor-arn {}", shell_quote(anchor_arn.value_or("TRUST_ANCHOR_ARN")));
            cmd += " --profile-arn PROFILE_ARN --role-arn ROLE_ARN";
            return cmd;
        }
        case UploadTarget::Deployed:
            return {};
    }
    return {};
}

void finish_subject(SubjectReport& report, const Material& m, const Profile& profile, const std::vector<SelectedRule>& rules,
                    const Context& ctx) {
    report.facts = collect_facts(m, ctx.at);  // inventory facts (json, openmetrics, html)
    if (profile.target == UploadTarget::RolesAnywhere && m.leaf() != nullptr) {
        RolesAnywhereReport ra;
        ra.session = preview_for(m.leaf()->x509.get(), ctx.roles_anywhere);
        if (ctx.roles_anywhere != nullptr && ctx.roles_anywhere->policy) {
            ra.policy_file = ctx.roles_anywhere->policy_path;
            ra.policy = evaluate_trust_policy(*ctx.roles_anywhere->policy, request_for(ra.session, ctx.roles_anywhere, ctx.at));
        }
        report.roles_anywhere = std::move(ra);
    }
    if (report.verdict != Verdict::Pass) return;
    const std::optional<std::string> arn = ctx.roles_anywhere != nullptr ? ctx.roles_anywhere->anchor_arn : std::nullopt;
    if (std::string cmd = upload_command(profile, report.inputs, m, arn); !cmd.empty()) report.next_command = std::move(cmd);
    const bool partial = std::any_of(profile.rules.begin(), profile.rules.end(), [&](const ProfileRule& pr) {
        return std::none_of(rules.begin(), rules.end(), [&](const SelectedRule& r) { return r.rule->info().id == pr.id; });
    });
    if (partial) report.notes.emplace_back("--only/--skip left some of the profile's rules out: this was not a full preflight");
    const bool key_in_command =
        profile.target != UploadTarget::IamSigningCertificate && profile.target != UploadTarget::Deployed;
    if (!m.key && key_in_command) {
        report.notes.emplace_back("no --key was given, so the private key was not checked; KEY.pem stands for it");
    }
    if (profile.target == UploadTarget::IamSigningCertificate && !m.request.name) {
        report.notes.emplace_back("no --name was given; USER stands for the IAM user name (omit --user-name to use your own)");
    }
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
    finish_subject(report, m, profile, rules, ctx);
    return report;
}

}  // namespace certcheck
