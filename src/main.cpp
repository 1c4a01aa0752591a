// certcheck: a thin main. Logger settings, cli::run, and a last-resort catch.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <cstdio>
#include <string_view>

#include <openssl/crypto.h>

#include "certcheck/version.hpp"
#include "cli/cli.hpp"
#include "cli/log.hpp"
#include "common/escape.hpp"

int main(int argc, char** argv) {
    // `certcheck --version` alone (scripts, shell completion, package checks) answers before the
    // logger, OpenSSL and the option parser are set up: declaring the options was a quarter of
    // its instructions. The text is the one CLI11's version flag prints (cli.cpp).
    if (argc == 2 && std::string_view{argv[1]} == "--version") {
        const std::string_view version = certcheck::kVersion;
        std::printf("certcheck %.*s\n", static_cast<int>(version.size()), version.data());
        return std::fflush(stdout) == 0 ? 0 : certcheck::cli::kExitUsage;
    }
    try {
        // Verdicts must not depend on the machine's openssl.cnf (and reading it is a cost every
        // run would pay): OpenSSL starts with its built-in defaults.
        OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
        // No colour with NO_COLOR (no-color.org) or on a terminal that says it has none (TERM=dumb),
        // in the report and in the log lines alike.
        const char* no_color_env = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        const bool no_color = (no_color_env != nullptr && *no_color_env != '\0') || (term != nullptr && std::string_view{term} == "dumb");
        certcheck::cli::log::init(no_color);  // the logger itself is made on the first line (--verbose)

        certcheck::cli::Io io{std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1, no_color,
                              ::isatty(STDERR_FILENO) == 1, ::isatty(STDIN_FILENO) == 1};
        const int code = certcheck::cli::run(argc, argv, io);
        // A report that could not be written (a full disk, a closed descriptor) must not pass for
        // one that was: the verdict's exit code would otherwise hide the loss.
        errno = 0;
        if (!std::cout.flush()) {
            const int err = errno;
            std::cerr << "certcheck: error: cannot write the report to standard output"
                      << (err != 0 ? std::string{": "} + std::strerror(err) : std::string{}) << '\n';
            return certcheck::cli::kExitUsage;
        }
        return code;
    } catch (const std::exception& e) {
        std::cerr << "certcheck: internal error: " << certcheck::safe_text(e.what()) << '\n';
    } catch (...) {
        std::cerr << "certcheck: internal error\n";
    }
    return certcheck::cli::kExitUsage;
}
