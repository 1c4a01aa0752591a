// certcheck scan: find every certificate, key and chain under some paths, pair them by
// content, check each subject, and hand the reports over in a deterministic order.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "certcheck/check.hpp"
#include "certcheck/engine.hpp"
#include "certcheck/report.hpp"

namespace certcheck {

// Results kept between scans of the same paths with the same settings (the exporter): a directory
// whose files have the same inode, size and modification time as last time, and none of whose
// certificates has crossed a validity boundary (notBefore, notAfter, notAfter - --expiry-warn days)
// since, is not read again. Entries for directories no longer found are dropped, so memory follows
// the tree. A reused subject carries its facts, verdict, error and the rule and status of its
// warn/error findings only (no messages, hints or passing findings): enough for openmetrics.
// Not thread-safe across concurrent scans: one scan at a time.
class DirectoryCache {
public:
    DirectoryCache();
    ~DirectoryCache();
    DirectoryCache(const DirectoryCache&) = delete;
    DirectoryCache& operator=(const DirectoryCache&) = delete;

    struct Stats {
        std::size_t reused = 0;  // directories taken from the cache in the last scan
        std::size_t read = 0;    // directories read in the last scan
        bool gcd_reused = false;  // key-weak's batch GCD taken from the scan before (the same distinct moduli)
    };
    [[nodiscard]] Stats last_scan() const noexcept;

    struct Impl;  // scan.cpp
    std::unique_ptr<Impl> impl;
};

struct ScanSettings {
    std::vector<std::string> roots;  // files or directories; a missing root is an InputError
    bool follow_symlinks = false;    // descend into symlinked directories (file symlinks are always read)
    unsigned jobs = 1;               // worker threads
    // Globs for the files found under a directory root (see glob_match in config.hpp): read only
    // those matching an include pattern (all when none) and no exclude pattern.
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    const RunContext* run = nullptr;  // the profile, rules, context and run-wide cache (make_run_context)
    Request request;                  // what every subject is checked and its command printed with (--user-name)
    DirectoryCache* reuse = nullptr;  // optional: keep and reuse per-directory results across scans
    // --shard K/N: only the directories of shard shard_index (0-based) of shard_count (see walk.hpp).
    unsigned shard_index = 0;
    unsigned shard_count = 1;
};

struct ScanCallbacks {
    // Called on the calling thread, in a deterministic order (whatever `jobs` is).
    std::function<void(SubjectReport&&)> on_subject;
    // A path that was not read (FIFO, device, socket, symlink loop, over 10 MiB), with why.
    std::function<void(const std::string& path, const std::string& why)> on_skipped;
    // A file found but not checked as a subject of its own, with what it is: an older certificate
    // for the same names (history), another copy of a key already paired.
    std::function<void(const std::string& path, const std::string& what)> on_note;
    // Directories done out of directories found, after each one.
    std::function<void(std::size_t done, std::size_t total)> on_progress;
};

struct ScanStats {
    std::size_t directories = 0;
    std::size_t files = 0;
    std::size_t subjects = 0;
    std::size_t skipped = 0;
    std::size_t ca_certificates = 0;  // distinct CA certificates parsed (each once per run)
    std::size_t history = 0;          // files noted, not checked (older certificates, key copies)
    // --shard K/N: the files found in the other shards' directories (not read), in how many
    // directories, and which shards (0-based, ascending) those are.
    std::size_t other_shard_files = 0;
    std::size_t other_shard_directories = 0;
    std::vector<unsigned> other_shards;
};

// Throws InputError when a root does not exist or cannot be read. An exception thrown by a
// callback (or inside a worker thread) ends the scan: no directory is started after it, every
// thread is joined, and the first one is rethrown to the caller.
ScanStats run_scan(const ScanSettings& settings, const ScanCallbacks& callbacks);

}  // namespace certcheck
