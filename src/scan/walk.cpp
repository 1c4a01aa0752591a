#include "scan/walk.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

#include "certcheck/load.hpp"

namespace certcheck::scan {
namespace {

std::string join(const std::string& dir, const std::string& name) {
    if (dir.empty() || dir == ".") return name;
    return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string special_kind(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return "not a regular file";
}

class Walker {
public:
    Walker(bool follow, Walk& out) : follow_(follow), out_(out) {}

    void root(const std::string& path) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            const int err = errno;
            throw InputError(path + (err == ENOENT ? ": no such file or directory" : ": cannot read: " + std::string{std::strerror(err)}));
        }
        if (S_ISDIR(st.st_mode)) {
            directory(path, st);
        } else if (S_ISREG(st.st_mode)) {
            out_.directories.push_back({path, {path}});
        } else {
            throw InputError(path + ": " + special_kind(st.st_mode) + ", not a file or directory");
        }
    }

private:
    void directory(const std::string& path, const struct stat& st) {
        if (!seen_.insert({st.st_dev, st.st_ino}).second) {
            out_.skipped.emplace_back(path, "a directory already scanned (a symlink loop or a repeated path)");
            return;
        }
        DIR* d = ::opendir(path.c_str());
        if (d == nullptr) {
            out_.skipped.emplace_back(path, std::string{"cannot open the directory: "} + std::strerror(errno));
            return;
        }
        std::vector<std::string> names;
        while (const dirent* e = ::readdir(d)) {
            const std::string name = e->d_name;
            if (name == "." || name == "..") continue;
            names.push_back(name);
        }
        ::closedir(d);
        std::sort(names.begin(), names.end());

        Directory dir{path, {}};
        std::vector<std::pair<std::string, struct stat>> subdirs;
        for (const std::string& name : names) {
            const std::string full = join(path, name);
            struct stat lst {};
            if (::lstat(full.c_str(), &lst) != 0) {
                out_.skipped.emplace_back(full, std::string{"cannot stat: "} + std::strerror(errno));
                continue;
            }
            struct stat target = lst;
            const bool link = S_ISLNK(lst.st_mode);
            if (link && ::stat(full.c_str(), &target) != 0) {
                const int err = errno;
                out_.skipped.emplace_back(full, err == ELOOP ? "a symlink loop" : "a broken symlink");
                continue;
            }
            if (S_ISDIR(target.st_mode)) {
                if (name == ".git" || name == ".hg" || name == ".svn") continue;  // version-control internals
                if (link && !follow_) {
                    out_.skipped.emplace_back(full, "a symlink to a directory (use --follow-symlinks to scan it)");
                    continue;
                }
                subdirs.emplace_back(full, target);
                continue;
            }
            if (!S_ISREG(target.st_mode)) {
                out_.skipped.emplace_back(full, special_kind(target.st_mode) + ": not read");
                continue;
            }
            if (static_cast<std::size_t>(target.st_size) > kMaxInputBytes) {
                out_.skipped.emplace_back(full, "over the 10 MiB limit: not read");
                continue;
            }
            dir.files.push_back(full);
        }
        if (!dir.files.empty()) out_.directories.push_back(std::move(dir));
        for (const auto& [sub, sst] : subdirs) directory(sub, sst);
    }

    bool follow_;
    Walk& out_;
    std::set<std::pair<dev_t, ino_t>> seen_;
};

}  // namespace

Walk walk(const std::vector<std::string>& roots, bool follow_symlinks) {
    Walk out;
    Walker w(follow_symlinks, out);
    for (const std::string& r : roots) w.root(strip_file_scheme(r));
    return out;
}

}  // namespace certcheck::scan
