// certcheck check: one subject (body, optional key, optional chain).
#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include "cli/log.hpp"

#include "endpoint/aia.hpp"
#include "certcheck/check.hpp"
#include "certcheck/load.hpp"
#include "certcheck/render.hpp"
#include "cli/options.hpp"
#include "common/x509util.hpp"
#include "rules/rules.hpp"

namespace certcheck::cli {
std::time_t resolve_at(const std::optional<std::string>& at) {
    try {
        return checked_time(at);  // the core's reading of --at, as make_run_context uses it
    } catch (const SelectionError& e) {
        throw UsageError{e.what()};
    }
}

void require_name(std::string_view option, const std::string& value, std::string_view what) {
    if (value.find_first_not_of(" \t\r\n\f\v") != std::string::npos) return;
    throw UsageError{fmt::format("{}: {}; give {}", option, value.empty() ? "the value is empty" : fmt::format("'{}' is only white space", value), what)};
}

RunContext resolve_selection(const SelectionOptions& o) {
    RunOptions r;
    r.profile = o.profile;
    r.skip = o.skip;
    r.only = o.only;
    r.at = o.at;
    r.expiry_warn = o.expiry_warn;
    r.fail_on = o.fail_on;
    r.trust_store = o.trust_store;
    r.trust_anchor = o.trust_anchor;
    r.trust_policy = o.trust_policy;
    r.trust_anchor_arn = o.trust_anchor_arn;
    r.attribute_mapping = o.attribute_mapping;
    r.crls = o.crls;
    try {
        return make_run_context(r);
    } catch (const SelectionError& e) {
        throw UsageError{e.what()};
    }
}

void write_output(const std::string& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file || !(file << text) || !file.flush()) throw InputError(fmt::format("{}: cannot write the report", path));
}

void write_report(const std::string& path, const std::string& text, Format format) {
    if (format == Format::OpenMetrics || format == Format::Html) write_atomically(path, text);
    else write_output(path, text);
}

void add_selection_options(CLI::App& cmd, SelectionOptions& o) {
    cmd.add_option("--profile", o.profile, "Rule profile (see 'certcheck profiles')")->type_name("PROFILE")->capture_default_str();
    cmd.add_option("--skip", o.skip, "Skip a rule (repeatable; comma-separated ids accepted)")->type_name("RULE")->delimiter(',')->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--only", o.only, "Run only this rule (repeatable; comma-separated ids accepted)")->type_name("RULE")->delimiter(',')->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd.add_option("--at", o.at, "Judge validity at this RFC 3339 time instead of now (e.g. 2030-01-01T00:00:00Z)")->type_name("TIME");
    cmd.add_option("--expiry-warn", o.expiry_warn, "Warn when the certificate expires within DAYS")->type_name("DAYS")->capture_default_str();
    cmd.add_option("--fail-on", o.fail_on, "Lowest status that fails the run")->check(CLI::IsMember({"error", "warn"}))->capture_default_str();
    cmd.add_option("--trust-store", o.trust_store, "CA certificates (PEM file or directory) for chain-complete; default: the system store")->type_name("FILE|DIR");
    cmd.add_option("--trust-anchor", o.trust_anchor, "roles-anywhere: the trust anchor's CA certificates (PEM, at most 2)")->type_name("FILE");
    cmd.add_option("--trust-policy", o.trust_policy, "roles-anywhere: the role's trust policy (JSON) to evaluate")->type_name("FILE");
    cmd.add_option("--trust-anchor-arn", o.trust_anchor_arn, "roles-anywhere: the trust anchor's ARN (aws:SourceArn in the policy)")->type_name("ARN");
    add_roles_anywhere_extras(cmd, o);
}

void add_output_options(CLI::App& cmd, OutputOptions& o) {
    cmd.add_option("--format", o.format, "Report format")->check(CLI::IsMember({"text", "json", "ndjson", "junit", "sarif", "github", "openmetrics", "html"}))->capture_default_str();
    cmd.add_option("--output", o.output, "Write the report to FILE instead of standard output")->type_name("FILE");
    cmd.add_flag("-q,--quiet", o.quiet, "Print only failing findings (text)");
    cmd.add_flag("-v,--verbose", o.verbose, "Also list passing and not-applicable rules (text)");
}

CLI::App* add_check_command(CLI::App& app, CheckOptions& o) {
    CLI::App* cmd = app.add_subcommand("check", "Check one certificate body, key and chain before upload");
    cmd->add_option("--cert,--certificate-body", o.cert, "Certificate body (PEM); file:// prefixes accepted (required unless --aws-json)")->type_name("FILE");
    cmd->add_option("--key,--private-key", o.key, "Private key (PEM); never printed, never prompted for")->type_name("FILE");
    cmd->add_option("--chain,--certificate-chain", o.chain, "Certificate chain (PEM): intermediates, issuer first")->type_name("FILE");
    add_upload_options(*cmd, o.name, o.path, o.user_name);
    cmd->add_option("--host", o.hosts, "A host name the certificate must cover (repeatable)")->type_name("HOSTNAME")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    add_aws_json_option(*cmd, o.aws_json);
    cmd->add_flag("--fetch-missing", o.fetch_missing, "Try the AIA caIssuers URL of a certificate whose issuer is missing (http, 1 MiB, 10 s) and report what it supplies");
    add_selection_options(*cmd, o.selection);
    add_output_options(*cmd, o.output);
    add_config_options(*cmd, o.config);
    return cmd;
}

void add_user_name_option(CLI::App& cmd, std::optional<std::string>& user_name) {
    cmd.add_option("--user-name", user_name, "iam-signing: the IAM user the signing certificate is for (1-128 of letters, digits and _+=,.@-)")->type_name("USER");
}

void add_upload_options(CLI::App& cmd, std::optional<std::string>& name, std::optional<std::string>& path,
                        std::optional<std::string>& user_name) {
    cmd.add_option("--name,--server-certificate-name", name, "The IAM server-certificate name to check")->type_name("NAME");
    add_user_name_option(cmd, user_name);
    cmd.add_option("--path", path, "The IAM path to check (e.g. /cloudfront/prod/)")->type_name("PATH");
}

// --name and --path are an IAM server certificate's (iam-server, cloudfront) and --user-name an IAM
// signing certificate's; a profile that uploads elsewhere reads none of them, and a name IAM would
// refuse (AWS-RULES.md 4 sig-username) is refused here: usage errors, so that a flag given for the
// wrong profile is never silently ignored.
void check_upload_options(const std::optional<std::string>& name, const std::optional<std::string>& user_name, const Profile& profile,
                          const std::optional<std::string>& path) {
    const bool signing = profile.target == UploadTarget::IamSigningCertificate;
    if (user_name && !signing) {
        throw UsageError{fmt::format("--user-name is the IAM user of a signing certificate: use it with --profile iam-signing, not {}",
                                     profile.name)};
    }
    if (name && signing) {
        throw UsageError{"--name is a server-certificate name; --profile iam-signing takes the IAM user with --user-name"};
    }
    if (profile.target != UploadTarget::IamServerCertificate && !signing && (name || path)) {
        throw UsageError{fmt::format(
            "{} is the IAM server-certificate {} (profiles iam-server and cloudfront); --profile {} uploads no "
            "IAM server certificate and reads none",
            name ? "--name" : "--path", name ? "name" : "path", profile.name)};
    }
    if (path && signing) throw UsageError{"--path is an IAM server certificate's; a signing certificate (--profile iam-signing) has none"};
    if (user_name) {
        if (auto problem = rules::iam_name_problem(*user_name, "--user-name")) {
            throw UsageError{fmt::format("{} (IAM user names are 1-128 characters matching [\\w+=,.@-]+)", *problem)};
        }
    }
}

int run_check(const CheckOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        for (const std::string& host : o.hosts) require_name("--host", host, "the host name the certificate must cover (e.g. www.example.com)");
        if (o.aws_json) {
            if (!o.cert.empty() || o.key || o.chain) throw UsageError{"--aws-json replaces --cert, --key and --chain: give one or the other"};
            if (o.name || o.path) throw UsageError{"--name and --path are read from the JSON with --aws-json (ServerCertificateName, Path)"};
            return run_aws_json(*o.aws_json, o.selection, o.output, io, o.hosts);
        }
        if (o.cert.empty()) throw UsageError{"--cert is required (or --aws-json FILE)"};
        if (o.output.quiet && o.output.verbose) throw UsageError{"-q and -v cannot be used together"};
        if (o.output.verbose) log::set_verbose(true);
        RunContext sel = resolve_selection(o.selection);
        const AiaSettings aia{};
        if (o.fetch_missing) sel.ctx.fetch_missing = &aia;
        if (!o.selection.config_file.empty()) log::info("configuration: {}", safe_text(o.selection.config_file));
        log::info("profile {}: {} rules; validity judged at {}; trust store: {}", sel.profile->name, sel.rules.size(),
                  x509::format_time(sel.ctx.at), safe_text(sel.trust->description()));
        CheckInputs inputs;
        inputs.cert = strip_file_scheme(o.cert);
        if (o.key) inputs.key = strip_file_scheme(*o.key);
        if (o.chain) inputs.chain = strip_file_scheme(*o.chain);
        check_upload_options(o.name, o.user_name, *sel.profile, o.path);
        inputs.request.name = o.name;
        inputs.request.user_name = o.user_name;
        inputs.request.path = o.path;
        inputs.request.hosts = o.hosts;

        Report report = new_report(sel);
        report.subjects.push_back(check_subject(inputs, sel));

        return emit_report(report, o.output, io);
    });
}

int emit_report(const Report& report, const OutputOptions& o, Io& io) {
    const Format format = *parse_format(o.format);
    RenderOptions ropts;
    ropts.verbose = o.verbose;
    ropts.quiet = o.quiet;
    ropts.fail_on = report.fail_on;
    if (o.output) {
        std::ostringstream buf;
        render(report, format, buf, ropts);
        write_report(*o.output, buf.str(), format);
    } else {
        ropts.color = format == Format::Text && io.out_is_tty && !io.no_color;
        render(report, format, io.out, ropts);
    }
    return report.exit_code();
}

}  // namespace certcheck::cli
