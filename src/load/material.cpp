// Turning classified files into certificates, keys and the chain's relation to the body.
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

// For each chain certificate, the index of its first identical copy: a file may repeat a few
// certificates thousands of times, and copies share their issuing relations.
std::vector<int> first_copies(const std::vector<Certificate>& chain) {
    std::vector<int> first(chain.size());
    std::unordered_map<std::string, std::vector<int>> by_digest;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        X509* x = chain[i].x509.get();
        std::string digest(EVP_MAX_MD_SIZE, '\0');
        unsigned int len = 0;
        // SHA-1 is cached by OpenSSL when the certificate is parsed; X509_cmp confirms a match.
        if (X509_digest(x, EVP_sha1(), reinterpret_cast<unsigned char*>(digest.data()), &len) == 1) digest.resize(len);
        else digest.clear();
        first[i] = static_cast<int>(i);
        auto& seen = by_digest[digest];
        for (const int j : seen) {
            if (x509::same_cert(x, chain[static_cast<std::size_t>(j)].x509.get())) {
                first[i] = j;
                break;
            }
        }
        if (first[i] == static_cast<int>(i)) seen.push_back(first[i]);
    }
    ossl::clear_errors();
    return first;
}

// Issuing relations, computed on demand: "did chain[j] issue x?" costs a signature check, done
// once per pair of distinct certificates.
class IssuerCache {
public:
    IssuerCache(X509* body, const std::vector<Certificate>& chain, CertCache* shared)
        : body_(body), chain_(chain), shared_(shared), first_(first_copies(chain)) {}

    // child == -1 means the body.
    bool issued(int parent, int child) {
        parent = first(parent);
        child = first(child);
        const auto key = std::make_pair(parent, child);
        if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
        bool ok = false;
        if (parent == child) ok = chain_[static_cast<std::size_t>(parent)].self_signed;
        else if (child >= 0 && shared_ != nullptr) ok = shared_->issued_by(cert(child), cert(parent));
        else ok = x509::issued_by(cert(child), cert(parent));
        memo_.emplace(key, ok);
        return ok;
    }
    X509* cert(int i) const { return i < 0 ? body_ : chain_[static_cast<std::size_t>(i)].x509.get(); }
    // The index of i's first identical copy in the chain (i itself when it has none before it).
    int first(int i) const { return i < 0 ? i : first_[static_cast<std::size_t>(i)]; }

private:
    X509* body_;
    const std::vector<Certificate>& chain_;
    CertCache* shared_;
    std::vector<int> first_;
    std::map<std::pair<int, int>, bool> memo_;
};

ChainAnalysis analyse_chain(const Certificate& leaf, const std::vector<Certificate>& chain, CertCache* shared) {
    X509* body = leaf.x509.get();
    ChainAnalysis a;
    IssuerCache cache(body, chain, shared);
    const int n = static_cast<int>(chain.size());
    std::vector<bool> used(chain.size(), false);
    for (int i = 0; i < n; ++i) {
        if (x509::same_cert(chain[static_cast<std::size_t>(i)].x509.get(), body)) {
            a.leaf_copies.push_back(i);
            used[static_cast<std::size_t>(i)] = true;
        }
    }
    // The issuing path: from the body, repeatedly take the certificate that issued the last one,
    // preferring the next one in file order, then the earliest.
    // A copy of a certificate already on the path is never taken again (a cycle would repeat).
    int current = -1;
    std::vector<bool> on_path(chain.size(), false);  // by first copy
    const auto available = [&](int j) {
        return !used[static_cast<std::size_t>(j)] && !on_path[static_cast<std::size_t>(cache.first(j))];
    };
    a.path_reaches_root = leaf.self_signed;
    while (!a.path_reaches_root) {
        int pick = -1;
        const int preferred = current + 1;
        if (preferred < n && available(preferred) && cache.issued(preferred, current)) {
            pick = preferred;
        } else {
            for (int j = 0; j < n; ++j) {
                if (available(j) && cache.issued(j, current)) {
                    pick = j;
                    break;
                }
            }
        }
        if (pick < 0) break;
        used[static_cast<std::size_t>(pick)] = true;
        on_path[static_cast<std::size_t>(cache.first(pick))] = true;
        a.path.push_back(pick);
        current = pick;
        a.path_reaches_root = cache.issued(pick, pick);
    }
    // When the path breaks before a root, certificates above the gap cannot be placed: a root, or
    // a CA linked to another leftover certificate, may well belong there. Only the rest is extra.
    std::vector<int> left;
    for (int i = 0; i < n; ++i) {
        if (!used[static_cast<std::size_t>(i)]) left.push_back(i);
    }
    for (const int i : left) {
        bool above_gap = false;
        if (!a.path_reaches_root) {
            const bool duplicate = cache.first(i) != i;
            above_gap = !duplicate && (cache.issued(i, i) || std::any_of(left.begin(), left.end(), [&](int j) {
                                           return j != i && (cache.issued(j, i) || cache.issued(i, j));
                                       }));
        }
        (above_gap ? a.beyond_gap : a.extras).push_back(i);
    }
    for (int i = 0; i < n; ++i) {
        if (!cache.issued(i, i - 1)) {
            a.first_bad = i;
            break;
        }
    }
    return a;
}

}  // namespace

bool PemBlock::encrypted() const noexcept {
    if (label == "ENCRYPTED PRIVATE KEY") return true;
    return std::any_of(headers.begin(), headers.end(), [](const PemHeader& h) {
        return h.name == "Proc-Type" && h.value.find("ENCRYPTED") != std::string::npos;
    });
}

const PrivateKey* Material::usable_key() const noexcept {
    if (keys.size() != 1 || !keys.front().pkey) return nullptr;
    return &keys.front();
}

LoadedFile load_file(InputFile f, CertCache* cache) {
    LoadedFile out;
    out.file = std::move(f);
    load_certificates(out.file, out.certs, out.bad, cache);
    load_keys(out.file, out.keys);
    ossl::clear_errors();
    return out;
}

Material assemble_material(LoadedFile body, std::optional<LoadedFile> key, std::optional<LoadedFile> chain,
                           Request request, CertCache* cache) {
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
    if (m.leaf() != nullptr && !m.chain_certs.empty()) {
        m.chain_analysis = analyse_chain(*m.leaf(), m.chain_certs, cache);
    }
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
    return assemble_material(std::move(b), std::move(k), std::move(c), std::move(request), cache);
}

}  // namespace certcheck
