// The trust store chain-complete consults: the system's, a file or directory, or none.
#include <filesystem>
#include <system_error>

#include <openssl/x509_vfy.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"

namespace certcheck {

TrustStore::TrustStore(ossl::StorePtr store, std::string description)
    : store_(std::move(store)), description_(std::move(description)) {}

TrustStore TrustStore::system() {
    ossl::StorePtr store{X509_STORE_new()};
    if (store) X509_STORE_set_default_paths(store.get());
    ossl::clear_errors();
    return TrustStore(std::move(store), "the system trust store");
}

TrustStore TrustStore::none() { return TrustStore(ossl::StorePtr{X509_STORE_new()}, "no trust store"); }

TrustStore TrustStore::from_path(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) throw InputError(path + ": trust store not found");
    ossl::StorePtr store{X509_STORE_new()};
    if (!store) throw InputError(path + ": cannot create a trust store");
    ossl::clear_errors();
    if (fs::is_directory(st)) {
        // Hashed directories (c_rehash) are looked up by name; plain PEM files are loaded too.
        X509_STORE_load_path(store.get(), path.c_str());
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            std::error_code fec;
            if (!entry.is_regular_file(fec) || entry.file_size(fec) > kMaxInputBytes) continue;
            X509_STORE_load_file(store.get(), entry.path().c_str());
        }
        ossl::clear_errors();
    } else {
        std::string data = read_file_bytes(path);  // the size limit and a clear message
        if (X509_STORE_load_file(store.get(), path.c_str()) != 1) {
            throw InputError(path + ": not a PEM trust store: " + ossl::drain_errors());
        }
    }
    return TrustStore(std::move(store), path);
}

bool TrustStore::has_issuer_of(X509* x) const {
    if (!store_ || x == nullptr) return false;
    ossl::StoreCtxPtr ctx{X509_STORE_CTX_new()};
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store_.get(), x, nullptr) != 1) {
        ossl::clear_errors();
        return false;
    }
    X509* issuer = nullptr;
    const int found = X509_STORE_CTX_get1_issuer(&issuer, ctx.get(), x);
    ossl::X509Ptr held{issuer};
    ossl::clear_errors();
    return found == 1 && x509::issued_by(x, held.get());
}

}  // namespace certcheck
