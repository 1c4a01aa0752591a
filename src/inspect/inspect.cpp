// certcheck inspect: the facts of each certificate and key in a file (data only; see render.cpp).
#include "inspect/inspect.hpp"

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <array>

#include <fmt/format.h>

#include "load/contents.hpp"
#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "common/der.hpp"
#include "common/shell.hpp"

namespace certcheck {
namespace {

template <typename T>
std::string der_bytes(T* obj, int (*i2d)(const T*, unsigned char**)) {
    unsigned char* buf = nullptr;
    const int len = i2d(obj, &buf);
    if (len <= 0) {
        ossl::clear_errors();
        return {};
    }
    std::string out(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return out;
}

std::vector<std::string> key_usage(X509* x) {
    static constexpr std::array<std::pair<std::uint32_t, const char*>, 9> kBits{{{KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"}, {KU_KEY_ENCIPHERMENT, "keyEncipherment"}, {KU_DATA_ENCIPHERMENT, "dataEncipherment"}, {KU_KEY_AGREEMENT, "keyAgreement"}, {KU_KEY_CERT_SIGN, "keyCertSign"}, {KU_CRL_SIGN, "cRLSign"}, {KU_ENCIPHER_ONLY, "encipherOnly"}, {KU_DECIPHER_ONLY, "decipherOnly"}}};
    std::vector<std::string> out;
    if ((X509_get_extension_flags(x) & EXFLAG_KUSAGE) == 0) return out;
    const std::uint32_t ku = X509_get_key_usage(x);
    for (const auto& [bit, name] : kBits) {
        if ((ku & bit) != 0) out.emplace_back(name);
    }
    return out;
}

std::vector<std::string> extended_key_usage(X509* x) {
    std::vector<std::string> out;
    auto* eku = static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(x, NID_ext_key_usage, nullptr, nullptr));
    ossl::clear_errors();
    if (eku == nullptr) return out;
    for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
        const ASN1_OBJECT* o = sk_ASN1_OBJECT_value(eku, i);
        const int nid = OBJ_obj2nid(o);
        if (nid != NID_undef) {
            out.emplace_back(OBJ_nid2sn(nid));
        } else {
            std::array<char, 128> buf{};
            OBJ_obj2txt(buf.data(), static_cast<int>(buf.size()), o, 1);
            out.emplace_back(buf.data());
        }
    }
    EXTENDED_KEY_USAGE_free(eku);
    return out;
}

std::string upper_type(EVP_PKEY* k) {
    const char* name = k != nullptr ? EVP_PKEY_get0_type_name(k) : nullptr;
    std::string out = name != nullptr ? name : "unknown";
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string curve(EVP_PKEY* k) {
    std::array<char, 64> buf{};
    std::size_t len = 0;
    if (k == nullptr || !EVP_PKEY_is_a(k, "EC") ||
        EVP_PKEY_get_utf8_string_param(k, "group", buf.data(), buf.size(), &len) != 1) {
        ossl::clear_errors();
        return {};
    }
    return std::string(buf.data(), len);
}

CertFacts cert_facts(X509* x, std::time_t at) {
    CertFacts f;
    f.subject = x509::name_line(X509_get_subject_name(x));
    f.issuer = x509::name_line(X509_get_issuer_name(x));
    f.sans = x509::subject_alt_names(x);
    f.version = static_cast<int>(X509_get_version(x)) + 1;
    if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), nullptr)) {
        std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
        BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
        f.serial = (BN_is_negative(bn) ? "-" : "") + x509::hex_colon(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
        if (f.serial.empty()) f.serial = "00";
        BN_free(bn);
    }
    const auto nb = x509::to_time(X509_get0_notBefore(x));
    const auto na = x509::to_time(X509_get0_notAfter(x));
    if (nb) f.not_before = x509::format_time(*nb);
    if (na) {
        f.not_after = x509::format_time(*na);
        const double secs = std::difftime(*na, at);
        f.days_left = static_cast<long>(secs / 86400.0);
    }
    EVP_PKEY* pub = X509_get0_pubkey(x);
    f.key_algorithm = upper_type(pub);
    f.key_bits = pub != nullptr ? EVP_PKEY_get_bits(pub) : 0;
    f.key_curve = curve(pub);
    f.signature_algorithm = x509::signature_algorithm(x);
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int md_len = 0;
    if (X509_digest(x, EVP_sha256(), md.data(), &md_len) == 1) f.sha256_fingerprint = x509::hex_colon(md.data(), md_len);
    f.spki_sha256 = spki_sha256(pub);
    const std::uint32_t flags = X509_get_extension_flags(x);
    if ((flags & EXFLAG_BCONS) != 0) {
        f.ca = (flags & EXFLAG_CA) != 0;
        const long pl = X509_get_pathlen(x);
        if (*f.ca && pl >= 0) f.path_length = pl;
    }
    f.key_usage = key_usage(x);
    f.extended_key_usage = extended_key_usage(x);
    f.self_signed = x509::self_signed(x);
    f.der = der_bytes(x, i2d_X509);
    ossl::clear_errors();
    return f;
}

CrlFacts crl_facts(X509_CRL* crl, std::time_t at) {
    CrlFacts f;
    f.issuer = x509::name_line(X509_CRL_get_issuer(crl));
    if (const auto t = x509::to_time(X509_CRL_get0_lastUpdate(crl))) f.last_update = x509::format_time(*t);
    if (const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl)) {
        if (const auto t = x509::to_time(next)) {
            f.next_update = x509::format_time(*t);
            f.next_update_days = static_cast<long>(std::difftime(*t, at) / 86400.0);
            f.next_update_passed = at > *t;
        }
    }
    if (auto* number = static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl, NID_crl_number, nullptr, nullptr))) {
        if (BIGNUM* bn = ASN1_INTEGER_to_BN(number, nullptr)) {
            if (char* dec = BN_bn2dec(bn)) {
                f.crl_number = dec;
                OPENSSL_free(dec);
            }
            BN_free(bn);
        }
        ASN1_INTEGER_free(number);
    }
    f.revoked = sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl));
    if (f.revoked < 0) f.revoked = 0;
    const int sig_nid = X509_CRL_get_signature_nid(crl);
    f.signature_algorithm = sig_nid != NID_undef ? OBJ_nid2ln(sig_nid) : "unknown";
    f.der = der_bytes(crl, i2d_X509_CRL);
    ossl::clear_errors();
    return f;
}

std::string key_format(const PrivateKey& k, const Contents& c) {
    switch (k.format) {
        case KeyFormat::Pkcs1Rsa: return "PKCS#1";
        case KeyFormat::Pkcs8: return "PKCS#8";
        case KeyFormat::Pkcs8Encrypted: return "PKCS#8 (encrypted)";
        case KeyFormat::LegacyEncrypted: return "traditional PEM (Proc-Type encrypted)";
        case KeyFormat::Sec1Ec: return "SEC1";
        case KeyFormat::TraditionalDsa: return "traditional DSA";
        case KeyFormat::OpenSsh: return "OpenSSH";
        case KeyFormat::Der:
            if (c.container == Container::Pkcs12) return "PKCS#12";
            if (k.encrypted) return "PKCS#8 (encrypted, DER)";
            switch (der::second_element_tag(c.file.data).value_or(0)) {
                case 0x02: return k.algorithm == "DSA" ? "traditional DSA (DER)" : "PKCS#1 (DER)";
                case 0x04: return "SEC1 (DER)";
                case 0x30: return "PKCS#8 (DER)";
                default: return "DER";
            }
        case KeyFormat::Unknown: break;
    }
    return "unknown";
}

PublicKeyFacts public_key_facts(EVP_PKEY* k) {
    PublicKeyFacts f;
    f.algorithm = upper_type(k);
    f.bits = k != nullptr ? EVP_PKEY_get_bits(k) : 0;
    f.curve = curve(k);
    f.spki_sha256 = spki_sha256(k);
    return f;
}

CsrFacts csr_facts(X509_REQ* req) {
    CsrFacts f;
    f.subject = x509::name_line(X509_REQ_get_subject_name(req));
    if (STACK_OF(X509_EXTENSION)* exts = X509_REQ_get_extensions(req)) {
        if (auto* names = static_cast<GENERAL_NAMES*>(X509V3_get_d2i(exts, NID_subject_alt_name, nullptr, nullptr))) {
            f.sans = x509::general_names(names);
            GENERAL_NAMES_free(names);
        }
        sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    }
    const int sig_nid = X509_REQ_get_signature_nid(req);
    f.signature_algorithm = sig_nid != NID_undef ? OBJ_nid2ln(sig_nid) : "unknown";
    EVP_PKEY* pub = X509_REQ_get0_pubkey(req);
    f.key = public_key_facts(pub);
    f.signature_valid = pub != nullptr && X509_REQ_verify(req, pub) == 1;
    ossl::clear_errors();
    return f;
}

// The bytes of an object that read_contents listed as "other": its PEM block, or the DER file.
std::optional<std::string_view> other_der(const Contents& c, const OtherObject& o) {
    if (o.line > 0) {
        for (const PemBlock& b : c.file.blocks) {
            if (b.begin_line == o.line && b.ok()) return std::string_view{b.der};
        }
        return std::nullopt;
    }
    if (c.file.encoding == Encoding::Der) return std::string_view{c.file.data};
    return std::nullopt;
}

// A CSR, a public key or a CRL described; other kinds keep only their label.
void describe_other(const Contents& c, const OtherObject& other, std::time_t at, InspectedObject& o) {
    const bool csr = other.what == "CERTIFICATE REQUEST" || other.what == "NEW CERTIFICATE REQUEST" ||
                     (other.line == 0 && c.file.der_kind == DerKind::CertificateRequest);
    const bool pub = other.what == "PUBLIC KEY" || other.what == "RSA PUBLIC KEY" ||
                     (other.line == 0 && c.file.der_kind == DerKind::PublicKey);
    const bool crl = other.what == "X509 CRL" || (other.line == 0 && c.file.der_kind == DerKind::Crl);
    if (!csr && !pub && !crl) return;
    const auto der = other_der(c, other);
    if (!der) return;
    ossl::clear_errors();
    const auto* p = reinterpret_cast<const unsigned char*>(der->data());
    const long len = static_cast<long>(der->size());
    if (crl) {
        X509_CRL* list = d2i_X509_CRL(nullptr, &p, len);
        if (list != nullptr) o.crl = crl_facts(list, at);
        else o.problem = "a certificate revocation list that does not parse: " + ossl::drain_errors();
        X509_CRL_free(list);
    } else if (csr) {
        ossl::ReqPtr req{d2i_X509_REQ(nullptr, &p, len)};
        if (req) o.csr = csr_facts(req.get());
        else o.problem = "a certificate signing request that does not parse: " + ossl::drain_errors();
    } else {
        ossl::PkeyPtr key{other.what == "RSA PUBLIC KEY" ? d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, len) : d2i_PUBKEY(nullptr, &p, len)};
        if (key) o.public_key = public_key_facts(key.get());
        else o.problem = "a public key that does not parse: " + ossl::drain_errors();
    }
    ossl::clear_errors();
}

}  // namespace

InspectedFile inspect_file(const std::string& path, std::time_t at, const PassphraseSource* passphrase) {
    const Contents c = read_contents(read_input(Slot::Body, path), passphrase);
    InspectedFile out;
    out.path = c.file.path;
    out.container = std::string{describe(c.container)};
    // AWS reads ASCII PEM: a UTF-16 file or a byte-order mark is refused by the upload (fix converts both).
    out.utf16 = c.file.text.utf16;
    out.utf8_bom = c.file.text.utf8_bom;
    if (out.utf16) out.problems.emplace_back("the file is UTF-16 text; AWS reads ASCII PEM ('certcheck fix' converts it)");
    if (out.utf8_bom) out.problems.emplace_back("the file starts with a UTF-8 byte-order mark, which AWS refuses ('certcheck fix' removes it)");
    for (const std::string& p : c.problems) {
        out.problems.push_back(p);
        // A locked archive: say how inspect can open it.
        if (passphrase == nullptr && p.ends_with("need the passphrase")) out.problems.back() += " (give --passphrase-file FILE or --passphrase-env VAR)";
    }
    for (std::size_t i = 0; i < c.certs.size(); ++i) {
        const Certificate& cert = c.certs[i];
        InspectedObject o;
        o.type = "certificate";
        o.line = cert.line;
        o.cert = cert_facts(cert.x509.get(), at);
        if (i < c.places.size() && c.places[i].count > 0) o.pkcs7 = c.places[i];
        out.objects.push_back(std::move(o));
    }
    for (const PrivateKey& k : c.keys) {
        InspectedObject o;
        o.type = "private-key";
        o.line = k.line;
        KeyFacts f;
        f.algorithm = k.algorithm;
        f.bits = k.bits;
        f.format = key_format(k, c);
        f.encrypted = k.encrypted;
        if (k.pkey) f.spki_sha256 = spki_sha256(k.pkey.get());
        f.problem = k.problem;
        o.key = std::move(f);
        out.objects.push_back(std::move(o));
    }
    if (c.file.encoding == Encoding::Der && c.file.der_kind == DerKind::Crl) {
        out.problems.push_back(fmt::format(
            "a DER (binary) CRL, as CAs publish them; Roles Anywhere imports PEM CRLs (aws "
            "rolesanywhere import-crl, certcheck access --crl): openssl crl -inform DER -in {} "
            "-out crl.pem",
            shell_quote(out.path)));
    }
    for (const OtherObject& other : c.others) {
        InspectedObject o;
        o.type = other.what;
        o.line = other.line;
        describe_other(c, other, at, o);
        out.objects.push_back(std::move(o));
    }
    std::stable_sort(out.objects.begin(), out.objects.end(),
                     [](const InspectedObject& a, const InspectedObject& b) { return a.line < b.line; });
    return out;
}

namespace {

// The inspected certificates named as the CRL's issuer, and those whose key verifies it.
void match_crl_signers(CrlFacts& crl, const std::vector<InspectedFile>& files) {
    const auto* p = reinterpret_cast<const unsigned char*>(crl.der.data());
    X509_CRL* list = d2i_X509_CRL(nullptr, &p, static_cast<long>(crl.der.size()));
    if (list == nullptr) {
        ossl::clear_errors();
        return;
    }
    for (const InspectedFile& g : files) {
        for (std::size_t i = 0; i < g.objects.size(); ++i) {
            const std::optional<CertFacts>& cert = g.objects[i].cert;
            if (!cert || cert->subject != crl.issuer) continue;
            crl.issuer_named.push_back({g.path, static_cast<int>(i)});
            const auto* q = reinterpret_cast<const unsigned char*>(cert->der.data());
            ossl::X509Ptr x{d2i_X509(nullptr, &q, static_cast<long>(cert->der.size()))};
            EVP_PKEY* key = x ? X509_get0_pubkey(x.get()) : nullptr;
            if (key != nullptr && X509_CRL_verify(list, key) == 1) crl.signed_by.push_back({g.path, static_cast<int>(i)});
        }
    }
    X509_CRL_free(list);
    ossl::clear_errors();
}

}  // namespace

void match_public_keys(std::vector<InspectedFile>& files) {
    for (InspectedFile& f : files) {
        for (InspectedObject& o : f.objects) {
            if (o.crl) match_crl_signers(*o.crl, files);
            const std::string* digest = o.key ? &o.key->spki_sha256 : o.csr      ? &o.csr->key.spki_sha256
                                                                  : o.public_key ? &o.public_key->spki_sha256
                                                                                 : nullptr;
            if (digest == nullptr || digest->empty()) continue;
            for (const InspectedFile& g : files) {
                for (std::size_t i = 0; i < g.objects.size(); ++i) {
                    if (g.objects[i].cert && g.objects[i].cert->spki_sha256 == *digest) o.matches.push_back({g.path, static_cast<int>(i)});
                }
            }
        }
    }
}

}  // namespace certcheck
