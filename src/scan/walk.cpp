#include "scan/walk.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "config/config.hpp"
#include "certcheck/load.hpp"

namespace certcheck::scan {
namespace {

std::string join(const std::string& dir, const std::string& name) {
    if (dir.empty() || dir == ".") return name;
    return dir.back() == '/' ? dir + name : dir + "/" + name;
}

// A path relative to the scanned root: the directory's own ("" for the root) and a name in it.
std::string relative(const std::string& rel, const std::string& name) {
    if (rel.empty()) return name;
    std::string out = rel;
    out.append(1, '/').append(name);
    return out;
}

std::string special_kind(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return "not a regular file";
}

class Walker {
public:
    Walker(const WalkOptions& opts, Walk& out) : opts_(opts), out_(out) {}

    void root(const std::string& path) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            const int err = errno;
            throw InputError(path + (err == ENOENT ? ": no such file or directory" : ": cannot read: " + std::string{std::strerror(err)}));
        }
        if (S_ISDIR(st.st_mode)) {
            directory(path, "", st.st_dev, st.st_ino);
        } else if (S_ISREG(st.st_mode)) {
            // Files named in the same directory form one group, so that a certificate and its key
            // given as two arguments (as pre-commit does) are paired as if the directory were scanned.
            const auto slash = path.rfind('/');
            const std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/"
                                                                                     : path.substr(0, slash);
            if (!mine(parent)) {
                if (other_roots_.insert(path).second) passed_over(parent, 1, other_groups_.insert(parent).second);
                return;
            }
            const auto [it, fresh] = file_groups_.try_emplace(parent, out_.directories.size());
            if (fresh) out_.directories.push_back({parent, {}, {}, true});
            Directory& group = out_.directories[it->second];
            if (std::find(group.names.begin(), group.names.end(), path) == group.names.end()) {
                group.names.push_back(path);
                struct stat lst {};
                const bool link = ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
                group.ids.push_back({static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino), link});
            }
        } else {
            throw InputError(path + ": " + special_kind(st.st_mode) + ", not a file or directory");
        }
    }

    // Files named as roots: each group in name order, like a directory's files.
    void finish() {
        for (const auto& [parent, index] : file_groups_) {
            Directory& group = out_.directories[index];
            std::vector<std::size_t> order(group.names.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return group.names[a] < group.names[b]; });
            Directory sorted{group.path, {}, {}, true};
            for (const std::size_t i : order) {
                sorted.names.push_back(group.names[i]);
                sorted.ids.push_back(group.ids[i]);
            }
            group = std::move(sorted);
        }
    }

private:
    [[nodiscard]] bool mine(const std::string& dir) const {
        return opts_.shard_count <= 1 || shard_of(dir, opts_.shard_count) == opts_.shard_index;
    }

    // Files of another shard's directory (new_directory: the first counted of that directory).
    void passed_over(const std::string& dir, std::size_t files, bool new_directory) {
        if (files == 0) return;
        out_.other_shards.files += files;
        if (new_directory) ++out_.other_shards.directories;
        out_.other_shards.shards.insert(shard_of(dir, opts_.shard_count));
    }

    // A file found while walking passes the include and exclude patterns (rel: its relative path).
    [[nodiscard]] bool wanted(const std::string& rel) const { return !excluded(rel) && included(rel); }

    [[nodiscard]] bool excluded(const std::string& rel) const {
        for (const std::string& g : opts_.exclude) {
            if (glob_match(g, rel)) return true;
        }
        return false;
    }

    [[nodiscard]] bool included(const std::string& rel) const {
        if (opts_.include.empty()) return true;
        for (const std::string& g : opts_.include) {
            if (glob_match(g, rel)) return true;
        }
        return false;
    }

    // rel: the directory's path relative to the scanned root ("" for the root), for the patterns.
    void directory(const std::string& path, const std::string& rel, dev_t dev, ino_t ino) {
        if (!seen_.insert({dev, ino}).second) {
            out_.skipped.emplace_back(path, "a directory already scanned (a symlink loop or a repeated path)");
            return;
        }
        DIR* d = ::opendir(path.c_str());
        if (d == nullptr) {
            out_.skipped.emplace_back(path, std::string{"cannot open the directory: "} + std::strerror(errno));
            return;
        }
        std::vector<std::string> names;
        const bool own = mine(path);  // another shard's files are not even stat'ed, only counted
        const bool patterns = !opts_.include.empty() || !opts_.exclude.empty();
        std::size_t others = 0;
        while (const dirent* e = ::readdir(d)) {
            const std::string name = e->d_name;
            if (name == "." || name == "..") continue;
            if (!own && e->d_type != DT_DIR && e->d_type != DT_LNK && e->d_type != DT_UNKNOWN) {
                if (e->d_type == DT_REG && (!patterns || wanted(relative(rel, name)))) ++others;
                continue;
            }
            names.push_back(name);
        }
        ::closedir(d);
        std::sort(names.begin(), names.end());

        Directory dir{path, {}, {}, false};
        // The subdirectories wait here while the ones before them are walked: only their names and
        // identities (a full stat and two paths each were 29 MB beside a 100,000-folder walk).
        struct Subdir {
            std::string name;
            dev_t dev = 0;
            ino_t ino = 0;
        };
        std::vector<Subdir> subdirs;
        for (std::string& name : names) {
            const std::string full = join(path, name);
            const std::string rel_name = relative(rel, name);
            struct stat lst {};
            if (::lstat(full.c_str(), &lst) != 0) {
                if (own) out_.skipped.emplace_back(full, std::string{"cannot stat: "} + std::strerror(errno));
                continue;
            }
            struct stat target = lst;
            const bool link = S_ISLNK(lst.st_mode);
            if (link && ::stat(full.c_str(), &target) != 0) {
                const int err = errno;
                if (own) out_.skipped.emplace_back(full, err == ELOOP ? "a symlink loop" : "a broken symlink");
                continue;
            }
            if (S_ISDIR(target.st_mode)) {
                if (name == ".git" || name == ".hg" || name == ".svn") continue;  // version-control internals
                if (excluded(rel_name)) continue;
                if (link && !opts_.follow_symlinks) {
                    out_.skipped.emplace_back(full, "a symlink to a directory (use --follow-symlinks to scan it)");
                    continue;
                }
                subdirs.push_back({std::move(name), target.st_dev, target.st_ino});
                continue;
            }
            if (!own) {
                if (S_ISREG(target.st_mode) && wanted(rel_name)) ++others;
                continue;
            }
            if (!wanted(rel_name)) continue;
            if (!S_ISREG(target.st_mode)) {
                out_.skipped.emplace_back(full, special_kind(target.st_mode) + ": not read");
                continue;
            }
            if (static_cast<std::size_t>(target.st_size) > kMaxInputBytes) {
                out_.skipped.emplace_back(full, "over the 10 MiB limit: not read");
                continue;
            }
            dir.names.push_back(std::move(name));
            dir.ids.push_back({static_cast<unsigned long long>(target.st_dev), static_cast<unsigned long long>(target.st_ino), link});
        }
        names = {};
        passed_over(path, others, true);
        if (!dir.names.empty()) {
            dir.names.shrink_to_fit();  // kept for the whole scan: no spare capacity
            dir.ids.shrink_to_fit();
            out_.directories.push_back(std::move(dir));
        }
        subdirs.shrink_to_fit();
        for (const Subdir& sub : subdirs) directory(join(path, sub.name), relative(rel, sub.name), sub.dev, sub.ino);
    }

    const WalkOptions& opts_;
    Walk& out_;
    std::map<std::string, std::size_t> file_groups_;  // parent directory -> its group in out_.directories
    std::set<std::string> other_roots_;               // files named as roots that are other shards' (each counted once)
    std::set<std::string> other_groups_;              // and their parent directories
    std::set<std::pair<dev_t, ino_t>> seen_;
};

}  // namespace

std::string Directory::file_path(std::size_t i) const {
    return as_given ? names[i] : join(path, names[i]);
}

unsigned shard_of(std::string_view directory, unsigned count) noexcept {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : directory) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return count == 0 ? 0 : static_cast<unsigned>(h % count);
}

Walk walk(const std::vector<std::string>& roots, const WalkOptions& opts) {
    Walk out;
    Walker w(opts, out);
    for (const std::string& r : roots) w.root(strip_file_scheme(r));
    w.finish();
    return out;
}

}  // namespace certcheck::scan
