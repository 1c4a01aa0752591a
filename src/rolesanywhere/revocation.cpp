// Can a certificate authenticate to Roles Anywhere: the PKIX path to the trust anchor and the
// imported CRLs (AWS-RULES.md 5a ra-chain-to-anchor, ra-chain-header, ra-revocation).
#include <fmt/format.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "certcheck/load.hpp"
#include "certcheck/openssl.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "common/x509util.hpp"
#include "openssl/bio.hpp"

namespace certcheck {
namespace {

struct StackDeleter {
    void operator()(STACK_OF(X509) * s) const noexcept { sk_X509_free(s); }
};

std::string name_line(const X509_NAME* name) {
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "(unreadable name)";
    return ossl::bio_text(bio.get());
}

std::string serial_text(X509* x) {
    const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
    std::string hex;
    const unsigned char* d = ASN1_STRING_get0_data(serial);
    for (int i = 0; i < ASN1_STRING_length(serial); ++i) hex += fmt::format("{:02x}", d[i]);
    return hex;
}

// The certificate among `certs` whose subject is the CRL's issuer and whose key verifies it.
X509* crl_signer(const Crl& c, const std::vector<X509*>& certs) {
    for (X509* x : certs) {
        if (X509_NAME_cmp(X509_CRL_get_issuer(c.crl.get()), X509_get_subject_name(x)) != 0) continue;
        EVP_PKEY* key = X509_get0_pubkey(x);
        const bool ok = key != nullptr && X509_CRL_verify(c.crl.get(), key) == 1;
        ossl::clear_errors();
        if (ok) return x;
    }
    return nullptr;
}

bool names_issuer(const Crl& c, const std::vector<X509*>& certs) {
    for (X509* x : certs) {
        if (X509_NAME_cmp(X509_CRL_get_issuer(c.crl.get()), X509_get_subject_name(x)) == 0) return true;
    }
    return false;
}

}  // namespace

PathCheck verify_to_anchor(X509* leaf, const std::vector<X509*>& chain, const std::vector<Certificate>& anchors, std::time_t at) {
    PathCheck r;
    ossl::clear_errors();
    ossl::StorePtr store{X509_STORE_new()};
    std::unique_ptr<STACK_OF(X509), StackDeleter> untrusted{sk_X509_new_null()};
    ossl::StoreCtxPtr vctx{X509_STORE_CTX_new()};
    if (!store || !untrusted || !vctx) throw std::runtime_error("out of memory building the verification context");
    for (const Certificate& c : anchors) X509_STORE_add_cert(store.get(), c.x509.get());
    for (X509* c : chain) sk_X509_push(untrusted.get(), c);
    if (X509_STORE_CTX_init(vctx.get(), store.get(), leaf, untrusted.get()) != 1) {
        throw std::runtime_error("cannot initialise certificate verification: " + ossl::drain_errors());
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(vctx.get());
    X509_VERIFY_PARAM_set_time(param, at);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    X509_VERIFY_PARAM_set_depth(param, 32);
    const int ok = X509_verify_cert(vctx.get());
    const int err = X509_STORE_CTX_get_error(vctx.get());
    const int depth = X509_STORE_CTX_get_error_depth(vctx.get());
    X509* fault = X509_STORE_CTX_get_current_cert(vctx.get());
    if (ok != 1) {
        r.error = err;
        r.verify_error = fmt::format("{} (at {}, depth {})", X509_verify_cert_error_string(err),
                                     fault != nullptr ? x509::short_label(fault) : x509::short_label(leaf), depth);
        r.why = "no path to the trust anchor: " + r.verify_error;
        ossl::clear_errors();
        return r;
    }
    STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(vctx.get());
    for (int i = 0; built != nullptr && i < sk_X509_num(built); ++i) r.path.push_back(ossl::share(sk_X509_value(built, i)));
    ossl::clear_errors();
    if (static_cast<int>(r.path.size()) > kMaxRolesAnywherePath) {
        r.why = fmt::format("the path to the trust anchor has {} certificates ({}); Roles Anywhere accepts at most {}",
                            r.path.size(), r.path_text(), kMaxRolesAnywherePath);
        return r;
    }
    r.trusted = true;
    return r;
}

std::string PathCheck::path_text() const {
    std::string out;
    for (const auto& x : path) out += (out.empty() ? "" : " -> ") + x509::short_label(x.get());
    return out;
}

std::vector<Crl> load_crls(const std::string& path) {
    const std::string bytes = read_file_bytes(path);
    const PemScan scan = scan_pem(bytes);
    std::vector<Crl> out;
    for (const PemBlock& b : scan.blocks) {
        if (!b.ok()) throw InputError(fmt::format("{}: line {}: {}", path, b.problem_line, *b.problem));
        if (b.label != "X509 CRL") {
            throw InputError(fmt::format("{}: line {}: a {} block; --crl takes PEM CRLs (BEGIN X509 CRL) only", path, b.begin_line, b.label));
        }
        const std::string& der = b.der;
        const auto* p = reinterpret_cast<const unsigned char*>(der.data());
        X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
        if (crl == nullptr || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
            X509_CRL_free(crl);
            throw InputError(fmt::format("{}: line {}: the CRL does not parse: {}", path, b.begin_line, ossl::drain_errors("trailing bytes")));
        }
        out.push_back(Crl{path, std::shared_ptr<X509_CRL>(crl, X509_CRL_free), name_line(X509_CRL_get_issuer(crl))});
    }
    if (out.empty()) throw InputError(fmt::format("{}: no PEM CRL (BEGIN X509 CRL) in the file", path));
    return out;
}

PathCheck check_path(X509* leaf, const std::vector<Certificate>& chain, const std::vector<Certificate>& anchors,
                     const std::vector<Crl>& crls, std::time_t at) {
    std::vector<X509*> untrusted;
    untrusted.reserve(chain.size());
    for (const Certificate& c : chain) untrusted.push_back(c.x509.get());
    PathCheck r = verify_to_anchor(leaf, untrusted, anchors, at);
    if (!r.trusted || crls.empty()) return r;
    // The CA certificates of this path: an anchor CRL's signer is the anchor, an intermediate's its CA.
    std::vector<X509*> cas;
    for (std::size_t i = 1; i < r.path.size(); ++i) cas.push_back(r.path[i].get());
    for (const Crl& c : crls) {
        // A CRL from another branch of the hierarchy is foreign_crls' business, not this path's.
        if (names_issuer(c, cas) && crl_signer(c, cas) == nullptr) {
            r.crl_errors.push_back(fmt::format(
                "{}: the CRL names {} as its issuer but that certificate's key does not verify its signature", c.path, c.issuer));
        }
    }
    for (std::size_t i = 0; i + 1 < r.path.size() && !r.revoked; ++i) {
        X509* cert = r.path[i].get();
        X509* issuer = r.path[i + 1].get();
        for (const Crl& c : crls) {
            if (crl_signer(c, {issuer}) == nullptr) continue;
            X509_REVOKED* entry = nullptr;
            if (X509_CRL_get0_by_cert(c.crl.get(), &entry, cert) == 1 && entry != nullptr) {
                const auto when = x509::to_time(X509_REVOKED_get0_revocationDate(entry));
                r.revoked = fmt::format("{}{} (serial {}) is revoked by the CRL in {} (issued by {}{})", i == 0 ? "" : "the intermediate ",
                                        x509::short_label(cert), serial_text(cert), c.path, c.issuer,
                                        when ? ", since " + x509::format_time(*when) : std::string{});
                r.revoked_intermediate = i > 0;
                break;
            }
        }
        ossl::clear_errors();
    }
    return r;
}

std::vector<std::string> foreign_crls(const std::vector<Crl>& crls, const std::vector<Certificate>& anchors,
                                      const std::vector<Certificate>& cas, std::time_t at) {
    std::vector<X509*> signers;
    signers.reserve(anchors.size() + cas.size());
    for (const Certificate& a : anchors) signers.push_back(a.x509.get());
    std::vector<X509*> pool;
    pool.reserve(cas.size());
    for (const Certificate& o : cas) pool.push_back(o.x509.get());
    for (X509* c : pool) {
        if (X509_check_ca(c) != 0 && verify_to_anchor(c, pool, anchors, at).trusted) signers.push_back(c);
    }
    std::vector<std::string> out;
    for (const Crl& c : crls) {
        if (crl_signer(c, signers) == nullptr) {
            out.push_back(fmt::format(
                "{}: the CRL issued by {} is not from the trust anchor's hierarchy (neither the anchor nor an "
                "intermediate that chains to it signed it)",
                c.path, c.issuer));
        }
    }
    return out;
}

}  // namespace certcheck
