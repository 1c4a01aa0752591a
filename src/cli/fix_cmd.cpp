// certcheck fix: the options (the passphrase source is passphrase.cpp's) and the report of what changed.
#include <fmt/format.h>

#include "fix/fix.hpp"
#include "certcheck/load.hpp"
#include "cli/options.hpp"
#include "cli/passphrase.hpp"
#include "common/x509util.hpp"

namespace certcheck::cli {

CLI::App* add_fix_command(CLI::App& app, FixOptions& o) {
    CLI::App* cmd = app.add_subcommand("fix", "Write upload-ready cert.pem, key.pem (PKCS#1, 0600) and chain.pem into --out");
    cmd->add_option("--cert,--certificate-body", o.cert, "Certificate: PEM, DER, PKCS#7 or PKCS#12; may hold the chain too")->type_name("FILE")->required();
    cmd->add_option("--key,--private-key", o.key, "Private key: PEM, DER or PKCS#12, encrypted or not; never printed")->type_name("FILE")->required();
    cmd->add_option("--chain,--certificate-chain", o.chain, "The chain as you have it (any order, any of the formats)")->type_name("FILE");
    cmd->add_option("--bundle", o.bundle, "More CA certificates to build the chain from (e.g. your CA's bundle)")->type_name("FILE");
    cmd->add_option("--out", o.out, "Directory to write cert.pem, key.pem and chain.pem into (created if missing)")->type_name("DIR")->required();
    cmd->add_flag("--force", o.force, "Replace cert.pem, key.pem and chain.pem when they exist in --out");
    cmd->add_flag("--fetch-missing", o.fetch_missing, "Fetch an intermediate found nowhere else from the AIA caIssuers URL (http, 1 MiB, 10 s)");
    add_upload_options(*cmd, o.name, o.path, o.user_name);
    cmd->add_option("--format", o.format, "Report format (json: docs/fix.md)")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    add_passphrase_options(*cmd, o.passphrase_file, o.passphrase_env);
    add_selection_options(*cmd, o.selection);
    return cmd;
}

int run_fix(const FixOptions& o, Io& io) {
    forbid_core_dumps();
    return report_errors(io, [&]() -> int {
        const RunContext sel = resolve_selection(o.selection);
        check_upload_options(o.name, o.user_name, *sel.profile, o.path);
        FixRequest req;
        req.cert = strip_file_scheme(o.cert);
        req.key = strip_file_scheme(o.key);
        if (o.chain) req.chain = strip_file_scheme(*o.chain);
        if (o.bundle) req.bundle = strip_file_scheme(*o.bundle);
        req.out_dir = strip_file_scheme(o.out);
        if (o.passphrase_file) req.other_inputs.push_back(strip_file_scheme(*o.passphrase_file));
        if (o.selection.trust_store) req.other_inputs.push_back(strip_file_scheme(*o.selection.trust_store));
        if (o.selection.trust_anchor) req.other_inputs.push_back(strip_file_scheme(*o.selection.trust_anchor));
        if (o.selection.trust_policy) req.other_inputs.push_back(strip_file_scheme(*o.selection.trust_policy));
        req.force = o.force;
        req.run = &sel;
        req.passphrase = passphrase_source(o.passphrase_file, o.passphrase_env, io.in_is_tty);
        if (o.fetch_missing) req.fetch_missing = AiaSettings{};
        req.request.name = o.name;
        req.request.path = o.path;
        req.request.user_name = o.user_name;

        FixOutcome out;
        try {
            out = fix(req);
        } catch (const FixTargetError& e) {
            throw UsageError{e.what()};
        }
        if (o.format == "json") {
            render_fix_json(req, out, sel.profile->name, x509::format_time(sel.ctx.at), io.out);
            return out.fixed ? kExitPass : kExitFail;
        }
        if (!out.problems.empty()) {
            io.err << "certcheck: error: cannot fix:\n";
            for (const std::string& p : out.problems) io.err << "  " << safe_text(p) << '\n';
            io.err << fmt::format("certcheck: nothing was written to {}\n", safe_text(req.out_dir));
            return kExitFail;
        }
        render_fix_text(req, out, sel.profile->name, io.out);
        return out.fixed ? kExitPass : kExitFail;
    });
}

}  // namespace certcheck::cli
