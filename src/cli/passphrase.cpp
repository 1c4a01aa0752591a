// Where a passphrase comes from: a file, the environment, or a no-echo prompt on a terminal; never
// an argument. fix and inspect read it here.
#include "cli/passphrase.hpp"

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

#include "certcheck/load.hpp"
#include "cli/cli.hpp"

namespace certcheck::cli {

// RLIMIT_CORE 0 stops core files; PR_SET_DUMPABLE 0 also keeps other processes of the user from
// reading this one's memory (ptrace, /proc/PID/mem).
void forbid_core_dumps() {
    const rlimit none{0, 0};
    (void)::setrlimit(RLIMIT_CORE, &none);
    (void)::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

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

}  // namespace

void add_passphrase_options(CLI::App& cmd, std::optional<std::string>& file, std::optional<std::string>& env) {
    auto* pf = cmd.add_option("--passphrase-file", file, "Read the passphrase from the first line of FILE")->type_name("FILE");
    auto* pe = cmd.add_option("--passphrase-env", env, "Read the passphrase from environment variable VAR")->type_name("VAR");
    pf->excludes(pe);
}

PassphraseSource passphrase_source(const std::optional<std::string>& file, const std::optional<std::string>& env, bool may_prompt) {
    auto cached = std::make_shared<Secret>();
    if (file) {
        cached->value = passphrase_from_file(strip_file_scheme(*file));
        return [cached](const std::string&) { return cached->value; };
    }
    if (env) {
        cached->value = passphrase_from_env(*env);
        if (!cached->value) throw UsageError{fmt::format("--passphrase-env {}: the variable is not set", *env)};
        return [cached](const std::string&) { return cached->value; };
    }
    if (!may_prompt) return {};
    auto asked = std::make_shared<bool>(false);
    return [cached, asked](const std::string& what) {
        if (!*asked) {
            *asked = true;
            cached->value = prompt(what);
        }
        return cached->value;
    };
}

}  // namespace certcheck::cli
