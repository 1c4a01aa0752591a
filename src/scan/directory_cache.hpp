// One directory's results in a scan, and the DirectoryCache that keeps them between the scans of
// a monitoring run (internal to scan/; directory_cache.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

#include "certcheck/report.hpp"
#include "scan/scan.hpp"
#include "scan/walk.hpp"
#include "weak/weak.hpp"

namespace certcheck {

struct Pending {  // a leaf with no key in its directory
    std::string cert;
    std::optional<std::string> chain;
    bool chain_is_tail = false;
    std::string key_id;
    std::string dir;
    std::vector<std::string> notes;
};

struct Orphan {  // a key with no certificate in its directory
    std::string path;
    std::vector<std::string> key_ids;
    std::string dir;
    bool encrypted = false;  // a key in it is encrypted (its public key, so its key id, is unknown)
};

struct DirResult {
    std::vector<SubjectReport> reports;
    std::vector<Pending> pending;
    std::vector<Orphan> orphans;
    std::vector<std::pair<std::string, std::string>> notes;  // path, what it is (history, a copy)
    std::vector<std::size_t> leaf_keys;                      // hashes of every leaf's key identity
};

// monitoring: what DirectoryCache keeps per directory.
struct FileStamp {
    std::string name;  // in its directory (the entry's key), as the walk lists it
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

// Reads one directory: loads, classifies, pairs and checks its files.
using DirectoryReader = std::function<DirResult(const scan::Directory&)>;

// The directory's results from settings.reuse when no file in it changed and no finding can have
// changed with time since they were read; else read(dir), remembered for the next scan. Without
// a cache, read(dir).
[[nodiscard]] DirResult reuse_or_read(const ScanSettings& s, const DirectoryReader& read, const scan::Directory& dir);

// key-weak's finding in a directory also depends on the other directories' keys (a prime shared
// with a file elsewhere, added or removed since): called with each scan's shared primes before
// its first directory, it forgets every kept result when they differ from the last scan's.
void reuse_only_with(const ScanSettings& s, const weak::SharedPrimes& shared);

struct DirectoryCache::Impl {
    struct Entry {
        std::vector<FileStamp> stamps;
        std::int64_t until = 0;
        DirResult result;
    };
    std::mutex mutex;
    std::map<std::string, Entry> entries;
    std::map<std::string, Entry> next;  // this scan's entries: replaces entries at the end
    weak::SharedPrimes shared_primes;   // the shared primes the kept results were judged with
    weak::GcdMemo gcd;                  // the last batch GCD, reused while the distinct moduli stay the same
    Stats stats;
};

}  // namespace certcheck
