// certcheck never prompts, even at a terminal: encrypted keys are run through `check` and `scan`
// with a pseudo-terminal as the controlling terminal and as stdin, stdout and stderr, where
// OpenSSL's default passphrase prompt would ask (and then wait forever, since nobody types).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

struct TtyRun {
    int exit_code = -1;
    bool timed_out = false;
    std::string screen;  // everything written to the terminal
};

TtyRun run_at_terminal(const std::vector<std::string>& args, int timeout_seconds) {
    TtyRun r;
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) throw std::runtime_error("no pseudo-terminal");
    const std::string slave = ptsname(master);
    std::vector<std::string> store{CERTCHECK_BINARY};
    store.insert(store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : store) argv.push_back(a.data());
    argv.push_back(nullptr);

    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        setsid();  // a new session: the terminal opened next becomes the controlling terminal
        const int tty = open(slave.c_str(), O_RDWR);
        if (tty < 0) _exit(125);
        dup2(tty, STDIN_FILENO);
        dup2(tty, STDOUT_FILENO);
        dup2(tty, STDERR_FILENO);
        close(master);
        execv(argv[0], argv.data());
        _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    std::array<char, 4096> buf{};
    int status = 0;
    for (;;) {
        if (waitpid(pid, &status, WNOHANG) == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            r.timed_out = true;
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        pollfd p{master, POLLIN, 0};
        if (poll(&p, 1, 100) > 0 && (p.revents & POLLIN) != 0) {
            const ssize_t n = read(master, buf.data(), buf.size());
            if (n > 0) r.screen.append(buf.data(), static_cast<std::size_t>(n));
        }
    }
    for (;;) {  // what is left on the terminal
        pollfd p{master, POLLIN, 0};
        if (poll(&p, 1, 0) <= 0 || (p.revents & POLLIN) == 0) break;
        const ssize_t n = read(master, buf.data(), buf.size());
        if (n <= 0) break;
        r.screen.append(buf.data(), static_cast<std::size_t>(n));
    }
    close(master);
    if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    return r;
}

void expect_no_prompt(const TtyRun& r, const std::string& what) {
    EXPECT_FALSE(r.timed_out) << what << ": waited for input?\n"
                              << r.screen;
    EXPECT_EQ(r.exit_code, 1) << what << "\n"
                              << r.screen;
    EXPECT_FALSE(has(r.screen, "pass phrase") || has(r.screen, "passphrase:") || has(r.screen, "Enter PEM"))
        << what << "\n"
        << r.screen;
    EXPECT_TRUE(has(r.screen, "key-unencrypted")) << what << "\n"
                                                  << r.screen;
}

TEST(NoPrompt, CheckAtATerminalReportsEncryptedKeys) {
    for (const std::string key : {"leaf-enc-legacy.key", "leaf-enc-pkcs8.key"}) {
        expect_no_prompt(run_at_terminal({"check", "--cert", fixture("leaf.pem"), "--key", fixture(key), "--at",
                                          std::string{kTestAt}},
                                         30),
                         key);
    }
}

TEST(NoPrompt, ScanAtATerminalReportsEncryptedKeys) {
    TempDir dir;
    (void)dir.write("cert.pem", read_file(fixture("leaf.pem")));
    (void)dir.write("key.pem", read_file(fixture("leaf-enc-pkcs8.key")));
    expect_no_prompt(run_at_terminal({"scan", dir.path(), "--at", std::string{kTestAt}, "--progress", "never"}, 30),
                     "scan");
}

}  // namespace
}  // namespace certcheck::test
