// body-single-cert: the body holds exactly one certificate (the leaf).
#include "rules/rules.hpp"

#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>

#include "common/x509util.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "body-single-cert",
    Severity::Error,
    "The certificate body holds exactly one certificate",
    "IAM User Guide: the body is the end-entity certificate and the chain goes in --certificate-chain; AWS "
    "rewrites a multi-certificate body and ACM rejects it (AWS-RULES.md 1b iam-single-cert-body, 3 acm-single-cert)",
    "put only the leaf certificate in the body and the intermediates in --certificate-chain (certcheck fix splits them)",
};

// The certificates inside a PKCS#7 bundle (PEM PKCS7 blocks, or a DER file): body-pem reports the
// bundle itself, so here it counts as the certificates it holds (one cause, one finding). -1: none.
int pkcs7_certificates(const InputFile& f) {
    auto count = [](std::string_view der) {
        const auto* p = reinterpret_cast<const unsigned char*>(der.data());
        PKCS7* p7 = d2i_PKCS7(nullptr, &p, static_cast<long>(der.size()));
        int n = -1;
        if (p7 != nullptr && PKCS7_type_is_signed(p7) && p7->d.sign != nullptr) {
            n = p7->d.sign->cert != nullptr ? sk_X509_num(p7->d.sign->cert) : 0;
        }
        PKCS7_free(p7);
        ossl::clear_errors();
        return n;
    };
    if (f.encoding == Encoding::Der && f.der_kind == DerKind::Pkcs7) return count(f.data);
    int total = -1;
    for (const PemBlock& b : f.blocks) {
        if ((b.label == "PKCS7" || b.label == "PKCS #7 SIGNED DATA") && b.ok()) {
            if (const int n = count(b.der); n >= 0) total = (total < 0 ? 0 : total) + n;
        }
    }
    return total;
}

class BodySingleCert final : public Rule {
public:
    BodySingleCert() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        const std::size_t count = m.body_certs.size() + m.body_bad.size();
        if (count == 0) {
            const int bundled = pkcs7_certificates(m.body);
            if (bundled == 1) return Result::pass("one certificate, inside a PKCS#7 bundle (see body-pem)", at_file(m.body));
            if (bundled > 1) {
                return Result::fail(fmt::format("the body holds {} certificates, in a PKCS#7 bundle (a full chain, not the leaf alone)",
                                                bundled),
                                    at_file(m.body));
            }
            return Result::fail("the body holds no certificate", at_file(m.body));
        }
        if (count == 1) {
            return Result::pass(fmt::format("one certificate: {}", m.body_certs.empty() ? "unparseable" : m.body_certs[0].label),
                                at_file(m.body, m.body_certs.empty() ? 0 : m.body_certs[0].line));
        }
        std::string detail;
        if (m.body_certs.size() >= 2) {
            X509* first = m.body_certs[0].x509.get();
            X509* second = m.body_certs[1].x509.get();
            if (x509::issued_by(first, second)) {
                detail = fmt::format("; it looks like a full chain: {} then its issuer {}", m.body_certs[0].label,
                                     m.body_certs[1].label);
            } else if (x509::issued_by(second, first)) {
                // Issuer first: walk down while each certificate issued the next; the last one reached is the
                // lowest (the leaf, unless the body holds CA certificates only).
                std::size_t low = 1;
                while (low + 1 < m.body_certs.size() &&
                       x509::issued_by(m.body_certs[low + 1].x509.get(), m.body_certs[low].x509.get())) {
                    ++low;
                }
                const Certificate& c = m.body_certs[low];
                const bool ca = X509_check_ca(c.x509.get()) != 0;
                detail = ca ? fmt::format(
                                  "; it looks like CA certificates in reverse order (issuer first) and no leaf: "
                                  "the lowest, {}, is at line {}",
                                  c.label, c.line)
                            : fmt::format("; it looks like a reversed chain: the leaf {} is at line {}", c.label, c.line);
            }
        }
        const int second_line = m.body_certs.size() >= 2 ? m.body_certs[1].line : 0;
        return Result::fail(fmt::format("the body holds {} certificates{}", count, detail), at_file(m.body, second_line));
    }
};

}  // namespace

// catalogue: 20
std::unique_ptr<Validator> make_body_single_cert() { return std::make_unique<BodySingleCert>(); }

}  // namespace certcheck::rules
