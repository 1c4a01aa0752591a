#include "certcheck/check.hpp"

#include <algorithm>
#include <array>
#include <ctime>

#include <fmt/format.h>
#include <openssl/crypto.h>

#include "certcheck/load.hpp"
#include "certcheck/version.hpp"
#include "common/shell.hpp"
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

// A rule that needs an input the run did not get, and what it therefore did not check.
struct NeededInput {
    std::string_view rule;
    std::string_view option;
    bool (*absent)(const Material&, const Context&);
    std::string_view unchecked;
};

constexpr std::array kNeededInputs{
    NeededInput{"key-matches-cert", "--key", [](const Material& m, const Context&) { return !m.key.has_value(); },
                "the private key was not checked (key-matches-cert compares it with the certificate)"},
    NeededInput{"ra-chain-to-anchor", "--trust-anchor",
                [](const Material&, const Context& ctx) { return ctx.roles_anywhere == nullptr || !ctx.roles_anywhere->anchor; },
                "the path to a Roles Anywhere trust anchor was not checked (ra-chain-to-anchor; without it AWS answers "
                "'Untrusted Signing Certificate')"},
};

}  // namespace

std::vector<std::string> not_checked(const Material& m, const std::vector<SelectedRule>& rules, const Context& ctx) {
    std::vector<std::string> out;
    for (const NeededInput& n : kNeededInputs) {
        const bool selected =
            std::any_of(rules.begin(), rules.end(), [&](const SelectedRule& r) { return r.rule->info().id == n.rule; });
        if (selected && n.absent(m, ctx)) out.push_back(fmt::format("no {} was given, so {}", n.option, n.unchecked));
    }
    return out;
}

std::string upload_command(const Profile& profile, const SubjectInputs& inputs, const Material& m,
                           const std::optional<std::string>& anchor_arn) {
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
                               shell_quote(m.request.user_name.value_or("USER")), shell_quote("file://" + inputs.cert));
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
    report.not_checked = not_checked(m, rules, ctx);
    if (report.verdict != Verdict::Pass) return;
    const std::optional<std::string> arn = ctx.roles_anywhere != nullptr ? ctx.roles_anywhere->anchor_arn : std::nullopt;
    if (std::string cmd = upload_command(profile, report.inputs, m, arn); !cmd.empty()) report.next_command = std::move(cmd);
    const bool partial = std::any_of(profile.rules.begin(), profile.rules.end(), [&](const ProfileRule& pr) {
        return std::none_of(rules.begin(), rules.end(), [&](const SelectedRule& r) { return r.rule->info().id == pr.id; });
    });
    if (partial) report.notes.emplace_back("--only/--skip left some of the profile's rules out: this was not a full preflight");
    const bool key_in_command =
        profile.target != UploadTarget::IamSigningCertificate && profile.target != UploadTarget::Deployed;
    if (!m.key && key_in_command) report.notes.emplace_back("KEY.pem stands for the private key in the command");
    if (profile.target == UploadTarget::IamSigningCertificate && !m.request.user_name) {
        report.notes.emplace_back(
            "no --user-name was given; USER stands for the IAM user name (leave --user-name out of the aws "
            "command to upload for yourself)");
    }
}

std::time_t checked_time(const std::optional<std::string>& at) {
    if (!at) return std::time(nullptr);
    const auto t = x509::parse_time(*at);
    if (!t) throw SelectionError{"--at: " + x509::time_problem(*at)};
    return *t;
}

std::string checked_anchor_arn(const std::string& arn) {
    if (!arn.starts_with("arn:") || std::count(arn.begin(), arn.end(), ':') < 5) {
        throw SelectionError{fmt::format("--trust-anchor-arn: '{}' is not an ARN (arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/ID)", arn)};
    }
    return arn;
}

RolesAnywhereInputs load_roles_anywhere_inputs(const RunOptions& o) {
    RolesAnywhereInputs ra;
    if (o.trust_anchor_arn) ra.anchor_arn = checked_anchor_arn(*o.trust_anchor_arn);
    if (o.trust_anchor) ra.anchor = load_file(read_input(Slot::TrustAnchor, strip_file_scheme(*o.trust_anchor)));
    if (o.trust_policy) {
        ra.policy_path = strip_file_scheme(*o.trust_policy);
        ra.policy = load_trust_policy(ra.policy_path);
    }
    if (o.attribute_mapping) ra.mapping = load_attribute_mapping(strip_file_scheme(*o.attribute_mapping));
    if (!o.crls.empty() && !o.trust_anchor) {
        throw SelectionError{"--crl needs --trust-anchor: a CRL is checked against the anchor's hierarchy"};
    }
    for (const std::string& path : o.crls) {
        std::vector<Crl> crls = load_crls(strip_file_scheme(path));
        ra.crls.insert(ra.crls.end(), crls.begin(), crls.end());
    }
    return ra;
}

RunContext make_run_context(const RunOptions& o) {
    RunContext run;
    run.profile = find_profile(o.profile);
    if (run.profile == nullptr) {
        throw SelectionError{"--profile: " + unknown_profile_message(o.profile)};
    }
    run.rules = select_rules(*run.profile, o.skip, o.only);
    run.ctx.at = checked_time(o.at);
    if (o.expiry_warn < 0) throw SelectionError{"--expiry-warn: the number of days must be 0 or more"};
    run.ctx.expiry_warn_days = o.expiry_warn;
    run.fail_on = o.fail_on == "warn" ? Status::Warn : Status::Error;
    run.trust = std::make_unique<TrustStore>(o.trust_store ? TrustStore::from_path(strip_file_scheme(*o.trust_store))
                                                           : TrustStore::system());
    run.ctx.trust = run.trust.get();
    run.ctx.params = run.profile->params;
    run.cache = std::make_unique<CertCache>();
    run.ctx.cache = run.cache.get();
    if (o.trust_anchor || o.trust_policy || o.trust_anchor_arn || o.attribute_mapping || !o.crls.empty()) {
        if (run.profile->target != UploadTarget::RolesAnywhere) {
            throw SelectionError{fmt::format(
                "--trust-anchor, --trust-policy, --trust-anchor-arn, --attribute-mapping and --crl apply to "
                "--profile roles-anywhere, not {}",
                run.profile->name)};
        }
        auto ra = std::make_unique<RolesAnywhereInputs>(load_roles_anywhere_inputs(o));
        run.roles_anywhere = std::move(ra);
        run.ctx.roles_anywhere = run.roles_anywhere.get();
    }
    return run;
}

Report new_report(const RunContext& run) {
    Report report;
    report.version = std::string{kVersion};
    report.profile = std::string{run.profile->name};
    report.checked_at = x509::format_time(run.ctx.at);
    report.fail_on = run.fail_on;
    return report;
}

RunContext borrow(const RunContext& run) {
    RunContext view;
    view.profile = run.profile;
    view.rules = run.rules;
    view.ctx = run.ctx;
    view.fail_on = run.fail_on;
    return view;
}

SubjectFiles read_subject(const CheckInputs& inputs, CertCache* cache) {
    SubjectFiles f;
    f.body = load_file(read_input(Slot::Body, inputs.cert), cache);
    if (inputs.key) f.key = load_file(read_input(Slot::Key, *inputs.key), cache);
    if (inputs.chain) f.chain = load_file(read_input(Slot::Chain, *inputs.chain), cache);
    f.request = inputs.request;
    return f;
}

SubjectReport check_subject(const CheckInputs& inputs, const RunContext& run) {
    return check_subject(read_subject(inputs, run.ctx.cache), run);
}

SubjectReport check_subject(SubjectFiles files, const RunContext& run) {
    const Profile& profile = *run.profile;
    const Context& ctx = run.ctx;
    // A file plays the role it was given for: the body's keys and the key file's certificates
    // are not what those slots hold (a combined file is given for both).
    files.body.file.slot = Slot::Body;
    files.body.keys.clear();
    if (files.key) {
        files.key->file.slot = Slot::Key;
        files.key->certs.clear();
        files.key->bad.clear();
    }
    if (files.chain) files.chain->file.slot = Slot::Chain;

    SubjectReport report;
    report.inputs.cert = files.body.file.path;
    if (files.key) report.inputs.key = files.key->file.path;
    if (files.chain) report.inputs.chain = files.chain->file.path;
    report.name = files.request.name && !files.request.name->empty() ? *files.request.name : files.body.file.path;
    report.notes = std::move(files.notes);
    const Request request = files.request;

    Material m = assemble_material(std::move(files.body), std::move(files.key), std::move(files.chain), request);
    report.findings = run_rules(run.rules, m, ctx);
    report.verdict = judge(report.findings, run.fail_on);
    finish_subject(report, m, profile, run.rules, ctx);
    // The key's bytes are not left behind in freed memory (fix checks a decrypted key here).
    if (m.key) {
        if (!m.key->data.empty()) OPENSSL_cleanse(m.key->data.data(), m.key->data.size());
        for (PemBlock& b : m.key->blocks) {
            if (!b.der.empty()) OPENSSL_cleanse(b.der.data(), b.der.size());
        }
    }
    return report;
}

}  // namespace certcheck
