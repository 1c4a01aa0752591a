// What a file holds, whatever its container (PEM, DER, PKCS#7, PKCS#12), for fix and inspect.
// Decryption happens only here, and only with a passphrase source the caller gave.
#include "load/contents.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include <array>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "load/assemble.hpp"
#include "load/keys.hpp"

namespace certcheck {
namespace {

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return out;
}

// The block written back as PEM text, headers included (what PEM_read_bio_PrivateKey wants).
std::string pem_text(const PemBlock& b) {
    std::string out = "-----BEGIN " + b.label + "-----\n";
    for (const PemHeader& h : b.headers) out += h.name + ": " + h.value + "\n";
    if (!b.headers.empty()) out += "\n";
    const std::string body = base64(b.der);
    for (std::size_t i = 0; i < body.size(); i += 64) out += body.substr(i, 64) + "\n";
    out += "-----END " + b.label + "-----\n";
    return out;
}

// Overwrites a passphrase (OPENSSL_cleanse, which the compiler cannot drop) when it goes out of scope.
class Wipe {
public:
    explicit Wipe(std::string& s) : s_(s) {}
    Wipe(const Wipe&) = delete;
    Wipe& operator=(const Wipe&) = delete;
    ~Wipe() { OPENSSL_cleanse(s_.data(), s_.size()); }

private:
    std::string& s_;
};

class Reader {
public:
    Reader(Contents& c, const PassphraseSource* source) : c_(c), source_(source) {}

    void certificate(std::string_view der, int line) {
        std::string why;
        if (auto cert = parse_certificate(der, line, why)) {
            c_.certs.push_back(std::move(*cert));
            c_.places.emplace_back();
        } else {
            c_.problems.push_back(where(line) + "a certificate that does not parse: " + why);
        }
    }

    void pkcs7(std::string_view der, int line) {
        ossl::clear_errors();
        const auto* p = reinterpret_cast<const unsigned char*>(der.data());
        ossl::Pkcs7Ptr p7{d2i_PKCS7(nullptr, &p, static_cast<long>(der.size()))};
        if (!p7) {
            c_.problems.push_back(where(line) + "a PKCS#7 structure that does not parse: " + ossl::drain_errors());
            return;
        }
        STACK_OF(X509)* certs = nullptr;
        const int type = OBJ_obj2nid(p7->type);
        if (type == NID_pkcs7_signed && p7->d.sign != nullptr) certs = p7->d.sign->cert;
        else if (type == NID_pkcs7_signedAndEnveloped && p7->d.signed_and_enveloped != nullptr) certs = p7->d.signed_and_enveloped->cert;
        else {
            c_.problems.push_back(where(line) + "a PKCS#7 structure of type " + std::string{OBJ_nid2sn(type) ? OBJ_nid2sn(type) : "unknown"} +
                                  ", which holds no certificate list");
            return;
        }
        const int count = sk_X509_num(certs);
        for (int i = 0; i < count; ++i) add(sk_X509_value(certs, i), line, {line, i + 1, count});
        ossl::clear_errors();
    }

    void pkcs12(std::string_view der) {
        ossl::clear_errors();
        const auto* p = reinterpret_cast<const unsigned char*>(der.data());
        ossl::Pkcs12Ptr p12{d2i_PKCS12(nullptr, &p, static_cast<long>(der.size()))};
        if (!p12) {
            c_.problems.push_back("a PKCS#12 archive that does not parse: " + ossl::drain_errors());
            return;
        }
        std::string pass;
        const Wipe wipe_pass(pass);
        bool open = PKCS12_mac_present(p12.get()) == 0 || PKCS12_verify_mac(p12.get(), nullptr, 0) == 1 ||
                    PKCS12_verify_mac(p12.get(), "", 0) == 1;
        ossl::clear_errors();
        if (!open) {
            auto given = ask(c_.file.path + " (PKCS#12)");
            if (!given) {
                c_.needs_passphrase = true;
                c_.problems.emplace_back("a password-protected PKCS#12 archive; its contents need the passphrase");
                return;
            }
            pass = *given;
            OPENSSL_cleanse(given->data(), given->size());
            if (PKCS12_verify_mac(p12.get(), pass.c_str(), static_cast<int>(pass.size())) != 1) {
                ossl::clear_errors();
                c_.problems.emplace_back("a PKCS#12 archive that the passphrase does not open (wrong passphrase)");
                return;
            }
            c_.decrypted = true;
        }
        EVP_PKEY* pkey = nullptr;
        X509* cert = nullptr;
        STACK_OF(X509)* ca = nullptr;
        bool parsed = PKCS12_parse(p12.get(), pass.c_str(), &pkey, &cert, &ca) == 1;
        if (!parsed && ossl::load_legacy_provider()) {  // RC2-40 and friends, as older tools wrote them
            ossl::clear_errors();
            parsed = PKCS12_parse(p12.get(), pass.c_str(), &pkey, &cert, &ca) == 1;
        }
        if (!parsed) {
            c_.problems.push_back("a PKCS#12 archive whose contents cannot be read: " + ossl::drain_errors());
            return;
        }
        ossl::PkeyPtr key_holder{pkey};
        ossl::X509Ptr cert_holder{cert};
        if (cert != nullptr) add(cert, 0);
        for (int i = 0; i < sk_X509_num(ca); ++i) add(sk_X509_value(ca, i), 0);
        sk_X509_pop_free(ca, X509_free);
        if (key_holder) {
            PrivateKey k;
            k.label = "PKCS#12";
            k.format = KeyFormat::Der;
            k.encrypted = !pass.empty();
            k.pkey = std::move(key_holder);
            finish_key(k);
            c_.keys.push_back(std::move(k));
        }
        ossl::clear_errors();
    }

    void pem_key(const PemBlock& b) {
        PrivateKey k = load_pem_key(b);
        if (k.encrypted && !k.pkey && b.ok()) unlock(k, pem_text(b), true);
        c_.keys.push_back(std::move(k));
    }

    void der_key(std::string_view der, DerKind kind) {
        PrivateKey k = load_der_key(der, kind);
        if (k.encrypted && !k.pkey) unlock(k, der, false);
        c_.keys.push_back(std::move(k));
    }

private:
    static std::string where(int line) { return line > 0 ? "line " + std::to_string(line) + ": " : std::string{}; }

    std::optional<std::string> ask(const std::string& what) {
        if (source_ == nullptr || !*source_) return std::nullopt;
        return (*source_)(what);
    }

    void unlock(PrivateKey& k, std::string_view encoded, bool pem) {
        const char* kind = k.format == KeyFormat::LegacyEncrypted ? "encrypted PEM key" : "encrypted PKCS#8 key";
        auto given = ask(c_.file.path + " (" + kind + ")");
        if (!given) {
            c_.needs_passphrase = true;
            return;
        }
        const Wipe wipe_given(*given);
        decrypt_key(k, encoded, pem, *given);
        if (k.pkey) c_.decrypted = true;
    }

    void add(X509* x, int line, BundlePlace place = {}) {
        if (std::string huge = x509::oversized_rsa_exponent_problem(x); !huge.empty()) {
            c_.problems.push_back((place.count > 0 ? "certificate " + where_in_bundle(place) : where(line) + "a certificate") + " refused: " + huge);
            return;
        }
        c_.certs.push_back(make_certificate(ossl::share(x), line));
        c_.places.push_back(place);
    }

    Contents& c_;
    const PassphraseSource* source_;
};

}  // namespace

std::string where_in_bundle(const BundlePlace& p) {
    std::string out = std::to_string(p.position) + " of " + std::to_string(p.count) + " in the PKCS#7 bundle";
    if (p.line > 0) out += " at line " + std::to_string(p.line);
    return out;
}

std::string_view describe(Container c) noexcept {
    switch (c) {
        case Container::Pem: return "PEM";
        case Container::Der: return "DER";
        case Container::Pkcs7: return "PKCS#7";
        case Container::Pkcs12: return "PKCS#12";
        case Container::Unknown: return "unknown";
    }
    return "unknown";
}

Contents read_contents(InputFile f, const PassphraseSource* passphrase) {
    Contents c;
    c.file = std::move(f);
    Reader r(c, passphrase);
    const InputFile& in = c.file;
    if (in.encoding == Encoding::Pem) {
        c.container = Container::Pem;
        for (const PemBlock& b : in.blocks) {
            if (!b.ok()) {
                c.problems.push_back("line " + std::to_string(b.begin_line) + ": " + b.label + " block: " + *b.problem);
            } else if (b.label == "CERTIFICATE" || b.label == "X509 CERTIFICATE") {
                r.certificate(b.der, b.begin_line);
            } else if (b.label == "PKCS7" || b.label == "CERTIFICATE CHAIN") {
                c.container = Container::Pkcs7;
                r.pkcs7(b.der, b.begin_line);
            } else if (is_private_key_label(b.label)) {
                r.pem_key(b);
            } else {
                c.others.push_back({b.begin_line, b.label});
            }
        }
    } else if (in.encoding == Encoding::Der) {
        c.container = Container::Der;
        switch (in.der_kind) {
            case DerKind::Certificate: r.certificate(in.data, 0); break;
            case DerKind::Pkcs7:
                c.container = Container::Pkcs7;
                r.pkcs7(in.data, 0);
                break;
            case DerKind::Pkcs12:
                c.container = Container::Pkcs12;
                r.pkcs12(in.data);
                break;
            case DerKind::PrivateKey:
            case DerKind::EncryptedPrivateKey: r.der_key(in.data, in.der_kind); break;
            default: c.others.push_back({0, std::string{describe(in.der_kind)}}); break;
        }
    } else if (in.encoding == Encoding::Empty) {
        c.problems.emplace_back("the file is empty");
    } else {
        c.problems.emplace_back("it holds neither PEM blocks nor a DER, PKCS#7 or PKCS#12 structure");
    }
    ossl::clear_errors();
    return c;
}

std::string spki_sha256(EVP_PKEY* key) {
    if (key == nullptr) return {};
    unsigned char* buf = nullptr;
    const int len = i2d_PUBKEY(key, &buf);
    if (len <= 0) {
        ossl::clear_errors();
        return {};
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int md_len = 0;
    const bool ok = EVP_Digest(buf, static_cast<std::size_t>(len), md.data(), &md_len, EVP_sha256(), nullptr) == 1;
    OPENSSL_free(buf);
    ossl::clear_errors();
    if (!ok) return {};
    return base64(std::string_view(reinterpret_cast<const char*>(md.data()), md_len));
}

}  // namespace certcheck
