#include "scan/classify.hpp"

#include <algorithm>

#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "common/der.hpp"

namespace certcheck::scan {
namespace {

bool is_ca(X509* x) { return X509_check_ca(x) != 0; }

std::string der_of(X509* x) {
    unsigned char* buf = nullptr;
    const int n = i2d_X509(x, &buf);
    if (n <= 0) {
        ossl::clear_errors();
        return {};
    }
    std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
    OPENSSL_free(buf);
    return out;
}

}  // namespace

std::string key_identity(EVP_PKEY* key) {
    if (key == nullptr) return {};
    std::string id = EVP_PKEY_get0_type_name(key) != nullptr ? EVP_PKEY_get0_type_name(key) : "?";
    id += ':';
    if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS")) {
        BIGNUM* n = nullptr;
        if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) == 1) {
            std::string bytes(static_cast<std::size_t>(BN_num_bytes(n)), '\0');
            BN_bn2bin(n, reinterpret_cast<unsigned char*>(bytes.data()));
            BN_free(n);
            return id + bytes;
        }
    }
    unsigned char* buf = nullptr;
    const int len = i2d_PUBKEY(key, &buf);
    ossl::clear_errors();
    if (len <= 0) return {};
    id.append(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return id;
}

std::string key_identity(const PrivateKey& key) {
    if (!key.rsa_modulus.empty()) return "RSA:" + key.rsa_modulus;
    return key_identity(key.pkey.get());
}

std::string key_identity(X509* cert) {
    // An RSA certificate's modulus is right there in its SubjectPublicKeyInfo: no key object needed.
    ASN1_OBJECT* algorithm = nullptr;
    const unsigned char* bits = nullptr;
    int len = 0;
    if (X509_PUBKEY_get0_param(&algorithm, &bits, &len, nullptr, X509_get_X509_PUBKEY(cert)) == 1 &&
        OBJ_obj2nid(algorithm) == NID_rsaEncryption && len > 0) {
        const auto fields = der::sequence_elements({reinterpret_cast<const char*>(bits), static_cast<std::size_t>(len)}, 2);
        if (fields.size() == 2 && fields[0].tag == 0x02) {
            const std::string_view n = der::unsigned_integer(fields[0].content);
            if (!n.empty()) return "RSA:" + std::string{n};
        }
    }
    return key_identity(X509_get0_pubkey(cert));
}

Classified classify(LoadedFile f) {
    Classified c;
    c.loaded = std::move(f);
    const auto& certs = c.loaded.certs;
    for (const PrivateKey& k : c.loaded.keys) c.key_ids.push_back(key_identity(k));

    for (std::size_t i = 0; i < certs.size(); ++i) {
        if (!is_ca(certs[i].x509.get())) {
            c.leaf_index = static_cast<int>(i);
            break;
        }
    }
    if (c.leaf_index >= 0) {
        X509* leaf = certs[static_cast<std::size_t>(c.leaf_index)].x509.get();
        c.kind = Kind::Leaf;
        c.leaf_id = der_of(leaf);
        c.leaf_key = key_identity(leaf);
        ossl::clear_errors();
    } else if (!certs.empty()) {
        c.kind = Kind::CaBundle;
    } else if (!c.loaded.keys.empty()) {
        c.kind = Kind::Key;
    } else {
        const InputFile& in = c.loaded.file;
        const bool cert_blocks = std::any_of(in.blocks.begin(), in.blocks.end(), [](const PemBlock& b) {
            return b.label == "CERTIFICATE" || b.label == "X509 CERTIFICATE" || b.label == "TRUSTED CERTIFICATE" ||
                   b.label == "PKCS7";
        });
        const bool container = in.encoding == Encoding::Der &&
                               (in.der_kind == DerKind::Pkcs7 || in.der_kind == DerKind::Pkcs12);
        if (cert_blocks || container || !c.loaded.bad.empty()) c.kind = Kind::Broken;
    }
    // A leaf with its private key in the same file stays a Leaf; its keys pair with it first.
    return c;
}

void promote_to_leaf(Classified& c, int index) {
    X509* x = c.loaded.certs.at(static_cast<std::size_t>(index)).x509.get();
    c.kind = Kind::Leaf;
    c.leaf_index = index;
    c.leaf_id = der_of(x);
    c.leaf_key = key_identity(x);
    ossl::clear_errors();
}

std::string names_key(X509* x) {
    std::string key;
    const X509_NAME* subject = X509_get_subject_name(x);
    const unsigned char* der = nullptr;
    std::size_t len = 0;
    if (X509_NAME_get0_der(subject, &der, &len) == 1) key.assign(reinterpret_cast<const char*>(der), len);
    std::vector<std::string> sans;
    if (auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr))) {
        for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
            unsigned char* buf = nullptr;
            const int n = i2d_GENERAL_NAME(sk_GENERAL_NAME_value(names, i), &buf);
            if (n > 0) sans.emplace_back(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
            OPENSSL_free(buf);
        }
        GENERAL_NAMES_free(names);
    }
    ossl::clear_errors();
    std::sort(sans.begin(), sans.end());
    for (const std::string& s : sans) key += '\0' + s;
    return key;
}

LoadedFile share(const LoadedFile& f) {
    LoadedFile out;
    out.file = f.file;
    out.bad = f.bad;
    for (const Certificate& c : f.certs) out.certs.push_back(certcheck::share(c));
    for (const PrivateKey& k : f.keys) {
        PrivateKey copy;
        if (k.pkey && EVP_PKEY_up_ref(k.pkey.get()) == 1) copy.pkey.reset(k.pkey.get());
        copy.format = k.format;
        copy.label = k.label;
        copy.line = k.line;
        copy.encrypted = k.encrypted;
        copy.algorithm = k.algorithm;
        copy.bits = k.bits;
        copy.problem = k.problem;
        out.keys.push_back(std::move(copy));
    }
    return out;
}

}  // namespace certcheck::scan
