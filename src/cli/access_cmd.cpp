// certcheck access: the certificate x role matrix for IAM Roles Anywhere.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "access/access.hpp"
#include "certcheck/version.hpp"
#include "cli/options.hpp"
#include "common/x509util.hpp"

namespace certcheck::cli {

CLI::App* add_access_command(CLI::App& app, AccessOptions& o) {
    CLI::App* cmd = app.add_subcommand("access", "Roles Anywhere: which certificate can assume which role, and why");
    cmd->add_option("paths", o.paths, "Certificate files or directories to scan for them")->type_name("CERT_OR_DIR")->required();
    cmd->add_option("--trust-anchor", o.trust_anchor, "The trust anchor's CA certificates (PEM, at most 2)")->type_name("FILE")->required();
    cmd->add_option("--trust-policy", o.roles,
                    "A role: its trust policy (JSON, named by the file stem) or the output of aws iam get-role (named by RoleName); repeatable")
        ->type_name("FILE")
        ->required()
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    cmd->add_option("--attribute-mapping", o.attribute_mapping,
                    "The profile's attributeMappings (JSON, as aws rolesanywhere get-profile prints)")
        ->type_name("FILE");
    cmd->add_option("--crl", o.crls, "A CRL imported for the trust anchor (PEM; repeatable)")
        ->type_name("FILE")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    cmd->add_option("--trust-anchor-arn", o.trust_anchor_arn, "The trust anchor's ARN (aws:SourceArn in the policies)")->type_name("ARN");
    cmd->add_option("--at", o.at, "Judge validity at this RFC 3339 time instead of now (e.g. 2030-01-01T00:00:00Z)")->type_name("TIME");
    cmd->add_option("--format", o.format, "Report format")->check(CLI::IsMember({"text", "json", "csv", "html"}))->capture_default_str();
    cmd->add_option("--output", o.output, "Write the report to FILE instead of standard output")->type_name("FILE");
    return cmd;
}

int run_access(const AccessOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        AccessInputs in;
        in.at = resolve_at(o.at);
        RunOptions ro;  // the core's loader of the Roles Anywhere inputs, as check and scan use it
        ro.trust_anchor = o.trust_anchor;
        ro.trust_anchor_arn = o.trust_anchor_arn;
        ro.attribute_mapping = o.attribute_mapping;
        ro.crls = o.crls;
        RolesAnywhereInputs ra;
        try {
            ra = load_roles_anywhere_inputs(ro);
        } catch (const SelectionError& e) {
            throw UsageError{e.what()};
        }
        in.mapping = std::move(ra.mapping);
        in.crls = std::move(ra.crls);
        in.anchor_arn = ra.anchor_arn;
        const std::string anchor_path = strip_file_scheme(o.trust_anchor);
        LoadedFile anchor = std::move(*ra.anchor);
        if (anchor.certs.empty()) throw InputError(fmt::format("{}: no certificate could be read from the trust anchor", anchor_path));
        in.anchors = std::move(anchor.certs);
        for (const std::string& r : o.roles) in.roles.push_back(load_role(strip_file_scheme(r)));
        for (std::size_t i = 0; i < in.roles.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (in.roles[i].name == in.roles[j].name) {
                    throw UsageError{fmt::format("--trust-policy: {} and {} are both named role '{}'", in.roles[j].file, in.roles[i].file,
                                                 in.roles[i].name)};
                }
            }
        }
        const FoundCertificates found = find_certificates(o.paths);
        if (found.subjects.empty()) throw InputError("no end-entity certificate found under the given paths");
        const AccessMatrix m = build_access_matrix(in, found.subjects);

        AccessRun run;
        run.version = std::string{kVersion};
        run.checked_at = x509::format_time(in.at);
        run.trust_anchor = anchor_path;
        run.anchor_arn = in.anchor_arn;
        run.mapping = in.mapping ? "attribute mapping from " + in.mapping->source : std::string{"default attribute mapping"};
        for (const std::string& c : o.crls) run.crl_files.push_back(strip_file_scheme(c));
        run.skipped = found.skipped;
        const AccessFormat format = o.format == "json"   ? AccessFormat::Json
                                    : o.format == "csv"  ? AccessFormat::Csv
                                    : o.format == "html" ? AccessFormat::Html
                                                         : AccessFormat::Text;
        if (o.output) {
            std::ostringstream buf;
            render_access(m, run, format, buf);
            write_output(*o.output, buf.str());
        } else {
            render_access(m, run, format, io.out);
        }
        for (const auto& [path, why] : found.skipped) io.err << fmt::format("certcheck: warning: skipped {}: {}\n", path, why);
        return access_exit_code(m);
    });
}

}  // namespace certcheck::cli
