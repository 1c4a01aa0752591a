// What a scanned file holds, judged by content (internal).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "certcheck/load.hpp"

namespace certcheck::scan {

enum class Kind {
    Ignore,    // nothing certcheck checks (text, CSRs, unrelated data)
    Leaf,      // an end-entity certificate (maybe with more certificates after it: a fullchain)
    CaBundle,  // CA certificates only: a chain or CA bundle
    Key,       // private key(s) only
    Broken,    // certificate material that does not parse, or a DER/PKCS#7/PKCS#12 container
};

struct Classified {
    LoadedFile loaded;
    Kind kind = Kind::Ignore;
    int leaf_index = -1;               // which certificate is the leaf (Kind::Leaf)
    std::string leaf_id;               // identity of the leaf certificate (its DER)
    std::string leaf_key;              // public-key identity of the leaf
    std::vector<std::string> key_ids;  // public-key identities of the private keys in the file
    bool has_key() const { return !loaded.keys.empty(); }
};

// Public-key identity: the same for a certificate's key and its private key.
[[nodiscard]] std::string key_identity(EVP_PKEY* key);
[[nodiscard]] std::string key_identity(const PrivateKey& key);  // cheap for RSA keys
[[nodiscard]] std::string key_identity(X509* cert);             // cheap for RSA certificates

[[nodiscard]] Classified classify(LoadedFile f);

// Makes certificate `index` of a CA-only file its leaf: a self-signed CA:TRUE certificate (what
// `openssl req -x509` makes) next to its own key is a subject, not a CA bundle.
void promote_to_leaf(Classified& c, int index);

// The names a certificate is for (subject and subject alternative names): a renewal has the same.
[[nodiscard]] std::string names_key(X509* x);

// A copy that shares the OpenSSL objects (for a file used by several subjects).
[[nodiscard]] LoadedFile share(const LoadedFile& f);

}  // namespace certcheck::scan
