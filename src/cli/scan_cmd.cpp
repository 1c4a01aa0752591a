// certcheck scan: every subject under some paths.
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <fmt/format.h>
#include "cli/log.hpp"

#include "certcheck/render.hpp"
#include "scan/scan.hpp"
#include "cli/options.hpp"
#include "common/escape.hpp"

namespace certcheck::cli {
namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "shard 2/8 checks", "shards 1/8 and 2/8 check", "shards 1/8, 2/8 and 5/8 check"; over four shards,
// "7 other shards check".
std::string shards_check(const std::vector<unsigned>& shards, unsigned count) {
    if (shards.size() > 4) return fmt::format("{} other shards check", shards.size());
    std::string out = shards.size() == 1 ? "shard " : "shards ";
    for (std::size_t i = 0; i < shards.size(); ++i) {
        if (i > 0) out += i + 1 == shards.size() ? " and " : ", ";
        out += fmt::format("{}/{}", shards[i] + 1, count);
    }
    return out + (shards.size() == 1 ? " checks" : " check");
}

// Standard error's line when the scan found no subject. A shard that found none while the other
// shards' directories hold files says so in a note (-q leaves it out): an empty shard is normal
// (the split is by directory), and the paths do hold files; "nothing under the given paths" is
// said only when no shard has anything.
void say_no_subject(const ScanStats& stats, const ScanSettings& settings, bool quiet, std::ostream& err) {
    const std::string cas = stats.ca_certificates == 0
                                ? std::string{}
                                : fmt::format(", only {} (a CA certificate is checked as the chain of a certificate it issued, not alone)",
                                              plural(stats.ca_certificates, "CA certificate", "CA certificates"));
    const std::string what = cas.empty() ? "certificate or private key" : "end-entity certificate or private key";
    if (stats.other_shard_files == 0) {
        err << fmt::format("certcheck: warning: no {} found under the given paths{}\n", what, cas);
        return;
    }
    if (quiet) return;
    const std::string shard = fmt::format("shard {}/{}", settings.shard_index + 1, settings.shard_count);
    const std::string dirs = plural(stats.other_shard_directories, "directory", "directories");
    const std::string others = shards_check(stats.other_shards, settings.shard_count);
    if (stats.files == 0) {
        err << fmt::format(
            "certcheck: note: {} has no file to check: the {} found under the given paths {} in {}, which {} (the split is "
            "by directory, so a shard can get none, as when there are fewer directories than shards)\n",
            shard, plural(stats.other_shard_files, "file", "files"), stats.other_shard_files == 1 ? "is" : "are", dirs, others);
    } else {
        err << fmt::format("certcheck: note: {} found no {} in its {}{}; the other {} found are in {}, which {}\n", shard, what,
                           plural(stats.files, "file", "files"), cas, plural(stats.other_shard_files, "file", "files"), dirs, others);
    }
}

}  // namespace

CLI::App* add_scan_command(CLI::App& app, ScanOptions& o) {
    CLI::App* cmd = app.add_subcommand("scan", "Check every certificate, key and chain found under PATH...");
    cmd->add_option("paths", o.paths, "Files or directories to scan (required unless --aws-json)")->type_name("PATH");
    add_aws_json_option(*cmd, o.aws_json);
    cmd->add_option("--jobs,-j", o.jobs, "Worker threads (default: the number of cores)")->type_name("N");
    cmd->add_flag("--follow-symlinks", o.follow_symlinks, "Descend into symlinked directories (symlinked files are always read)");
    cmd->add_option("--progress", o.progress, "Progress line on standard error")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_option("--include", o.include, "Read only discovered files matching this glob (repeatable; overrides the config file's list)")->type_name("GLOB")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--exclude", o.exclude, "Leave out discovered files and directories matching this glob (repeatable; overrides the config file's list)")->type_name("GLOB")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--shard", o.shard, "Check only part K of N of the tree (split by directory; see docs/scan.md)")->type_name("K/N");
    add_user_name_option(*cmd, o.user_name);
    add_selection_options(*cmd, o.selection);
    add_output_options(*cmd, o.output);
    add_config_options(*cmd, o.config);
    return cmd;
}

int run_scan(const ScanOptions& o, Io& io) {
    return report_errors(io, [&]() -> int {
        if (o.aws_json) {
            if (!o.paths.empty()) throw UsageError{"--aws-json replaces the PATH arguments: give one or the other"};
            return run_aws_json(*o.aws_json, o.selection, o.output, io);
        }
        if (o.paths.empty()) throw UsageError{"scan: give at least one PATH (or --aws-json FILE)"};
        if (o.output.quiet && o.output.verbose) throw UsageError{"-q and -v cannot be used together"};
        if (o.output.verbose) log::set_verbose(true);
        const RunContext sel = resolve_selection(o.selection);
        if (!o.selection.config_file.empty()) log::info("configuration: {}", safe_text(o.selection.config_file));

        ScanSettings settings;
        check_upload_options(std::nullopt, o.user_name, *sel.profile);
        settings.request.user_name = o.user_name;
        settings.roots = o.paths;
        settings.follow_symlinks = o.follow_symlinks;
        settings.include = o.include;
        settings.exclude = o.exclude;
        if (o.shard) {
            const auto slash = o.shard->find('/');
            const std::string k = o.shard->substr(0, slash);
            const std::string n = slash == std::string::npos ? std::string{} : o.shard->substr(slash + 1);
            const auto number = [](const std::string& t) {
                return !t.empty() && t.size() <= 6 && t.find_first_not_of("0123456789") == std::string::npos ? std::stoul(t) : 0UL;
            };
            const unsigned long kk = number(k);
            const unsigned long nn = number(n);
            if (kk < 1 || nn < 1 || kk > nn || nn > 65536) {
                throw UsageError{fmt::format("--shard: '{}' is not K/N with 1 <= K <= N <= 65536 (e.g. 2/8)", *o.shard)};
            }
            settings.shard_index = static_cast<unsigned>(kk - 1);
            settings.shard_count = static_cast<unsigned>(nn);
        }
        settings.jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
        settings.run = &sel;

        Report report = new_report(sel);

        // A terminal that says it is dumb (TERM=dumb: Emacs shells, some CI consoles) gets no
        // progress line by default, and with --progress always one cleared with spaces, not with
        // an escape sequence it would print.
        const char* term = std::getenv("TERM");
        const bool dumb = term != nullptr && std::string_view{term} == "dumb";
        const bool progress = o.progress == "always" || (o.progress == "auto" && io.err_is_tty && !dumb);
        const std::string clear = dumb ? "\r" + std::string(79, ' ') + "\r" : std::string{"\r\033[K"};
        const Format format = *parse_format(o.output.format);
        RenderOptions ropts;
        ropts.verbose = o.output.verbose;
        ropts.quiet = o.output.quiet;
        ropts.fail_on = sel.fail_on;
        // openmetrics and html are written whole at the end, atomically with --output.
        const bool whole = format == Format::OpenMetrics || format == Format::Html;
        std::optional<AtomicOutput> atomic;
        ropts.show_inputs = true;
        std::ofstream file;
        if (o.output.output && whole) {
            atomic.emplace(*o.output.output);  // renamed into place once complete
        } else if (o.output.output) {
            file.open(*o.output.output, std::ios::binary | std::ios::trunc);
            if (!file) throw InputError(fmt::format("{}: cannot write the report", *o.output.output));
        } else {
            ropts.color = format == Format::Text && io.out_is_tty && !io.no_color;
        }
        std::ostream& out = o.output.output ? (atomic ? atomic->stream() : static_cast<std::ostream&>(file)) : io.out;
        OpenMetricsWriter metrics(report);
        HtmlWriter html(report);

        // text and ndjson stream each subject as it is handed over (memory stays flat however
        // large the tree); the document formats need every subject first.
        const bool stream = format == Format::Text || format == Format::Ndjson;
        Summary summary;
        ScanCallbacks cb;
        cb.on_subject = [&](SubjectReport&& s) {
            summary.add(s.verdict);
            if (format == Format::OpenMetrics) {
                metrics.add(s);  // keeps the series, not the subject
                return;
            }
            if (format == Format::Html) {
                html.add(s);  // keeps a table row, not the subject
                return;
            }
            if (!stream) {
                report.subjects.push_back(std::move(s));
                return;
            }
            if (progress) io.err << clear;
            if (format == Format::Ndjson) render_ndjson_subject(s, report, out);
            else render_text_subject(s, out, ropts);
        };
        cb.on_skipped = [&](const std::string& path, const std::string& why) {
            if (progress) io.err << clear;
            io.err << fmt::format("certcheck: warning: skipped {}: {}\n", safe_text(path), safe_text(why));
        };
        cb.on_note = [&](const std::string& path, const std::string& what) {
            if (o.output.quiet) return;
            if (progress) io.err << clear;
            io.err << fmt::format("certcheck: note: {}: {}\n", safe_text(path), safe_text(what));
        };
        if (progress) {
            cb.on_progress = [&](std::size_t done, std::size_t total) {
                if (done == total || done % 64 == 0) {
                    io.err << clear << fmt::format("scanning: {}/{} directories, {} subjects", done, total, summary.subjects);
                    io.err.flush();
                }
            };
        }
        const ScanStats stats = run_scan(settings, cb);
        if (progress) io.err << clear;
        log::info("scanned {} files in {} directories: {} subjects, {} skipped, {} distinct CA certificates",
                  stats.files, stats.directories, stats.subjects, stats.skipped, stats.ca_certificates);
        if (stats.subjects == 0) say_no_subject(stats, settings, o.output.quiet, io.err);

        if (format == Format::Text) render_text_summary(summary, report, out, ropts);
        else if (format == Format::OpenMetrics) metrics.finish(out);
        else if (format == Format::Html) html.finish(out);
        else if (!stream) render(report, format, out, ropts);
        out.flush();
        if (atomic) atomic->commit();
        else if (o.output.output && !file) throw InputError(fmt::format("{}: cannot write the report", *o.output.output));
        return summary.exit_code();
    });
}

}  // namespace certcheck::cli
