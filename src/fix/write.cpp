#include "fix/write.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "fix/fix.hpp"

namespace certcheck::fixio {
namespace fs = std::filesystem;
namespace {

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

// ---------------------------------------------------------------- signals
// Named temporary files (only when O_TMPFILE is unavailable) are listed here so that a handler
// for SIGINT, SIGTERM, SIGHUP and SIGPIPE can remove them (unlinkat is async-signal-safe), then
// die of the signal as it would have.
constexpr std::array<int, 4> kSignals{SIGINT, SIGTERM, SIGHUP, SIGPIPE};
constexpr std::size_t kMaxTemps = 8;
constexpr std::size_t kNameMax = 128;
struct TempRegistry {
    int dirfd = -1;
    std::array<std::array<char, kNameMax>, kMaxTemps> names{};
    volatile sig_atomic_t count = 0;
};
TempRegistry g_temps;  // NOLINT: shared with the signal handler

extern "C" void remove_temps_and_die(int sig) {
    for (sig_atomic_t i = 0; i < g_temps.count; ++i) {
        if (g_temps.names[static_cast<std::size_t>(i)][0] != '\0') (void)::unlinkat(g_temps.dirfd, g_temps.names[static_cast<std::size_t>(i)].data(), 0);
    }
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

sigset_t signal_set() {
    sigset_t set;
    sigemptyset(&set);
    for (const int s : kSignals) sigaddset(&set, s);
    return set;
}

// Blocks the four signals for its lifetime (the registry is changed, or files published, as one step).
class HoldSignals {
public:
    HoldSignals() {
        const sigset_t set = signal_set();
        (void)::sigprocmask(SIG_BLOCK, &set, &saved_);
    }
    HoldSignals(const HoldSignals&) = delete;
    HoldSignals& operator=(const HoldSignals&) = delete;
    ~HoldSignals() { (void)::sigprocmask(SIG_SETMASK, &saved_, nullptr); }

private:
    sigset_t saved_{};
};

// Installs the handler while write_all runs; restores the previous dispositions after.
class CleanupOnSignal {
public:
    explicit CleanupOnSignal(int dirfd) {
        const HoldSignals hold;
        g_temps.dirfd = dirfd;
        g_temps.count = 0;
        struct sigaction sa {};
        sa.sa_handler = remove_temps_and_die;
        sigemptyset(&sa.sa_mask);
        for (std::size_t i = 0; i < kSignals.size(); ++i) (void)::sigaction(kSignals[i], &sa, &saved_[i]);
    }
    CleanupOnSignal(const CleanupOnSignal&) = delete;
    CleanupOnSignal& operator=(const CleanupOnSignal&) = delete;
    ~CleanupOnSignal() {
        const HoldSignals hold;
        for (std::size_t i = 0; i < kSignals.size(); ++i) (void)::sigaction(kSignals[i], &saved_[i], nullptr);
        g_temps.count = 0;
        g_temps.dirfd = -1;
    }

    static void add(const std::string& name) {
        const HoldSignals hold;
        if (name.size() >= kNameMax) return;  // ".key.pem.certcheck-0123abcd": never reached
        auto count = static_cast<std::size_t>(g_temps.count);
        std::size_t i = 0;
        while (i < count && g_temps.names[i][0] != '\0') ++i;  // reuse a forgotten slot
        if (i == count) {
            if (count >= kMaxTemps) return;  // at most one per file (three) is live at a time
            ++count;
        }
        std::memcpy(g_temps.names[i].data(), name.c_str(), name.size() + 1);
        g_temps.count = static_cast<sig_atomic_t>(count);
    }
    static void forget(const std::string& name) {
        const HoldSignals hold;
        for (sig_atomic_t i = 0; i < g_temps.count; ++i) {
            auto& slot = g_temps.names[static_cast<std::size_t>(i)];
            if (name == slot.data()) slot[0] = '\0';
        }
    }

private:
    std::array<struct sigaction, kSignals.size()> saved_{};
};

// ---------------------------------------------------------------- the directory

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    Fd& operator=(Fd&& o) noexcept {
        std::swap(fd_, o.fd_);
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const noexcept { return fd_; }

private:
    int fd_;
};

// The path without trailing slashes ("out/" would follow a symlink named out).
std::string trimmed(std::string dir) {
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    return dir.empty() ? std::string{"."} : dir;
}

// Creates each missing component of dir with mode 0700, set explicitly (the umask cannot widen
// it, and a umask of 0777 cannot make it unusable).
void create_private_dirs(const std::string& dir) {
    fs::path so_far;
    for (const fs::path& part : fs::path(dir)) {
        so_far /= part;
        const std::string p = so_far.string();
        if (part == "/" || part.empty()) continue;
        if (::mkdir(p.c_str(), 0700) == 0) {
            if (::chmod(p.c_str(), 0700) != 0) {
                throw FixTargetError(fmt::format("--out {}: cannot set mode 0700 on {}: {}", dir, p, errno_text(errno)));
            }
        } else if (errno != EEXIST) {
            throw FixTargetError(fmt::format("--out {}: cannot create {}: {}", dir, p, errno_text(errno)));
        }
    }
}

// Refuses a directory another user could change under fix: owned by someone else, or writable
// by group or others.
void check_owner_and_mode(const std::string& dir, const struct stat& st) {
    if (st.st_uid != ::geteuid()) {
        throw FixTargetError(fmt::format("--out {}: is owned by another user (uid {}); fix writes only into a directory you own",
                                         dir, st.st_uid));
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        throw FixTargetError(fmt::format(
            "--out {}: is writable by {} (mode {:04o}); another user could replace files in it "
            "(chmod go-w {}, or choose another --out)",
            dir, (st.st_mode & S_IWOTH) != 0 ? "everyone" : "its group", st.st_mode & 07777, dir));
    }
}

// Opens dir without following a symlink at its last component; nullopt-like Fd(-1) when it does
// not exist and !create.
Fd open_out_dir(const std::string& raw, bool create) {
    const std::string dir = trimmed(raw);
    if (create) create_private_dirs(dir);
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT && !create) return Fd{};
        struct stat lst {};
        if (::lstat(dir.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
            throw FixTargetError(fmt::format("--out {}: is a symbolic link; give the directory itself (fix does not follow a link for --out)", raw));
        }
        if (err == ENOTDIR) throw FixTargetError(fmt::format("--out {}: exists and is not a directory", raw));
        throw FixTargetError(fmt::format("--out {}: cannot open the directory: {}", raw, errno_text(err)));
    }
    Fd held{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw FixTargetError(fmt::format("--out {}: cannot stat: {}", raw, errno_text(errno)));
    check_owner_and_mode(raw, st);
    return held;
}

struct FileId {
    dev_t dev = 0;
    ino_t ino = 0;
};

std::vector<FileId> input_ids(const std::vector<std::string>& inputs) {
    std::vector<FileId> ids;
    for (const std::string& in : inputs) {
        struct stat st {};
        if (::stat(in.c_str(), &st) == 0) ids.push_back({st.st_dev, st.st_ino});
    }
    return ids;
}

// Throws when the target exists and may not be replaced.
void check_target(int dirfd, const std::string& name, const std::string& shown, const std::vector<FileId>& inputs,
                  const std::vector<std::string>& input_names, std::vector<std::string>& existing) {
    struct stat st {};
    if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return;
    struct stat followed {};
    const bool has_target = ::fstatat(dirfd, name.c_str(), &followed, 0) == 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const bool same = (st.st_dev == inputs[i].dev && st.st_ino == inputs[i].ino) ||
                          (has_target && followed.st_dev == inputs[i].dev && followed.st_ino == inputs[i].ino);
        if (same) {
            const std::string& in = i < input_names.size() ? input_names[i] : shown;
            throw FixTargetError(fmt::format("{}: is also the input {}; choose another --out directory (fix never replaces its inputs)", shown, in));
        }
    }
    existing.push_back(shown);
}

void refuse_existing(const std::vector<std::string>& existing) {
    std::string list;
    for (const std::string& e : existing) list += (list.empty() ? "" : ", ") + e;
    throw FixTargetError(fmt::format("{} already exist{}; nothing was written (use --force to replace, or another --out)", list,
                                     existing.size() == 1 ? "s" : ""));
}

// ---------------------------------------------------------------- staging and publishing

struct Staged {
    Fd fd;
    std::string temp;       // its name in the directory, "" while unnamed (O_TMPFILE)
    std::string name;       // the final name in the directory
    std::string shown;      // the final path as given
    bool replaces = false;  // the final name existed when publishing began
};

bool named_temps_only() {
    const char* v = std::getenv("CERTCHECK_TEST_FIX_NO_TMPFILE");  // test hook: the fallback path
    return v != nullptr && *v == '1';
}

std::string temp_name(const std::string& name) {
    std::random_device rd;
    return fmt::format(".{}.certcheck-{:08x}", name, rd());
}

void write_fd(int fd, const std::string& data, const std::string& shown) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw FixTargetError(fmt::format("{}: cannot write: {}", shown, errno_text(errno)));
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) throw FixTargetError(fmt::format("{}: cannot sync: {}", shown, errno_text(errno)));
}

// An unnamed file in dirfd (or, failing that, a named one registered for cleanup) holding data.
Staged stage(int dirfd, const OutFile& f) {
    Staged s;
    s.name = fs::path(f.path).filename().string();
    s.shown = f.path;
    const mode_t mode = f.secret ? 0600 : 0644;
    int fd = named_temps_only() ? -1 : ::openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    if (fd < 0) {
        for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
            s.temp = temp_name(s.name);
            CleanupOnSignal::add(s.temp);  // before it exists: a signal between the two leaves nothing
            fd = ::openat(dirfd, s.temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
            if (fd < 0) {
                const int err = errno;
                CleanupOnSignal::forget(s.temp);
                if (err != EEXIST) throw FixTargetError(fmt::format("{}: cannot create a temporary file: {}", f.path, errno_text(err)));
            }
        }
        if (fd < 0) throw FixTargetError(fmt::format("{}: cannot find a free temporary file name", f.path));
    }
    s.fd = Fd{fd};
    if (f.secret && ::fchmod(fd, 0600) != 0) throw FixTargetError(fmt::format("{}: cannot set mode 0600: {}", f.path, errno_text(errno)));
    write_fd(fd, f.data, f.path);
    return s;
}

// Gives an unnamed file the name `name` in dirfd; false with errno set on failure (EEXIST when taken).
bool link_unnamed(int fd, int dirfd, const std::string& name) {
    const std::string proc = fmt::format("/proc/self/fd/{}", fd);
    if (::linkat(AT_FDCWD, proc.c_str(), dirfd, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return true;
    if (errno != ENOENT) return false;
    return ::linkat(fd, "", dirfd, name.c_str(), AT_EMPTY_PATH) == 0;  // no /proc: needs CAP_DAC_READ_SEARCH
}

// Publishes one staged file under its final name. Without force, fails (EEXIST) if the name is taken.
void publish(int dirfd, Staged& s, bool force) {
    if (!force) {
        const bool ok = s.temp.empty() ? link_unnamed(s.fd.get(), dirfd, s.name)
                                       : ::linkat(dirfd, s.temp.c_str(), dirfd, s.name.c_str(), 0) == 0;
        if (!ok) {
            const int err = errno;
            if (err == EEXIST) throw FixTargetError(fmt::format("{}: appeared while fix was writing; nothing was written (use --force to replace)", s.shown));
            throw FixTargetError(fmt::format("{}: cannot create: {}", s.shown, errno_text(err)));
        }
        if (!s.temp.empty()) {
            (void)::unlinkat(dirfd, s.temp.c_str(), 0);
            CleanupOnSignal::forget(s.temp);
            s.temp.clear();
        }
        return;
    }
    if (s.temp.empty()) {
        // rename() is the only atomic replace: give the file a temporary name first.
        for (int attempt = 0; attempt < 16 && s.temp.empty(); ++attempt) {
            std::string t = temp_name(s.name);
            CleanupOnSignal::add(t);
            if (link_unnamed(s.fd.get(), dirfd, t)) {
                s.temp = std::move(t);
            } else {
                const int err = errno;
                CleanupOnSignal::forget(t);
                if (err != EEXIST) throw FixTargetError(fmt::format("{}: cannot create a temporary file: {}", s.shown, errno_text(err)));
            }
        }
        if (s.temp.empty()) throw FixTargetError(fmt::format("{}: cannot find a free temporary file name", s.shown));
    }
    if (::renameat(dirfd, s.temp.c_str(), dirfd, s.name.c_str()) != 0) {
        throw FixTargetError(fmt::format("{}: cannot rename into place: {}", s.shown, errno_text(errno)));
    }
    CleanupOnSignal::forget(s.temp);
    s.temp.clear();
}

// The same file as fd (so a rollback removes only what this run put there).
bool is_ours(int dirfd, const std::string& name, int fd) {
    struct stat a {};
    struct stat b {};
    return ::fstatat(dirfd, name.c_str(), &a, AT_SYMLINK_NOFOLLOW) == 0 && ::fstat(fd, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

// Test hook: CERTCHECK_TEST_FIX_PAUSE=N holds the run for up to N seconds (at most 60) after every
// file is staged and before any is published, announcing it on stderr, so a test can signal a fix
// caught mid-write. A signal ends the pause.
void test_pause() {
    const char* v = std::getenv("CERTCHECK_TEST_FIX_PAUSE");
    if (v == nullptr || *v == '\0') return;
    const long seconds = std::min(std::strtol(v, nullptr, 10), 60L);
    if (seconds <= 0) return;
    static constexpr char kNote[] = "certcheck: test hook: paused before publishing\n";
    (void)!::write(STDERR_FILENO, kNote, sizeof kNote - 1);
    timespec left{seconds, 0};
    (void)::nanosleep(&left, &left);
}

// An exclusive flock on the directory, waited for at most kLockWaitSeconds (publishing takes
// milliseconds; a lock held longer is not another certcheck fix).
constexpr int kLockWaitSeconds = 30;
void lock_dir(int dirfd, const std::string& dir) {
    for (int waited_ms = 0;; waited_ms += 50) {
        if (::flock(dirfd, LOCK_EX | LOCK_NB) == 0) return;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            throw FixTargetError(fmt::format("--out {}: cannot lock the directory: {}", dir, errno_text(errno)));
        }
        if (waited_ms >= kLockWaitSeconds * 1000) {
            throw FixTargetError(fmt::format("--out {}: another process has held a lock on it for {} s; nothing was written", dir, kLockWaitSeconds));
        }
        timespec pause{0, 50'000'000};
        (void)::nanosleep(&pause, nullptr);
    }
}

}  // namespace

void check_targets(const std::string& dir, const std::vector<std::string>& targets,
                   const std::vector<std::string>& inputs, bool force) {
    const Fd dirfd = open_out_dir(dir, false);
    if (dirfd.get() < 0) return;  // created later; nothing in it yet
    const std::vector<FileId> ids = input_ids(inputs);
    std::vector<std::string> existing;
    for (const std::string& t : targets) {
        check_target(dirfd.get(), fs::path(t).filename().string(), t, ids, inputs, existing);
    }
    if (!existing.empty() && !force) refuse_existing(existing);
}

void write_all(const std::string& dir, const std::vector<OutFile>& files, const std::vector<std::string>& inputs,
               bool force, const std::function<void()>& while_locked) {
    const Fd dirfd = open_out_dir(dir, true);
    const CleanupOnSignal cleanup(dirfd.get());
    std::vector<Staged> staged;
    std::vector<Staged*> published;
    try {
        for (const OutFile& f : files) staged.push_back(stage(dirfd.get(), f));
        test_pause();
        // One writer at a time per directory: a second certcheck fix waits here, then finds the
        // first one's files (and refuses without --force) instead of interleaving with it.
        lock_dir(dirfd.get(), dir);
        const std::vector<FileId> ids = input_ids(inputs);
        std::vector<std::string> existing;
        for (Staged& s : staged) {
            const std::size_t before = existing.size();
            check_target(dirfd.get(), s.name, s.shown, ids, inputs, existing);
            s.replaces = existing.size() > before;
        }
        if (!existing.empty() && !force) refuse_existing(existing);
        const HoldSignals hold;  // all published, or none
        try {
            for (Staged& s : staged) {
                publish(dirfd.get(), s, force);
                published.push_back(&s);
            }
        } catch (...) {
            // Remove the names this run created (a replaced file cannot be brought back).
            for (const Staged* s : published) {
                if (!s->replaces && is_ours(dirfd.get(), s->name, s->fd.get())) (void)::unlinkat(dirfd.get(), s->name.c_str(), 0);
            }
            throw;
        }
        (void)::fsync(dirfd.get());
    } catch (...) {
        for (Staged& s : staged) {
            if (!s.temp.empty()) {
                (void)::unlinkat(dirfd.get(), s.temp.c_str(), 0);
                CleanupOnSignal::forget(s.temp);
            }
        }
        throw;
    }
    for (Staged& s : staged) {
        if (!s.temp.empty()) (void)::unlinkat(dirfd.get(), s.temp.c_str(), 0);
    }
    if (while_locked) while_locked();  // the lock goes with dirfd, after this
}

}  // namespace certcheck::fixio
