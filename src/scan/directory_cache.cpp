#include "scan/directory_cache.hpp"

#include <sys/stat.h>

namespace certcheck {

DirectoryCache::DirectoryCache() : impl(std::make_unique<Impl>()) {}
DirectoryCache::~DirectoryCache() = default;
DirectoryCache::Stats DirectoryCache::last_scan() const noexcept {
    Stats s = impl->stats;
    s.gcd_reused = impl->gcd.reused;
    return s;
}

namespace {

std::vector<FileStamp> stamps_of(const scan::Directory& dir) {
    std::vector<FileStamp> out;
    out.reserve(dir.names.size());
    for (std::size_t i = 0; i < dir.names.size(); ++i) {
        struct stat st {};
        FileStamp f;
        f.name = dir.names[i];
        if (::stat(dir.file_path(i).c_str(), &st) == 0) {
            f.dev = st.st_dev;
            f.ino = st.st_ino;
            f.size = st.st_size;
            f.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        }
        out.push_back(std::move(f));
    }
    return out;
}

// The first instant after `at` at which a finding of these reports may change by time alone.
std::int64_t valid_until(const DirResult& r, std::time_t at, int warn_days) {
    std::int64_t until = INT64_MAX;
    const auto consider = [&](std::int64_t t) {
        if (t > static_cast<std::int64_t>(at) && t < until) until = t;
    };
    for (const SubjectReport& s : r.reports) {
        if (!s.facts) continue;
        for (const CertificateFacts& c : s.facts->certificates) {
            consider(c.not_before);
            consider(c.not_after + 1);
            consider(c.not_after - static_cast<std::int64_t>(warn_days) * 86400);
        }
    }
    return until;
}

}  // namespace

DirResult reuse_or_read(const ScanSettings& s, const DirectoryReader& read, const scan::Directory& dir) {
    if (s.reuse == nullptr) return read(dir);
    DirectoryCache::Impl& c = *s.reuse->impl;
    std::vector<FileStamp> stamps = stamps_of(dir);
    {
        std::lock_guard lock(c.mutex);
        const auto it = c.entries.find(dir.path);
        if (it != c.entries.end() && it->second.stamps == stamps && static_cast<std::int64_t>(s.run->ctx.at) < it->second.until) {
            ++c.stats.reused;
            DirResult copy = it->second.result;
            c.next.insert(c.entries.extract(it));
            return copy;
        }
    }
    DirResult r = read(dir);
    // What is kept: the facts, verdicts and failing findings' rule and status (what metrics
    // need), not every finding's text, so the cache stays small for a large tree.
    DirResult kept = r;
    for (SubjectReport& sr : kept.reports) {
        std::erase_if(sr.findings, [](const Finding& f) { return f.status != Status::Warn && f.status != Status::Error; });
        for (Finding& f : sr.findings) {
            f.message.clear();
            f.hint.reset();
        }
        sr.findings.shrink_to_fit();
        sr.notes.clear();
        sr.next_command.reset();
    }
    const std::int64_t until = valid_until(r, s.run->ctx.at, s.run->ctx.expiry_warn_days);
    std::lock_guard lock(c.mutex);
    ++c.stats.read;
    c.next[dir.path] = {std::move(stamps), until, std::move(kept)};
    return r;
}

void reuse_only_with(const ScanSettings& s, const weak::SharedPrimes& shared) {
    if (s.reuse == nullptr) return;
    DirectoryCache::Impl& c = *s.reuse->impl;
    std::lock_guard lock(c.mutex);
    if (c.shared_primes == shared) return;
    c.entries.clear();
    c.shared_primes = shared;
}

}  // namespace certcheck
