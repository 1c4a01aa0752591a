// The scan: walk, then per directory (in parallel) load and classify every file once, pair
// keys with certificates by public key, pick the chain beside them and check each subject;
// what cannot be paired inside its directory is paired across the tree at the end.
#include "scan/scan.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include <sys/stat.h>
#include <fmt/format.h>

#include "certcheck/check.hpp"
#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "scan/classify.hpp"
#include "scan/directory_cache.hpp"
#include "scan/walk.hpp"
#include "weak/weak.hpp"

namespace certcheck {
namespace {

using scan::Classified;
using scan::Kind;

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
    std::string b = base_name(path);
    const auto dot = b.find('.');
    return dot == std::string::npos || dot == 0 ? b : b.substr(0, dot);
}

bool chain_like_name(const std::string& path) {
    std::string b = base_name(path);
    std::transform(b.begin(), b.end(), b.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (b.find("fullchain") != std::string::npos) return false;
    return b.find("chain") != std::string::npos || b.find("ca-bundle") != std::string::npos ||
           b.find("cabundle") != std::string::npos || b.find("intermediate") != std::string::npos ||
           b.find("bundle") != std::string::npos;
}

// A subject decided inside its directory, or left for the tree-wide pass.
struct Plan {
    int body = -1;  // file index in the directory
    std::optional<int> key;
    std::optional<int> chain;
    bool chain_is_tail = false;  // the chain is what follows the leaf in the chain file
    std::vector<std::string> notes;
};

SubjectReport error_subject(const std::string& name, SubjectInputs inputs, std::string why) {
    SubjectReport r;
    r.name = name;
    r.inputs = std::move(inputs);
    r.verdict = Verdict::Error;
    r.error = std::move(why);
    return r;
}

LoadedFile tail_of(const LoadedFile& f, int leaf_index) {
    LoadedFile t = scan::share(f);
    // Everything after the leaf is the chain; the leaf's own block is not part of it.
    const auto cut = static_cast<std::size_t>(leaf_index) + 1;
    t.certs.erase(t.certs.begin(), t.certs.begin() + static_cast<std::ptrdiff_t>(std::min(cut, t.certs.size())));
    int seen = 0;
    std::vector<PemBlock> blocks;
    for (PemBlock& b : t.file.blocks) {
        if (b.label == "CERTIFICATE" && seen++ <= leaf_index) continue;
        blocks.push_back(std::move(b));
    }
    t.file.blocks = std::move(blocks);
    t.keys.clear();
    return t;
}

// Whether any key of a file has a known public key (an encrypted key's is unknown until it is
// decrypted; a block that does not parse has none).
bool public_key_known(const std::vector<std::string>& key_ids) {
    return std::any_of(key_ids.begin(), key_ids.end(), [](const std::string& id) { return !id.empty(); });
}

bool any_encrypted(const LoadedFile& f) {
    return std::any_of(f.keys.begin(), f.keys.end(), [](const PrivateKey& k) { return k.encrypted; });
}

// notBefore, then notAfter: which of two certificates for the same names is the newer.
bool newer(X509* a, X509* b) {
    const int nb = ASN1_TIME_compare(X509_get0_notBefore(a), X509_get0_notBefore(b));
    if (nb != 0) return nb > 0;
    return ASN1_TIME_compare(X509_get0_notAfter(a), X509_get0_notAfter(b)) > 0;
}

// Files reached through more than one path (certbot's live/ symlinks into archive/): each is
// read once, and belongs to one path: the one through a symlink (what configurations name),
// else the first in walk order.
class SharedFiles {
public:
    explicit SharedFiles(const scan::Walk& tree) {
        // The identities met more than once, from a sorted copy of all of them (a map with a node
        // per file was 20 MB at 300,000 files, at the start of the scan).
        std::vector<scan::FileId> all;
        for (const scan::Directory& d : tree.directories) all.insert(all.end(), d.ids.begin(), d.ids.end());
        std::sort(all.begin(), all.end());
        std::vector<scan::FileId> repeated;
        for (std::size_t i = 1; i < all.size(); ++i) {
            if (!(all[i - 1] < all[i]) && (repeated.empty() || repeated.back() < all[i])) repeated.push_back(all[i]);
        }
        all = {};
        const auto reached_twice = [&](const scan::FileId& id) { return std::binary_search(repeated.begin(), repeated.end(), id); };
        for (const scan::Directory& d : tree.directories) {
            for (std::size_t i = 0; i < d.ids.size(); ++i) {
                const scan::FileId& id = d.ids[i];
                if (!reached_twice(id)) continue;
                auto [it, fresh] = owner_.try_emplace(id, Owner{d.file_path(i), id.via_link});
                if (!fresh && id.via_link && !it->second.via_link) it->second = Owner{d.file_path(i), true};
            }
        }
    }
    // The path that owns this file, or "" when it is reached once.
    [[nodiscard]] const std::string* owner(const scan::FileId& id) const {
        const auto it = owner_.find(id);
        return it == owner_.end() ? nullptr : &it->second.path;
    }
    // The loaded file for path (read once per identity).
    scan::Classified load(const std::string& path, const scan::FileId& id, CertCache& cache) {
        if (owner(id) == nullptr) return scan::classify(load_file(read_input(Slot::Body, path), &cache));
        std::shared_ptr<const scan::Classified> c;
        {
            std::lock_guard lock(mutex_);
            if (const auto it = loaded_.find(id); it != loaded_.end()) c = it->second;
        }
        if (!c) {
            auto fresh = std::make_shared<const scan::Classified>(scan::classify(load_file(read_input(Slot::Body, path), &cache)));
            std::lock_guard lock(mutex_);
            c = loaded_.try_emplace(id, std::move(fresh)).first->second;
        }
        scan::Classified copy;
        copy.loaded = scan::share(c->loaded);
        copy.loaded.file.path = path;
        copy.kind = c->kind;
        copy.leaf_index = c->leaf_index;
        copy.leaf_id = c->leaf_id;
        copy.leaf_key = c->leaf_key;
        copy.key_ids = c->key_ids;
        return copy;
    }

private:
    struct Owner {
        std::string path;
        bool via_link = false;
    };
    std::map<scan::FileId, Owner> owner_;
    std::mutex mutex_;
    std::map<scan::FileId, std::shared_ptr<const scan::Classified>> loaded_;
};

class Scanner {
public:
    Scanner(const Request& request, const RunContext& run, CertCache& cache, SharedFiles& shared)
        : request_(request), run_(run), cache_(cache), shared_(shared) {}

    SubjectReport check(LoadedFile body, std::optional<LoadedFile> key, std::optional<LoadedFile> chain,
                        std::vector<std::string> notes = {}) const {
        SubjectFiles f;
        f.body = std::move(body);
        f.key = std::move(key);
        f.chain = std::move(chain);
        f.notes = std::move(notes);
        f.request = request_;  // --user-name: carried into each subject's upload command
        return check_subject(std::move(f), run_);
    }

    DirResult directory(const scan::Directory& dir) const {
        DirResult out;
        std::vector<Classified> files;
        std::vector<bool> owned;  // false: the file is checked under another path
        files.reserve(dir.names.size());
        for (std::size_t i = 0; i < dir.names.size(); ++i) {
            const std::string path = dir.file_path(i);
            const scan::FileId id = i < dir.ids.size() ? dir.ids[i] : scan::FileId{};
            const std::string* owner = shared_.owner(id);
            owned.push_back(owner == nullptr || *owner == path);
            try {
                files.push_back(shared_.load(path, id, cache_));
            } catch (const InputError& e) {
                if (owned.back()) {
                    SubjectInputs in;
                    in.cert = path;
                    out.reports.push_back(error_subject(path, in, e.what()));
                }
                files.emplace_back();  // keep indices aligned with dir.names
            }
        }
        const int n = static_cast<int>(files.size());
        const auto at = [&](int i) -> Classified& { return files[static_cast<std::size_t>(i)]; };
        const auto mine = [&](int i) { return static_cast<bool>(owned[static_cast<std::size_t>(i)]); };

        std::vector<int> key_files;
        std::vector<std::string> dir_keys;  // every private key's identity in this directory
        for (int i = 0; i < n; ++i) {
            for (const std::string& id : at(i).key_ids) dir_keys.push_back(id);
            if (at(i).kind == Kind::Key && mine(i)) key_files.push_back(i);
        }
        // A CA certificate next to its own key (openssl req -x509 makes CA:TRUE by default) is a
        // subject, and so is a self-signed one alone in its file that names a server (its key kept elsewhere).
        for (int i = 0; i < n; ++i) {
            Classified& f = at(i);
            if (f.kind != Kind::CaBundle) continue;
            for (std::size_t c = 0; c < f.loaded.certs.size(); ++c) {
                const std::string id = scan::key_identity(f.loaded.certs[c].x509.get());
                const bool server = f.loaded.certs.size() == 1 && f.loaded.certs[c].self_signed && x509::names_a_server(f.loaded.certs[c].x509.get());
                if (server || (!id.empty() && std::find(dir_keys.begin(), dir_keys.end(), id) != dir_keys.end())) {
                    scan::promote_to_leaf(f, static_cast<int>(c));
                    break;
                }
            }
        }

        // Leaves, with a fullchain whose leaf is also in a file of its own used only as a chain.
        std::vector<int> leaves;
        std::vector<int> tails;  // fullchain files whose leaf has its own file
        for (int i = 0; i < n; ++i) {
            const Classified& f = at(i);
            if (f.kind == Kind::Leaf) out.leaf_keys.push_back(std::hash<std::string>{}(f.leaf_key));
            if (f.kind != Kind::Leaf && f.kind != Kind::Broken) continue;
            if (f.kind == Kind::Leaf && f.loaded.certs.size() > 1) {
                const bool duplicate = std::any_of(files.begin(), files.end(), [&](const Classified& o) {
                    return &o != &f && o.kind == Kind::Leaf && o.loaded.certs.size() == 1 && o.leaf_id == f.leaf_id;
                });
                if (duplicate) {
                    tails.push_back(i);
                    continue;
                }
            }
            leaves.push_back(i);
        }
        // Older certificates for the same names (certbot's archive/, a renewal kept beside the
        // new one) are history: named, not checked. The newest may be checked under another path.
        std::vector<bool> history(files.size(), false);
        {
            std::map<std::string, std::vector<int>> by_names;
            for (const int li : leaves) {
                const Classified& f = at(li);
                if (f.kind != Kind::Leaf) continue;
                // By key type too: an RSA and an ECDSA certificate for one site (two ssl_certificate lines) are both in use.
                X509* leaf = f.loaded.certs[static_cast<std::size_t>(f.leaf_index)].x509.get();
                const EVP_PKEY* key = X509_get0_pubkey(leaf);  // null when the key does not decode
                ossl::clear_errors();
                by_names[fmt::format("{}/{}", scan::names_key(leaf), key != nullptr ? EVP_PKEY_get_base_id(key) : 0)].push_back(li);
            }
            for (const auto& [names, group] : by_names) {
                int newest = group.front();
                const auto leaf_of = [&](int i) { return at(i).loaded.certs[static_cast<std::size_t>(at(i).leaf_index)].x509.get(); };
                for (const int li : group) {
                    if (newer(leaf_of(li), leaf_of(newest))) newest = li;
                }
                for (const int li : group) {
                    if (li == newest || at(li).leaf_id == at(newest).leaf_id) continue;
                    if (!newer(leaf_of(newest), leaf_of(li))) continue;  // issued in the same second: both current
                    history[static_cast<std::size_t>(li)] = true;
                    if (mine(li)) {
                        out.notes.emplace_back(at(li).loaded.file.path,
                                               fmt::format("superseded by {} (an older certificate for the same names, expiring {}): "
                                                           "history, not checked",
                                                           at(newest).loaded.file.path,
                                                           x509::format_time(x509::to_time(X509_get0_notAfter(leaf_of(li))).value_or(0))));
                    }
                }
            }
        }
        std::erase_if(leaves, [&](int li) { return !mine(li) || history[static_cast<std::size_t>(li)]; });

        std::vector<Plan> plans;
        std::vector<bool> key_used(files.size(), false);
        for (const int li : leaves) {
            const Classified& leaf = at(li);
            Plan p;
            p.body = li;
            if (leaf.has_key()) {
                p.key = li;  // certificate and key in one file
            } else if (!leaf.leaf_key.empty()) {
                for (const int ki : key_files) {
                    const auto& ids = at(ki).key_ids;
                    if (std::find(ids.begin(), ids.end(), leaf.leaf_key) != ids.end()) {
                        p.key = ki;
                        key_used[static_cast<std::size_t>(ki)] = true;
                        break;
                    }
                }
                // Another copy of the same key (certbot's privkeyN.pem after a renewal that kept it).
                for (const int ki : key_files) {
                    const auto& ids = at(ki).key_ids;
                    if (std::find(ids.begin(), ids.end(), leaf.leaf_key) != ids.end()) key_used[static_cast<std::size_t>(ki)] = true;
                }
            }
            choose_chain(files, li, tails, p);
            plans.push_back(std::move(p));
        }
        // Keys of history certificates are history too.
        for (int i = 0; i < n; ++i) {
            if (!history[static_cast<std::size_t>(i)] || at(i).leaf_key.empty()) continue;
            for (const int ki : key_files) {
                const auto& ids = at(ki).key_ids;
                if (std::find(ids.begin(), ids.end(), at(i).leaf_key) != ids.end()) key_used[static_cast<std::size_t>(ki)] = true;
            }
        }
        // A certificate and a key the user named alike (shop.crt, shop.key) belong together even
        // when they do not match: checking them together reports the mismatch where it is.
        for (Plan& p : plans) {
            const std::string leaf_stem = stem(at(p.body).loaded.file.path);
            for (const int ki : key_files) {
                if (stem(at(ki).loaded.file.path) != leaf_stem || (p.key && *p.key == ki)) continue;
                if (!p.key && !key_used[static_cast<std::size_t>(ki)]) {
                    p.key = ki;
                    key_used[static_cast<std::size_t>(ki)] = true;
                    p.notes.push_back(fmt::format("paired with {} by name: no key in the scanned paths has this certificate's public key",
                                                  at(ki).loaded.file.path));
                    break;
                }
                // Named like this certificate, but it is another certificate's key.
                for (const Plan& other : plans) {
                    if (&other != &p && other.key && *other.key == ki) {
                        p.notes.push_back(fmt::format("{} is named like this certificate but is the key of {}{}", at(ki).loaded.file.path,
                                                      at(other.body).loaded.file.path,
                                                      p.key ? fmt::format("; this certificate's key is {}", at(*p.key).loaded.file.path)
                                                            : std::string{}));
                    }
                }
            }
        }
        // So do the one certificate and the one key left over in a directory.
        std::vector<std::size_t> keyless;
        for (std::size_t i = 0; i < plans.size(); ++i) {
            if (!plans[i].key) keyless.push_back(i);
        }
        std::vector<int> unused;
        for (const int ki : key_files) {
            if (!key_used[static_cast<std::size_t>(ki)]) unused.push_back(ki);
        }
        if (keyless.size() == 1 && unused.size() == 1) {
            Plan& p = plans[keyless.front()];
            p.key = unused.front();
            const Classified& kf = at(unused.front());
            p.notes.push_back(
                public_key_known(kf.key_ids)
                    ? fmt::format("paired with {}, the one key left in this directory: it is not this certificate's key", kf.loaded.file.path)
                    : fmt::format("paired with {}, the one key left in this directory; its public key is unknown ({}), so whether "
                                  "it is this certificate's key is unknown",
                                  kf.loaded.file.path,
                                  any_encrypted(kf.loaded) ? "it is encrypted" : "it does not parse"));
            key_used[static_cast<std::size_t>(unused.front())] = true;
            keyless.clear();
            unused.clear();
        }

        for (Plan& p : plans) {
            const Classified& leaf = at(p.body);
            if (!p.key && !leaf.leaf_key.empty()) {
                // Maybe its key is in another directory: decide at the end.
                Pending pend;
                pend.cert = leaf.loaded.file.path;
                if (p.chain) pend.chain = at(*p.chain).loaded.file.path;
                pend.chain_is_tail = p.chain_is_tail;
                pend.key_id = leaf.leaf_key;
                pend.dir = dir.path;
                pend.notes = std::move(p.notes);
                out.pending.push_back(std::move(pend));
                continue;
            }
            std::optional<LoadedFile> key;
            if (p.key) key = scan::share(at(*p.key).loaded);
            std::optional<LoadedFile> chain;
            if (p.chain) {
                const Classified& cf = at(*p.chain);
                chain = p.chain_is_tail ? tail_of(cf.loaded, cf.leaf_index) : scan::share(cf.loaded);
            }
            if (p.chain_is_tail) {
                p.notes.push_back(fmt::format(
                    "the chain is the part of {} after the leaf; upload it from a file of its own (certcheck fix "
                    "writes chain.pem)",
                    at(*p.chain).loaded.file.path));
            }
            out.reports.push_back(check(scan::share(leaf.loaded), std::move(key), std::move(chain), std::move(p.notes)));
        }
        for (const int ki : unused) {
            const Classified& kf = at(ki);
            out.orphans.push_back({kf.loaded.file.path, kf.key_ids, dir.path, any_encrypted(kf.loaded)});
        }
        return out;
    }

private:
    // The chain for the leaf in files[li]: a CA bundle beside it named after it, else one holding
    // the leaf's issuer (chain-like names first), else the tail of its own fullchain file. A
    // bundle that holds no issuer of the leaf is not its chain.
    void choose_chain(const std::vector<Classified>& files, int li, const std::vector<int>& tails, Plan& p) const {
        const Classified& leaf = files[static_cast<std::size_t>(li)];
        X509* x = leaf.loaded.certs.empty() ? nullptr
                                            : leaf.loaded.certs[static_cast<std::size_t>(std::max(leaf.leaf_index, 0))].x509.get();
        const std::string leaf_stem = stem(leaf.loaded.file.path);
        int by_stem = -1;
        int by_issuer_named = -1;
        int by_issuer = -1;
        for (std::size_t i = 0; i < files.size(); ++i) {
            const Classified& f = files[i];
            if (f.kind != Kind::CaBundle) continue;
            const std::string& path = f.loaded.file.path;
            const bool named = chain_like_name(path);
            if (by_stem < 0 && stem(path) == leaf_stem && !leaf_stem.empty() && base_name(path) != base_name(leaf.loaded.file.path)) {
                by_stem = static_cast<int>(i);
            }
            bool holds_issuer = false;
            if (x != nullptr) {
                for (const Certificate& c : f.loaded.certs) {
                    if (X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(c.x509.get())) == 0) {
                        holds_issuer = true;
                        break;
                    }
                }
            }
            if (holds_issuer && named && by_issuer_named < 0) by_issuer_named = static_cast<int>(i);
            if (holds_issuer && by_issuer < 0) by_issuer = static_cast<int>(i);
        }
        for (const int pick : {by_stem, by_issuer_named, by_issuer}) {
            if (pick >= 0) {
                p.chain = pick;
                return;
            }
        }
        // certbot: cert.pem beside fullchain.pem (and no chain.pem): the fullchain's tail.
        for (const int t : tails) {
            if (files[static_cast<std::size_t>(t)].leaf_id == leaf.leaf_id) {
                p.chain = t;
                p.chain_is_tail = true;
                return;
            }
        }
    }

    const Request& request_;  // the upload options of scan's command line
    const RunContext& run_;   // the run's context, with this scan's batch-GCD results
    CertCache& cache_;
    SharedFiles& shared_;
};

// A key file whose public key is unknown: what key-pem and key-unencrypted say about it, and
// key-matches-cert not applicable (nothing could be compared), never "no certificate has its key".
SubjectReport unknown_key_subject(const Orphan& o, const RunContext& run) {
    SubjectReport r;
    r.name = o.path;
    r.inputs.key = o.path;
    std::vector<SelectedRule> key_rules;
    const SelectedRule* matches = nullptr;
    for (const SelectedRule& s : run.rules) {
        const std::string_view id = s.rule->info().id;
        if (id == "key-pem" || id == "key-unencrypted") key_rules.push_back(s);
        if (id == "key-matches-cert") matches = &s;
    }
    try {
        const Material m = load_material(InputFile{}, read_input(Slot::Key, o.path), std::nullopt);
        r.findings = run_rules(key_rules, m, run.ctx);
    } catch (const InputError& e) {
        SubjectInputs in;
        in.key = o.path;
        return error_subject(o.path, in, e.what());
    }
    if (matches != nullptr) {
        Finding f;
        f.rule = "key-matches-cert";
        f.message = o.encrypted ? "the key is encrypted: its public key is unknown until it is decrypted, so no certificate "
                                  "in the scanned paths could be matched with it"
                                : "the key does not parse (see key-pem), so no certificate in the scanned paths could be "
                                  "matched with it";
        f.file = o.path;
        r.findings.push_back(std::move(f));
    }
    r.verdict = judge(r.findings, run.fail_on);
    return r;
}

// A private key whose certificate is nowhere in the scan: a finding of its own subject.
SubjectReport key_only_subject(const Orphan& o, const RunContext& run) {
    if (!public_key_known(o.key_ids)) return unknown_key_subject(o, run);
    const std::string& path = o.path;
    SubjectReport r;
    r.name = path;
    r.inputs.key = path;
    const auto rule = std::find_if(run.rules.begin(), run.rules.end(),
                                   [](const SelectedRule& s) { return s.rule->info().id == "key-matches-cert"; });
    Finding f;
    f.rule = "key-matches-cert";
    f.status = rule != run.rules.end() && rule->severity == Severity::Warn ? Status::Warn : Status::Error;
    f.message = "a private key, but no certificate in the scanned paths has its public key";
    f.hint = "scan the folder that holds its certificate too, or delete the key if its certificate is gone";
    f.file = path;
    r.findings.push_back(std::move(f));
    r.verdict = judge(r.findings, run.fail_on);
    return r;
}

}  // namespace

ScanStats run_scan(const ScanSettings& settings, const ScanCallbacks& cb) {
    if (settings.run == nullptr) throw std::logic_error("run_scan: no run context");
    const scan::Walk tree = scan::walk(settings.roots, {settings.follow_symlinks, settings.include, settings.exclude, settings.shard_index, settings.shard_count});
    ScanStats stats;
    stats.directories = tree.directories.size();
    for (const auto& d : tree.directories) stats.files += d.names.size();
    stats.other_shard_files = tree.other_shards.files;
    stats.other_shard_directories = tree.other_shards.directories;
    stats.other_shards.assign(tree.other_shards.shards.begin(), tree.other_shards.shards.end());
    for (const auto& [path, why] : tree.skipped) {
        ++stats.skipped;
        if (cb.on_skipped) cb.on_skipped(path, why);
    }

    // key-weak: every distinct RSA modulus of the run goes through batch GCD before the first
    // subject is checked, so each subject's own finding can name the file it shares a prime with.
    RunContext run = borrow(*settings.run);
    weak::SharedPrimes shared;
    if (settings.reuse != nullptr) settings.reuse->impl->gcd.reused = false;
    if (std::any_of(run.rules.begin(), run.rules.end(), [](const SelectedRule& r) { return r.rule->info().id == "key-weak"; })) {
        shared = weak::shared_primes_in_files(tree.directories, std::max(1u, settings.jobs),
                                              settings.reuse != nullptr ? &settings.reuse->impl->gcd : nullptr);
        run.ctx.shared_primes = &shared;
    }
    reuse_only_with(settings, shared);

    CertCache local_cache;
    CertCache& cache = run.ctx.cache != nullptr ? *run.ctx.cache : local_cache;
    run.ctx.cache = &cache;
    SharedFiles shared_files(tree);
    Scanner scanner(settings.request, run, cache, shared_files);
    const auto read_directory = [&scanner](const scan::Directory& dir) { return scanner.directory(dir); };
    const std::size_t total = tree.directories.size();
    // Directories read but not handed over yet, by index: only those ahead of the next one in
    // order (a slot per directory of the walk was 13 MB at 100,000 directories).
    std::map<std::size_t, DirResult> results;
    std::mutex mutex;
    std::condition_variable ready;
    std::atomic<std::size_t> next{0};

    // The first exception of any thread (a worker's, or a callback's on this one): no directory
    // is handed out after it, every thread is joined, and it is rethrown.
    std::exception_ptr failure;
    std::atomic<bool> stop{false};
    const auto fail = [&](std::exception_ptr e) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::move(e);
        stop = true;
        ready.notify_all();
    };

    if (settings.reuse != nullptr) settings.reuse->impl->stats = {};
    auto worker = [&] {
        try {
            for (std::size_t i = next++; i < total && !stop; i = next++) {
                DirResult r = reuse_or_read(settings, read_directory, tree.directories[i]);
                std::lock_guard lock(mutex);
                results.emplace(i, std::move(r));
                ready.notify_all();
            }
        } catch (...) {
            fail(std::current_exception());
        }
    };
    const unsigned jobs = std::max(1u, settings.jobs);
    std::vector<std::thread> threads;

    // The calling thread works too, and hands results over strictly in directory order.
    std::vector<Pending> pending;
    std::vector<Orphan> orphans;
    std::unordered_set<std::size_t> leaf_keys;
    std::size_t emitted = 0;
    auto emit_ready = [&](bool wait) {
        while (emitted < total) {
            std::optional<DirResult> r;
            {
                std::unique_lock lock(mutex);
                if (wait) ready.wait(lock, [&] { return failure || results.count(emitted) > 0; });
                if (failure) return;
                const auto it = results.find(emitted);
                if (it == results.end()) return;
                r = std::move(it->second);
                results.erase(it);
            }
            for (SubjectReport& s : r->reports) {
                ++stats.subjects;
                if (cb.on_subject) cb.on_subject(std::move(s));
            }
            for (const auto& [path, what] : r->notes) {
                ++stats.history;
                if (cb.on_note) cb.on_note(path, what);
            }
            leaf_keys.insert(r->leaf_keys.begin(), r->leaf_keys.end());
            std::move(r->pending.begin(), r->pending.end(), std::back_inserter(pending));
            std::move(r->orphans.begin(), r->orphans.end(), std::back_inserter(orphans));
            ++emitted;
            if (cb.on_progress) cb.on_progress(emitted, total);
        }
    };
    try {
        for (unsigned j = 1; j < jobs && j < total; ++j) threads.emplace_back(worker);
        for (std::size_t i = next++; i < total && !stop; i = next++) {
            DirResult r = reuse_or_read(settings, read_directory, tree.directories[i]);
            {
                std::lock_guard lock(mutex);
                results.emplace(i, std::move(r));
            }
            emit_ready(false);
        }
        emit_ready(true);
    } catch (...) {
        fail(std::current_exception());
    }
    for (auto& t : threads) t.join();
    if (settings.reuse != nullptr) {
        DirectoryCache::Impl& c = *settings.reuse->impl;
        if (failure) {
            // An unfinished scan forgets nothing: what it read replaces what was kept.
            for (auto& [path, entry] : c.next) c.entries.insert_or_assign(path, std::move(entry));
        } else {
            c.entries = std::move(c.next);  // directories not found this time are forgotten
        }
        c.next.clear();
    }
    if (failure) std::rethrow_exception(failure);

    // Tree-wide pairing of what stayed unpaired in its directory (these files are read again).
    std::map<std::string, std::vector<std::size_t>> orphan_by_key;
    for (std::size_t i = 0; i < orphans.size(); ++i) {
        for (const auto& id : orphans[i].key_ids) {
            if (!id.empty()) orphan_by_key[id].push_back(i);
        }
    }
    std::vector<bool> orphan_used(orphans.size(), false);
    std::vector<SubjectReport> late;
    for (Pending& p : pending) {
        std::optional<std::string> key;
        if (const auto it = orphan_by_key.find(p.key_id); it != orphan_by_key.end()) {
            key = orphans[it->second.front()].path;
            for (const std::size_t i : it->second) orphan_used[i] = true;
        }
        try {
            LoadedFile body = load_file(read_input(Slot::Body, p.cert), &cache);
            std::optional<LoadedFile> k;
            if (key) k = load_file(read_input(Slot::Key, *key), &cache);
            std::optional<LoadedFile> chain;
            if (p.chain) {
                LoadedFile c = load_file(read_input(Slot::Chain, *p.chain), &cache);
                if (p.chain_is_tail) {
                    const Classified cc = scan::classify(std::move(c));
                    chain = tail_of(cc.loaded, cc.leaf_index);
                    p.notes.push_back(fmt::format(
                        "the chain is the part of {} after the leaf; upload it from a file of its own "
                        "(certcheck fix writes chain.pem)",
                        *p.chain));
                } else {
                    chain = std::move(c);
                }
            }
            late.push_back(scanner.check(std::move(body), std::move(k), std::move(chain), std::move(p.notes)));
        } catch (const InputError& e) {
            SubjectInputs in;
            in.cert = p.cert;
            in.key = key;
            late.push_back(error_subject(p.cert, in, e.what()));
        }
    }
    const bool keys_checked = std::any_of(run.rules.begin(), run.rules.end(),
                                          [](const SelectedRule& r) { return r.rule->info().id == "key-matches-cert"; });
    for (std::size_t i = 0; i < orphans.size(); ++i) {
        if (orphan_used[i]) continue;
        // Another copy of the key of a certificate found elsewhere (certbot's keys/NNNN_key-certbot.pem).
        const bool copy = std::any_of(orphans[i].key_ids.begin(), orphans[i].key_ids.end(), [&](const std::string& id) {
            return !id.empty() && leaf_keys.count(std::hash<std::string>{}(id)) > 0;
        });
        if (copy) {
            ++stats.history;
            if (cb.on_note) cb.on_note(orphans[i].path, "a copy of the key of a certificate found elsewhere in the scan: not checked again");
            continue;
        }
        if (keys_checked) late.push_back(key_only_subject(orphans[i], run));
    }
    std::stable_sort(late.begin(), late.end(), [](const SubjectReport& a, const SubjectReport& b) { return a.name < b.name; });
    for (SubjectReport& s : late) {
        ++stats.subjects;
        if (cb.on_subject) cb.on_subject(std::move(s));
    }
    stats.ca_certificates = cache.size();
    return stats;
}

}  // namespace certcheck
