// certcheck merge: the ndjson reports of `scan --shard K/N` runs joined into one report, in any format.
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "certcheck/render.hpp"
#include "certcheck/version.hpp"
#include "cli/options.hpp"
#include "render/subject_json.hpp"

namespace certcheck::cli {
namespace {

constexpr std::size_t kMaxLine = 64U << 20U;  // one subject; far above any real one

}  // namespace

CLI::App* add_merge_command(CLI::App& app, MergeOptions& o) {
    CLI::App* cmd = app.add_subcommand("merge", "Join the ndjson reports of 'scan --shard K/N' runs into one report");
    cmd->add_option("files", o.files, "ndjson reports of scan (one subject per line)")->type_name("NDJSON")->required();
    add_output_options(*cmd, o.output);
    return cmd;
}

int run_merge(const MergeOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        if (o.output.quiet && o.output.verbose) throw UsageError{"-q and -v cannot be used together"};
        Report report;
        report.version = std::string{kVersion};
        std::map<std::string, std::string> seen;  // subject name -> the file it came from
        std::string first_run;                    // where profile and checked_at were first read
        for (const std::string& path : o.files) {
            std::ifstream in(path, std::ios::binary);
            if (!in) throw InputError(fmt::format("{}: cannot read", path));
            std::string line;
            int number = 0;
            while (std::getline(in, line)) {
                ++number;
                if (line.size() > kMaxLine) throw InputError(fmt::format("{}:{}: a line over 64 MiB: not an ndjson report of scan", path, number));
                if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
                const auto j = render_detail::Json::parse(line, nullptr, false);
                if (j.is_discarded() || !j.is_object()) {
                    throw InputError(fmt::format("{}:{}: not a JSON object: not an ndjson report of scan (--format ndjson)", path, number));
                }
                SubjectReport s;
                std::string profile;
                std::string checked_at;
                try {
                    s = render_detail::parse_subject(j);
                    profile = j.at("profile").get<std::string>();
                    checked_at = j.at("checked_at").get<std::string>();
                } catch (const std::exception& e) {
                    throw InputError(fmt::format("{}:{}: not a subject of an ndjson report of scan: {}", path, number, e.what()));
                }
                if (first_run.empty()) {
                    report.profile = profile;
                    report.checked_at = checked_at;
                    first_run = fmt::format("{}:{}", path, number);
                } else if (profile != report.profile || checked_at != report.checked_at) {
                    throw InputError(fmt::format(
                        "{}:{}: profile {} checked at {}, but {} has profile {} checked at {}: merge the shards of one run "
                        "(the same --profile and --at)",
                        path, number, profile, checked_at, first_run, report.profile, report.checked_at));
                }
                if (const auto [it, fresh] = seen.emplace(s.name, path); !fresh) {
                    throw InputError(fmt::format("{}:{}: subject {} is also in {}: the shards overlap (or a file was given twice)", path, number,
                                                 s.name, it->second));
                }
                report.subjects.push_back(std::move(s));
            }
            if (in.bad()) throw InputError(fmt::format("{}: cannot read", path));
        }
        // The same order whatever the number of shards: by subject name.
        std::stable_sort(report.subjects.begin(), report.subjects.end(),
                         [](const SubjectReport& a, const SubjectReport& b) { return a.name < b.name; });
        if (report.subjects.empty()) io.err << "certcheck: warning: no subject in the given reports\n";
        const Format format = *parse_format(o.output.format);
        RenderOptions ropts;
        ropts.verbose = o.output.verbose;
        ropts.quiet = o.output.quiet;
        if (o.output.output) {
            std::ostringstream buf;
            render(report, format, buf, ropts);
            write_report(*o.output.output, buf.str(), format);
        } else {
            ropts.color = format == Format::Text && io.out_is_tty && !io.no_color;
            render(report, format, io.out, ropts);
        }
        return report.exit_code();
    });
}

}  // namespace certcheck::cli
