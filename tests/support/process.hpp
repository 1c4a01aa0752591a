// Runs the certcheck binary as a child process, capturing exit code, stdout and stderr.
#pragma once

#include <string>
#include <vector>

namespace certcheck::test {

struct RunResult {
    int exit_code = -1;     // the exit status; 128 + signal number when killed by a signal
    bool timed_out = false;
    std::string out;
    std::string err;
};

// argv excludes the program; the binary is CERTCHECK_BINARY. Never reads stdin (it is /dev/null).
// cwd: the child's working directory ("" keeps the test's).
[[nodiscard]] RunResult run_certcheck(const std::vector<std::string>& args, int timeout_seconds = 60,
                                      const std::vector<std::string>& extra_env = {}, const std::string& cwd = {});

}  // namespace certcheck::test
