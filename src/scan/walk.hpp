// Walking the scanned paths (internal): directories in a deterministic order, each with its
// regular files; everything not read is reported with why.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace certcheck::scan {

// A file's identity on disk: the same file reached by two paths (a symlink) has one.
struct FileId {
    unsigned long long dev = 0;
    unsigned long long ino = 0;
    bool via_link = false;  // reached through a symbolic link
    friend bool operator<(const FileId& a, const FileId& b) { return a.dev != b.dev ? a.dev < b.dev : a.ino < b.ino; }
};

struct Directory {
    std::string path;
    // Regular files (or symlinks to them), sorted: each one's name in `path` (a short name needs no
    // allocation: full paths were a fifth of a 100,000-folder scan's memory), or, for the files
    // named as roots (as_given), the path given on the command line.
    std::vector<std::string> names;
    std::vector<FileId> ids;  // parallel to names
    bool as_given = false;

    // File i's path as it is reported: path/name (the name alone in "."), or as given.
    [[nodiscard]] std::string file_path(std::size_t i) const;
};

// scan --shard K/N: the files the walk passed over because their directories are other shards'
// (regular files the include and exclude patterns let through, counted from the directory entry,
// not stat'ed), so that an empty shard can say where the files went.
struct OtherShards {
    std::size_t files = 0;
    std::size_t directories = 0;
    std::set<unsigned> shards;  // 0-based
};

struct Walk {
    std::vector<Directory> directories;
    std::vector<std::pair<std::string, std::string>> skipped;  // path, why
    OtherShards other_shards;
};

struct WalkOptions {
    bool follow_symlinks = false;
    // Globs (see glob_match) on paths relative to each scanned directory: a file found while
    // walking is read only when it matches an include pattern (or there are none) and no
    // exclude pattern; an excluded directory is not entered. Files named as roots are always read.
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    // scan --shard K/N: keep only the directories whose path hashes to shard_index (0-based) of
    // shard_count; the files of the other directories are neither stat'ed nor read.
    unsigned shard_index = 0;
    unsigned shard_count = 1;
};

// The shard (0-based, of count) a directory path belongs to: FNV-1a 64 of the path, modulo count.
[[nodiscard]] unsigned shard_of(std::string_view directory, unsigned count) noexcept;

// Throws InputError for a root that does not exist or cannot be read.
[[nodiscard]] Walk walk(const std::vector<std::string>& roots, const WalkOptions& opts);

}  // namespace certcheck::scan
