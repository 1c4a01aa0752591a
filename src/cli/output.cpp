// Writing a report to --output atomically (temp file beside it, then rename).
#include <sys/stat.h>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "fix/fix.hpp"
#include "cli/options.hpp"
#include "fix/write.hpp"

namespace certcheck::cli {

void write_atomically(const std::string& path, const std::string& text) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        write_output(path, text);  // a device or FIFO: a rename would replace it
        return;
    }
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    struct stat dst {};
    if (::stat(dir.c_str(), &dst) != 0 || !S_ISDIR(dst.st_mode)) {
        throw InputError(fmt::format("{}: cannot write the report: {} is not a directory", path, dir));
    }
    // A temporary file beside the target, then rename(2): a reader (node_exporter's textfile
    // collector) sees the old report or the new one, never half of one. Reports hold no secrets,
    // so fix's stricter writer (its --out ownership rules) does not apply here.
    std::string tmpl = (std::filesystem::path(dir) / ("." + std::filesystem::path(path).filename().string() + ".certcheck-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) throw InputError(fmt::format("{}: cannot write the report: {}", path, std::strerror(errno)));
    std::size_t done = 0;
    bool ok = true;
    while (ok && done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw InputError(fmt::format("{}: cannot write the report: {}", path, std::strerror(err)));
    }
}

AtomicOutput::AtomicOutput(const std::string& path) : path_(path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        stream_.open(path, std::ios::binary | std::ios::trunc);  // a device or FIFO: written in place
    } else {
        std::filesystem::path p(path);
        std::string dir = p.parent_path().string();
        if (dir.empty()) dir = ".";
        struct stat dst {};
        if (::stat(dir.c_str(), &dst) != 0 || !S_ISDIR(dst.st_mode)) {
            throw InputError(fmt::format("{}: cannot write the report: {} is not a directory", path, dir));
        }
        std::string tmpl = (std::filesystem::path(dir) / ("." + p.filename().string() + ".certcheck-XXXXXX")).string();
        const int fd = ::mkstemp(tmpl.data());
        if (fd < 0) throw InputError(fmt::format("{}: cannot create a temporary file beside it: {}", path, std::strerror(errno)));
        ::fchmod(fd, 0644);
        ::close(fd);
        temp_ = tmpl;
        stream_.open(temp_, std::ios::binary | std::ios::trunc);
    }
    if (!stream_) throw InputError(fmt::format("{}: cannot write the report", path));
}

AtomicOutput::~AtomicOutput() {
    if (!temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicOutput::commit() {
    stream_.flush();
    if (!stream_) throw InputError(fmt::format("{}: cannot write the report", path_));
    stream_.close();
    if (temp_.empty()) return;
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
        throw InputError(fmt::format("{}: cannot rename the report into place: {}", path_, std::strerror(errno)));
    }
    temp_.clear();
}

}  // namespace certcheck::cli
