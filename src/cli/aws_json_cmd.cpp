// --aws-json FILE for check and scan: the certificates AWS stores, as the aws CLI prints them.
#include <fmt/format.h>
#include "cli/log.hpp"

#include "aws_json/aws_json.hpp"
#include "cli/options.hpp"
#include "common/x509util.hpp"

namespace certcheck::cli {

void add_aws_json_option(CLI::App& cmd, std::optional<std::string>& path) {
    cmd.add_option("--aws-json", path,
                   "Check what the aws CLI printed (iam get-server-certificate, iam list-server-certificates, iam "
                   "list-signing-certificates, acm get-certificate, acm describe-certificate, acm list-certificates); - reads standard "
                   "input")
        ->type_name("FILE");
}

int run_aws_json(const std::string& path, const SelectionOptions& selection, const OutputOptions& output, Io& io,
                 const std::vector<std::string>& hosts) {
    if (output.quiet && output.verbose) throw UsageError{"-q and -v cannot be used together"};
    if (output.verbose) log::set_verbose(true);
    RunContext sel = resolve_selection(selection);
    const std::vector<AwsJsonSubject> subjects = read_aws_json(strip_file_scheme(path));
    log::info("profile {}: {} rules; {} subject(s) from {}; validity judged at {}", sel.profile->name, sel.rules.size(),
              subjects.size(), path, x509::format_time(sel.ctx.at));
    Report report = new_report(sel);
    for (const AwsJsonSubject& s : subjects) report.subjects.push_back(check_aws_json_subject(s, sel.rules, sel.ctx, sel.fail_on, hosts));
    if (subjects.empty()) io.err << fmt::format("certcheck: warning: {} lists no certificate\n", path);
    return emit_report(report, output, io);
}

}  // namespace certcheck::cli
