// The trust store chain-complete consults: the system's, a file or directory, or none.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>

#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"

namespace certcheck {

// The bounds on reading a --trust-store directory (docs/security.md).
constexpr int kMaxTrustFilesPerHash = 16;               // h.0 .. h.15 per issuer name
constexpr std::size_t kMaxTrustFileBytes = 1u << 20;    // one hashed file: one certificate
constexpr std::size_t kMaxPlainTrustFiles = 1000;       // a directory without hashed names
constexpr std::size_t kMaxPlainTrustBytes = 64u << 20;  // ... and what it may hold in all

// A --trust-store directory: OpenSSL's hashed layout (c_rehash / openssl rehash), where the
// certificates whose subject hashes to h are in h.0, h.1, ... Nothing is read until an issuer is
// looked up, and then only that issuer's files: a directory of 100,000 files costs what the
// lookups cost. Each file is read with read_file_bytes (regular files only, never a FIFO).
struct HashedDir {
    std::string dir;
    std::mutex mutex;
    std::map<unsigned long, std::vector<ossl::X509Ptr>> by_hash;  // filled on first lookup of a hash

    const std::vector<ossl::X509Ptr>& candidates(unsigned long hash) {
        // the caller holds mutex
        auto [it, fresh] = by_hash.try_emplace(hash);
        if (!fresh) return it->second;
        for (int i = 0; i < kMaxTrustFilesPerHash; ++i) {
            const std::string path = fmt::format("{}/{:08x}.{}", dir, hash, i);
            std::string data;
            try {
                data = read_file_bytes(path);
            } catch (const InputError&) {
                break;  // h.0, h.1, ... end at the first missing (or unreadable) one
            }
            if (data.size() > kMaxTrustFileBytes) continue;  // one certificate is a few KiB
            ossl::BioPtr bio{BIO_new_mem_buf(data.data(), static_cast<int>(data.size()))};
            X509* x = bio ? PEM_read_bio_X509_AUX(bio.get(), nullptr, ossl::refuse_passphrase, nullptr) : nullptr;
            if (x == nullptr) {  // DER, as some hashed directories hold
                const auto* p = reinterpret_cast<const unsigned char*>(data.data());
                x = d2i_X509(nullptr, &p, static_cast<long>(data.size()));
            }
            ossl::clear_errors();
            if (x != nullptr) it->second.emplace_back(x);
        }
        return it->second;
    }
};

struct TrustStore::State {
    std::once_flag once;
    std::function<void(X509_STORE*)> fill;  // run once, on first use
    ossl::StorePtr store{X509_STORE_new()};
    std::unique_ptr<HashedDir> hashed;  // a hashed directory instead of the store

    X509_STORE* get() {
        std::call_once(once, [this] {
            if (store && fill) fill(store.get());
            ossl::clear_errors();
        });
        return store.get();
    }
};

namespace {

// "5d30f3c5.0": eight hex digits, a dot, a decimal suffix (OpenSSL's hashed-directory names).
bool hashed_name(std::string_view name) {
    const auto dot = name.find('.');
    if (dot != 8 || name.size() == 9) return false;
    const auto hex = name.substr(0, 8);
    const auto num = name.substr(9);
    return hex.find_first_not_of("0123456789abcdef") == std::string_view::npos &&
           num.find_first_not_of("0123456789") == std::string_view::npos;
}

// Adds the PEM certificates in `data` to the store; false when there is none.
bool add_pem_certificates(X509_STORE* store, const std::string& data) {
    ossl::BioPtr bio{BIO_new_mem_buf(data.data(), static_cast<int>(data.size()))};
    if (!bio) return false;
    bool any = false;
    while (X509* x = PEM_read_bio_X509_AUX(bio.get(), nullptr, ossl::refuse_passphrase, nullptr)) {
        ossl::X509Ptr held{x};
        any = X509_STORE_add_cert(store, x) == 1 || any;
    }
    ossl::clear_errors();
    return any;
}

}  // namespace

TrustStore::TrustStore(std::shared_ptr<State> state, std::string description)
    : state_(std::move(state)), description_(std::move(description)) {}

TrustStore TrustStore::system() {
    auto state = std::make_shared<State>();
    state->fill = [](X509_STORE* store) { X509_STORE_set_default_paths(store); };
    return TrustStore(std::move(state), "the system trust store");
}

TrustStore TrustStore::none() { return TrustStore(std::make_shared<State>(), "an empty trust store"); }

TrustStore TrustStore::from_path(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) throw InputError(path + ": trust store not found");
    auto state = std::make_shared<State>();
    X509_STORE* store = state->get();  // nothing to fill lazily: a named store is loaded now, so errors show now
    if (store == nullptr) throw InputError(path + ": cannot create a trust store");
    ossl::clear_errors();
    if (fs::is_directory(st)) {
        // Hashed names are looked up lazily. A directory with none (plain PEM files, not rehashed)
        // is read whole, up to kMaxPlainTrustFiles files: past that it is refused, since reading
        // them all is what the hashed layout exists to avoid.
        std::vector<std::string> plain;
        bool hashed = false;
        for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (hashed_name(name)) {
                hashed = true;
                break;
            }
            if (plain.size() <= kMaxPlainTrustFiles) plain.push_back(it->path().string());
        }
        if (hashed) {
            state->hashed = std::make_unique<HashedDir>();
            state->hashed->dir = path;
            return TrustStore(std::move(state), path);
        }
        if (plain.size() > kMaxPlainTrustFiles) {
            throw InputError(fmt::format(
                "{}: a trust store directory of more than {} files without hashed names; run "
                "'openssl rehash {}' so certcheck can look certificates up by name",
                path, kMaxPlainTrustFiles, path));
        }
        std::size_t total = 0;
        for (const std::string& file : plain) {
            std::string data;
            try {
                data = read_file_bytes(file);
            } catch (const InputError&) {
                continue;  // a subdirectory, FIFO or oversized file is not a trust anchor
            }
            total += data.size();
            if (total > kMaxPlainTrustBytes) {
                throw InputError(fmt::format(
                    "{}: a trust store directory holding more than {} MiB without hashed names; run "
                    "'openssl rehash {}' so certcheck can look certificates up by name",
                    path, kMaxPlainTrustBytes >> 20, path));
            }
            (void)add_pem_certificates(store, data);
        }
    } else {
        const std::string data = read_file_bytes(path);  // the size limit, no FIFO, a clear message
        if (!add_pem_certificates(store, data)) {
            throw InputError(path + ": not a PEM trust store: no certificate in it");
        }
    }
    return TrustStore(std::move(state), path);
}

bool TrustStore::has_issuer_of(X509* x) const { return issuer_of(x) != nullptr; }

ossl::X509Ptr TrustStore::issuer_of(X509* x) const {
    if (state_ && state_->hashed && x != nullptr) {
        int ok = 0;
        const unsigned long hash = X509_NAME_hash_ex(X509_get_issuer_name(x), nullptr, nullptr, &ok);
        ossl::clear_errors();
        if (ok != 1) return {};
        const std::lock_guard<std::mutex> lock(state_->hashed->mutex);
        for (const ossl::X509Ptr& c : state_->hashed->candidates(hash)) {
            if (x509::issued_by(x, c.get())) return ossl::share(c.get());
        }
        return {};
    }
    X509_STORE* store = state_ ? state_->get() : nullptr;
    if (store == nullptr || x == nullptr) return {};
    ossl::StoreCtxPtr ctx{X509_STORE_CTX_new()};
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store, x, nullptr) != 1) {
        ossl::clear_errors();
        return {};
    }
    X509* issuer = nullptr;
    const int found = X509_STORE_CTX_get1_issuer(&issuer, ctx.get(), x);
    ossl::X509Ptr held{issuer};
    ossl::clear_errors();
    if (found != 1 || !x509::issued_by(x, held.get())) return {};
    return held;
}

}  // namespace certcheck
