// certcheck merge (part 5).
#include "cli/options.hpp"

namespace certcheck::cli {

CLI::App* add_merge_command(CLI::App& app, MergeOptions& o) {
    CLI::App* cmd = app.add_subcommand("merge", "Join the ndjson reports of 'scan --shard K/N' runs into one report");
    cmd->add_option("files", o.files, "ndjson reports")->type_name("NDJSON")->required();
    add_output_options(*cmd, o.output);
    return cmd;
}

int run_merge(const MergeOptions& o, Io& io) {
    (void)o;
    io.err << "not yet\n";
    return kExitUsage;
}

}  // namespace certcheck::cli
