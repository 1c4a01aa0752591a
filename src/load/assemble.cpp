// Turning classified files into certificates, keys and the chain's relation to the body.
#include "load/assemble.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include <openssl/evp.h>

#include <openssl/x509.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "load/keys.hpp"

namespace certcheck {

std::optional<Certificate> parse_certificate(std::string_view der, int line, std::string& why) {
    ossl::clear_errors();
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ossl::X509Ptr x{d2i_X509(nullptr, &p, static_cast<long>(der.size()))};
    if (!x) {
        why = ossl::drain_errors("not a valid X.509 certificate");
        return std::nullopt;
    }
    ossl::clear_errors();
    // A key that would make every signature check cost milliseconds is refused, not computed with.
    if (std::string huge = x509::oversized_rsa_exponent_problem(x.get()); !huge.empty()) {
        why = "refused: " + huge;
        return std::nullopt;
    }
    return make_certificate(std::move(x), line);
}

Certificate make_certificate(ossl::X509Ptr x, int line) {
    Certificate c;
    c.line = line;
    c.subject = x509::name_line(X509_get_subject_name(x.get()));
    c.issuer = x509::name_line(X509_get_issuer_name(x.get()));
    c.label = x509::short_label(x.get());
    c.self_signed = x509::self_signed(x.get());
    c.fingerprint = x509::fingerprint(x.get());
    c.x509 = std::move(x);
    return c;
}

namespace {

std::optional<Certificate> parse_or_share(std::string_view der, int line, std::string& why, CertCache* cache) {
    if (cache == nullptr) return parse_certificate(der, line, why);
    auto c = cache->get(der, why);
    if (c) c->line = line;
    return c;
}

// CERTIFICATE blocks (or a DER certificate file) -> parsed certificates and the blocks that failed.
void load_certificates(const InputFile& f, std::vector<Certificate>& out, std::vector<BadBlock>& bad,
                       CertCache* cache = nullptr) {
    std::string why;
    if (f.encoding == Encoding::Der && f.der_kind == DerKind::Certificate) {
        if (auto c = parse_or_share(f.data, 0, why, cache)) out.push_back(std::move(*c));
        else bad.push_back({0, "DER", why});
        return;
    }
    for (const PemBlock& b : f.blocks) {
        if (b.label != "CERTIFICATE") continue;
        if (!b.ok()) {
            bad.push_back({b.begin_line, b.label, *b.problem});
            continue;
        }
        if (auto c = parse_or_share(b.der, b.begin_line, why, cache)) out.push_back(std::move(*c));
        else bad.push_back({b.begin_line, b.label, why});
    }
}

void load_keys(const InputFile& f, std::vector<PrivateKey>& out) {
    if (f.encoding == Encoding::Der &&
        (f.der_kind == DerKind::PrivateKey || f.der_kind == DerKind::EncryptedPrivateKey)) {
        out.push_back(load_der_key(f.data, f.der_kind));
        return;
    }
    for (const PemBlock& b : f.blocks) {
        if (is_private_key_label(b.label)) out.push_back(load_pem_key(b));
    }
}

}  // namespace

LoadedFile load_file(InputFile f, CertCache* cache) {
    LoadedFile out;
    out.file = std::move(f);
    load_certificates(out.file, out.certs, out.bad, cache);
    load_keys(out.file, out.keys);
    ossl::clear_errors();
    return out;
}

Material assemble_material(LoadedFile body, std::optional<LoadedFile> key, std::optional<LoadedFile> chain,
                           Request request) {
    Material m;
    m.body = std::move(body.file);
    m.body_certs = std::move(body.certs);
    m.body_bad = std::move(body.bad);
    if (key) {
        m.key = std::move(key->file);
        m.keys = std::move(key->keys);
    }
    if (chain) {
        m.chain = std::move(chain->file);
        m.chain_certs = std::move(chain->certs);
        m.chain_bad = std::move(chain->bad);
    }
    m.request = std::move(request);
    // Each file plays the role it was given for, whatever read it (scan reads every file as a
    // body first): a key with CRLF is "the private key has CRLF", not "the certificate body".
    m.body.slot = Slot::Body;
    if (m.key) m.key->slot = Slot::Key;
    if (m.chain) m.chain->slot = Slot::Chain;
    ossl::clear_errors();
    return m;
}

Material load_material(InputFile body, std::optional<InputFile> key, std::optional<InputFile> chain,
                       Request request, CertCache* cache) {
    LoadedFile b;
    b.file = std::move(body);
    load_certificates(b.file, b.certs, b.bad, cache);
    std::optional<LoadedFile> k;
    if (key) {
        k.emplace();
        k->file = std::move(*key);
        load_keys(k->file, k->keys);
    }
    std::optional<LoadedFile> c;
    if (chain) c = load_file(std::move(*chain), cache);
    return assemble_material(std::move(b), std::move(k), std::move(c), std::move(request));
}

}  // namespace certcheck
