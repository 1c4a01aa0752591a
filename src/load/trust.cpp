// The trust store chain-complete consults: the system's, a file or directory, or none.
#include <filesystem>
#include <functional>
#include <mutex>
#include <system_error>

#include <openssl/x509_vfy.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"

namespace certcheck {

struct TrustStore::State {
    std::once_flag once;
    std::function<void(X509_STORE*)> fill;  // run once, on first use
    ossl::StorePtr store{X509_STORE_new()};

    X509_STORE* get() {
        std::call_once(once, [this] {
            if (store && fill) fill(store.get());
            ossl::clear_errors();
        });
        return store.get();
    }
};

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
        // Hashed directories (c_rehash) are looked up by name; plain PEM files are loaded too.
        X509_STORE_load_path(store, path.c_str());
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            std::error_code fec;
            if (!entry.is_regular_file(fec) || entry.file_size(fec) > kMaxInputBytes) continue;
            X509_STORE_load_file(store, entry.path().c_str());
        }
        ossl::clear_errors();
    } else {
        (void)read_file_bytes(path);  // the size limit and a clear message
        if (X509_STORE_load_file(store, path.c_str()) != 1) {
            throw InputError(path + ": not a PEM trust store: " + ossl::drain_errors());
        }
    }
    return TrustStore(std::move(state), path);
}

bool TrustStore::has_issuer_of(X509* x) const { return issuer_of(x) != nullptr; }

ossl::X509Ptr TrustStore::issuer_of(X509* x) const {
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
