// certcheck fix: the options, the passphrase source (file, environment, or a no-echo prompt on a
// terminal; never an argument), and the report of what changed.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <openssl/crypto.h>

#include "certcheck/fix.hpp"
#include "certcheck/load.hpp"
#include "cli/options.hpp"

namespace certcheck::cli {
namespace {

void cleanse(std::string& s) { OPENSSL_cleanse(s.data(), s.size()); }

// The passphrase for the run; overwritten (OPENSSL_cleanse) when the last copy of the source goes.
struct Secret {
    std::optional<std::string> value;
    Secret() = default;
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    ~Secret() {
        if (value) cleanse(*value);
    }
};

// The first line of the file, without its line ending.
std::string passphrase_from_file(const std::string& path) {
    std::string data = read_file_bytes(path);
    const auto end = data.find_first_of("\r\n");
    std::string line = data.substr(0, end);
    cleanse(data);
    return line;
}

// The variable's value; then its bytes in the environment block are overwritten and the variable
// is removed, so neither /proc/PID/environ nor a child process sees it.
std::optional<std::string> passphrase_from_env(const std::string& name) {
    char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    std::string copy{value};
    OPENSSL_cleanse(value, std::strlen(value));
    ::unsetenv(name.c_str());
    return copy;
}

// A decrypted key is about to be in memory: no core file may hold it. RLIMIT_CORE 0 stops core
// files; PR_SET_DUMPABLE 0 also keeps other processes of the user from reading this one's memory
// (ptrace, /proc/PID/mem). Both last until the process exits.
void forbid_core_dumps() {
    const rlimit none{0, 0};
    (void)::setrlimit(RLIMIT_CORE, &none);
    (void)::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

// Reads one line from the terminal with echo off; nullopt when there is no terminal.
std::optional<std::string> prompt(const std::string& what) {
    FILE* tty = std::fopen("/dev/tty", "r+");
    if (tty == nullptr) return std::nullopt;
    const int fd = ::fileno(tty);
    termios saved{};
    const bool have_termios = ::tcgetattr(fd, &saved) == 0;
    if (have_termios) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        (void)::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::fputs(fmt::format("Passphrase for {}: ", what).c_str(), tty);
    std::fflush(tty);
    std::string line;
    line.reserve(1024);  // no reallocation leaves a copy behind for typical lengths
    for (int c = std::fgetc(tty); c != EOF && c != '\n'; c = std::fgetc(tty)) line += static_cast<char>(c);
    if (have_termios) (void)::tcsetattr(fd, TCSAFLUSH, &saved);
    std::fputs("\n", tty);
    std::fclose(tty);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// One passphrase for the run, asked for at most once.
PassphraseSource make_source(const FixOptions& o, Io& io) {
    auto cached = std::make_shared<Secret>();
    if (o.passphrase_file) {
        cached->value = passphrase_from_file(strip_file_scheme(*o.passphrase_file));
        return [cached](const std::string&) { return cached->value; };
    }
    if (o.passphrase_env) {
        cached->value = passphrase_from_env(*o.passphrase_env);
        if (!cached->value) throw UsageError{fmt::format("--passphrase-env {}: the variable is not set", *o.passphrase_env)};
        return [cached](const std::string&) { return cached->value; };
    }
    if (!io.in_is_tty) return {};
    auto asked = std::make_shared<bool>(false);
    return [cached, asked](const std::string& what) {
        if (!*asked) {
            *asked = true;
            cached->value = prompt(what);
        }
        return cached->value;
    };
}

}  // namespace

CLI::App* add_fix_command(CLI::App& app, FixOptions& o) {
    CLI::App* cmd = app.add_subcommand("fix", "Write upload-ready cert.pem, key.pem (PKCS#1, 0600) and chain.pem into --out");
    cmd->add_option("--cert,--certificate-body", o.cert, "Certificate: PEM, DER, PKCS#7 or PKCS#12; may hold the chain too")->type_name("FILE")->required();
    cmd->add_option("--key,--private-key", o.key, "Private key: PEM, DER or PKCS#12, encrypted or not; never printed")->type_name("FILE")->required();
    cmd->add_option("--chain,--certificate-chain", o.chain, "The chain as you have it (any order, any of the formats)")->type_name("FILE");
    cmd->add_option("--bundle", o.bundle, "More CA certificates to build the chain from (e.g. your CA's bundle)")->type_name("FILE");
    cmd->add_option("--out", o.out, "Directory to write cert.pem, key.pem and chain.pem into (created if missing)")->type_name("DIR")->required();
    cmd->add_flag("--force", o.force, "Replace cert.pem, key.pem and chain.pem when they exist in --out");
    cmd->add_flag("--fetch-missing", o.fetch_missing, "Fetch an intermediate found nowhere else from the AIA caIssuers URL (http, 1 MiB, 10 s)");
    auto* pf = cmd->add_option("--passphrase-file", o.passphrase_file, "Read the passphrase from the first line of FILE")->type_name("FILE");
    auto* pe = cmd->add_option("--passphrase-env", o.passphrase_env, "Read the passphrase from environment variable VAR")->type_name("VAR");
    pf->excludes(pe);
    add_selection_options(*cmd, o.selection);
    return cmd;
}

int run_fix(const FixOptions& o, Io& io) {
    forbid_core_dumps();
    return report_errors(io, [&]() -> int {
        const RunContext sel = resolve_selection(o.selection);
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
        req.passphrase = make_source(o, io);
        if (o.fetch_missing) req.fetch_missing = AiaSettings{};

        FixOutcome out;
        try {
            out = fix(req);
        } catch (const FixTargetError& e) {
            throw UsageError{e.what()};
        }
        if (!out.problems.empty()) {
            io.err << "certcheck: error: cannot fix:\n";
            for (const std::string& p : out.problems) io.err << "  " << safe_text(p) << '\n';
            io.err << fmt::format("certcheck: nothing was written to {}\n", safe_text(req.out_dir));
            return kExitFail;
        }
        std::string written;
        for (const std::string& w : out.written) written += (written.empty() ? "" : ", ") + safe_text(w) + (w.ends_with("key.pem") ? " (mode 0600)" : "");
        io.out << "wrote " << written << '\n';
        if (out.changes.empty()) io.out << "  no changes were needed: the inputs were already upload-ready\n";
        for (const std::string& c : out.changes) io.out << "  " << safe_text(c) << '\n';
        const SubjectReport& r = *out.recheck;
        int warnings = 0;
        for (const Finding& f : r.findings) {
            if (f.status == Status::Warn || f.status == Status::Error) {
                ++warnings;
                io.out << fmt::format("  {}: {} [{}]\n", f.status == Status::Error ? "error" : "warning", safe_text(f.message), f.rule);
            }
        }
        io.out << fmt::format("check ({}): {}{}\n", sel.profile->name, out.fixed ? "PASS" : "FAIL",
                              warnings > 0 ? fmt::format(" with {} warning{}", warnings, warnings == 1 ? "" : "s") : "");
        if (out.fixed && r.next_command) io.out << "next: " << safe_text(*r.next_command) << '\n';
        return out.fixed ? kExitPass : kExitFail;
    });
}

}  // namespace certcheck::cli
