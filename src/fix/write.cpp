#include "fix/write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "certcheck/fix.hpp"

namespace certcheck::fixio {
namespace fs = std::filesystem;
namespace {

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

// Opens a fresh temp file beside `target` (O_EXCL, with its final mode); returns its path.
std::string make_temp(const std::string& target, bool secret, int& fd) {
    const fs::path t(target);
    std::random_device rd;
    for (int attempt = 0; attempt < 16; ++attempt) {
        const std::string name =
            (t.parent_path() / fmt::format(".{}.certcheck-{:08x}", t.filename().string(), rd())).string();
        fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, secret ? 0600 : 0644);
        if (fd >= 0) return name;
        if (errno != EEXIST) throw FixTargetError(fmt::format("{}: cannot create a temporary file: {}", name, errno_text(errno)));
    }
    throw FixTargetError(fmt::format("{}: cannot find a free temporary file name", target));
}

void write_fd(int fd, const std::string& data, const std::string& name) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw FixTargetError(fmt::format("{}: cannot write: {}", name, errno_text(errno)));
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) throw FixTargetError(fmt::format("{}: cannot sync: {}", name, errno_text(errno)));
}

void sync_dir(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

}  // namespace

void check_targets(const std::string& dir, const std::vector<std::string>& targets,
                   const std::vector<std::string>& inputs, bool force) {
    std::error_code ec;
    const fs::file_status st = fs::status(dir, ec);
    if (fs::exists(st) && !fs::is_directory(st)) throw FixTargetError(fmt::format("--out {}: exists and is not a directory", dir));
    std::vector<std::string> existing;
    for (const std::string& t : targets) {
        std::error_code tec;
        if (!fs::exists(fs::symlink_status(t, tec))) continue;
        for (const std::string& in : inputs) {
            std::error_code eec;
            if (fs::equivalent(t, in, eec)) {
                throw FixTargetError(fmt::format("{}: is also the input {}; choose another --out directory (fix never replaces its inputs)", t, in));
            }
        }
        existing.push_back(t);
    }
    if (!existing.empty() && !force) {
        std::string list;
        for (const std::string& e : existing) list += (list.empty() ? "" : ", ") + e;
        throw FixTargetError(fmt::format("{} already exist{}; nothing was written (use --force to replace, or another --out)", list,
                                         existing.size() == 1 ? "s" : ""));
    }
}

void write_all(const std::string& dir, const std::vector<OutFile>& files) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw FixTargetError(fmt::format("--out {}: cannot create the directory: {}", dir, ec.message()));
    std::vector<std::string> temps;
    std::vector<std::string> created;  // targets that did not exist before this call
    try {
        for (const OutFile& f : files) {
            int fd = -1;
            temps.push_back(make_temp(f.path, f.secret, fd));
            try {
                write_fd(fd, f.data, temps.back());
            } catch (...) {
                ::close(fd);
                throw;
            }
            if (::close(fd) != 0) throw FixTargetError(fmt::format("{}: cannot close: {}", temps.back(), errno_text(errno)));
        }
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::error_code xec;
            const bool existed = fs::exists(fs::symlink_status(files[i].path, xec));
            if (::rename(temps[i].c_str(), files[i].path.c_str()) != 0) {
                throw FixTargetError(fmt::format("{}: cannot rename into place: {}", files[i].path, errno_text(errno)));
            }
            temps[i].clear();
            if (!existed) created.push_back(files[i].path);
        }
    } catch (...) {
        for (const std::string& t : temps) {
            if (!t.empty()) ::unlink(t.c_str());
        }
        for (const std::string& c : created) ::unlink(c.c_str());
        throw;
    }
    sync_dir(dir);
}

}  // namespace certcheck::fixio
