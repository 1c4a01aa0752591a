// Runs the certcheck binary as a child process, capturing exit code, stdout and stderr.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace certcheck::test {

struct RunResult {
    int exit_code = -1;  // the exit status; 128 + signal number when killed by a signal
    bool timed_out = false;
    std::string out;
    std::string err;
    double cpu_seconds = 0;  // the child's user + system CPU time (wait4's rusage, as getrusage(RUSAGE_CHILDREN) counts it)
    long max_rss_kib = 0;    // the child's peak resident memory (Linux counts what it shared with this process at fork too)
};

// argv excludes the program; the binary is CERTCHECK_BINARY. Never reads stdin (it is /dev/null).
// cwd: the child's working directory ("" keeps the test's).
// run_as: the child drops to this user and group id first (needs root; it exits 126 if it cannot).
[[nodiscard]] RunResult run_certcheck(const std::vector<std::string>& args, int timeout_seconds = 60,
                                      const std::vector<std::string>& extra_env = {}, const std::string& cwd = {},
                                      std::optional<uid_t> run_as = std::nullopt);

// The same for any program (argv[0] is looked up in PATH when it has no slash).
[[nodiscard]] RunResult run_program(std::vector<std::string> argv, int timeout_seconds = 60,
                                    const std::vector<std::string>& extra_env = {}, const std::string& cwd = {},
                                    std::optional<uid_t> run_as = std::nullopt);

// Starts a program in the background (stdin /dev/null, stdout and stderr to log_file); returns its pid.
[[nodiscard]] pid_t spawn_program(std::vector<std::string> argv, const std::string& log_file);
// Its exit status once it has exited (128 + signal when killed), or nothing after timeout_ms.
[[nodiscard]] std::optional<int> exit_status(pid_t pid, int timeout_ms);
// Sends signal_number, waits up to timeout_ms, then SIGKILL; returns the exit status (128 + signal when killed).
int stop_program(pid_t pid, int signal_number, int timeout_ms);

}  // namespace certcheck::test
