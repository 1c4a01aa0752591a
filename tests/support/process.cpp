#include "support/process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string_view>

extern char** environ;

namespace certcheck::test {

namespace {

// The test's environment without NO_COLOR, with extra_env's NAME=VALUE entries replacing any of
// the same name (getenv finds the first).
std::vector<std::string> environment(const std::vector<std::string>& extra_env) {
    std::vector<std::string> env_store;
    const auto replaced = [&extra_env](std::string_view entry) {
        const std::size_t eq = entry.find('=');
        if (eq == std::string_view::npos) return false;
        const std::string_view name = entry.substr(0, eq + 1);
        return std::any_of(extra_env.begin(), extra_env.end(), [name](const std::string& e) { return e.rfind(name, 0) == 0; });
    };
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::strncmp(*e, "NO_COLOR=", 9) != 0 && !replaced(*e)) env_store.emplace_back(*e);
    }
    env_store.insert(env_store.end(), extra_env.begin(), extra_env.end());
    return env_store;
}

}  // namespace

RunResult run_certcheck(const std::vector<std::string>& args, int timeout_seconds,
                        const std::vector<std::string>& extra_env, const std::string& cwd,
                        std::optional<uid_t> run_as) {
    std::vector<std::string> argv_store{CERTCHECK_BINARY};
    argv_store.insert(argv_store.end(), args.begin(), args.end());
    return run_program(argv_store, timeout_seconds, extra_env, cwd, run_as);
}

RunResult run_program(std::vector<std::string> argv_store, int timeout_seconds, const std::vector<std::string>& extra_env,
                      const std::string& cwd, std::optional<uid_t> run_as) {
    std::array<int, 2> out_pipe{};
    std::array<int, 2> err_pipe{};
    if (pipe(out_pipe.data()) != 0 || pipe(err_pipe.data()) != 0) throw std::runtime_error("pipe failed");

    std::vector<char*> argv;
    for (auto& a : argv_store) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> env_store = environment(extra_env);
    std::vector<char*> envp;
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);

    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, STDIN_FILENO);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        close(out_pipe[0]);
        close(err_pipe[0]);
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
        if (run_as && (setgroups(0, nullptr) != 0 || setgid(*run_as) != 0 || setuid(*run_as) != 0)) _exit(126);
        execvpe(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);

    RunResult r;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    std::array<pollfd, 2> fds{pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    std::array<char, 65536> buf{};
    while (open_fds > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            r.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0) break;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            const ssize_t n = read(fds[i].fd, buf.data(), buf.size());
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
                continue;
            }
            (i == 0 ? r.out : r.err).append(buf.data(), static_cast<std::size_t>(n));
        }
    }
    for (auto& f : fds) {
        if (f.fd >= 0) close(f.fd);
    }
    int status = 0;
    struct rusage usage {};
    wait4(pid, &status, 0, &usage);
    r.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.max_rss_kib = usage.ru_maxrss;
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
    return r;
}

pid_t spawn_program(std::vector<std::string> argv_store, const std::string& log_file) {
    std::vector<char*> argv;
    for (auto& a : argv_store) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_store = environment({});
    std::vector<char*> envp;
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int devnull = open("/dev/null", O_RDONLY);
        const int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        dup2(devnull, STDIN_FILENO);
        if (log >= 0) {
            dup2(log, STDOUT_FILENO);
            dup2(log, STDERR_FILENO);
        }
        execvpe(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    return pid;
}

std::optional<int> exit_status(pid_t pid, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        int status = 0;
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            if (WIFEXITED(status)) return WEXITSTATUS(status);
            if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
            return -1;
        }
        if (r < 0) return -1;
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        usleep(20000);
    }
}

int stop_program(pid_t pid, int signal_number, int timeout_ms) {
    if (pid <= 0) return -1;
    kill(pid, signal_number);
    if (const auto st = exit_status(pid, timeout_ms)) return *st;
    kill(pid, SIGKILL);
    return exit_status(pid, 10000).value_or(-1);
}

}  // namespace certcheck::test
