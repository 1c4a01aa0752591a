// certcheck inspect: what each file holds (certificates, keys, CSRs, public keys), as text or json.
// Never key material.
#include "inspect/inspect.hpp"
#include "certcheck/load.hpp"
#include "cli/options.hpp"
#include "cli/passphrase.hpp"

namespace certcheck::cli {

CLI::App* add_inspect_command(CLI::App& app, InspectOptions& o) {
    CLI::App* cmd = app.add_subcommand("inspect", "Show what PEM, DER, PKCS#7 and PKCS#12 files hold (never key material)");
    cmd->add_option("files", o.files, "Files to inspect")->type_name("FILE")->required();
    cmd->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->add_option("--at", o.at, "Count days left from this RFC 3339 time instead of now")->type_name("TIME");
    add_passphrase_options(*cmd, o.passphrase_file, o.passphrase_env);
    return cmd;
}

int run_inspect(const InspectOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        const std::time_t at = resolve_at(o.at);
        // Never a prompt: inspect opens an archive only with a passphrase it was told where to find.
        const bool given = o.passphrase_file || o.passphrase_env;
        if (given) forbid_core_dumps();
        const PassphraseSource passphrase = passphrase_source(o.passphrase_file, o.passphrase_env, false);
        std::vector<InspectedFile> files;
        for (const std::string& f : o.files) files.push_back(inspect_file(strip_file_scheme(f), at, given ? &passphrase : nullptr));
        match_public_keys(files);
        if (o.format == "json") render_inspect_json(files, at, io.out);
        else render_inspect_text(files, io.out);
        return kExitPass;
    });
}

}  // namespace certcheck::cli
