// acm-ocsp-url: every OCSP responder URL in the certificate's authorityInfoAccess is at most 1,000 characters.
#include "rules/rules.hpp"

#include <openssl/x509v3.h>

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr std::size_t kMaxUrl = 1000;

constexpr RuleInfo kInfo{
    "acm-ocsp-url",
    Severity::Error,
    "Every OCSP URL in the certificate's Authority Information Access is at most 1,000 characters",
    "ACM API ImportCertificate (botocore model): the OCSP URL, if present, must not exceed 1000 characters "
    "(AWS-RULES.md 3 acm-ocsp-url)",
    "have the certificate reissued by a CA whose OCSP responder URL is 1,000 characters or shorter",
};

class AcmOcspUrl final : public Rule {
public:
    AcmOcspUrl() : Rule(kInfo, "no certificate in the body could be read") {}
    bool applies(const Material& m, const Context&) const override { return m.leaf() != nullptr; }
    Result check(const Material& m, const Context&) const override {
        const Certificate& leaf = *m.leaf();
        const auto where = at_file(m.body, leaf.line);
        STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(leaf.x509.get());
        ossl::clear_errors();
        const int n = urls != nullptr ? sk_OPENSSL_STRING_num(urls) : 0;
        std::size_t longest = 0;
        int longest_at = -1;
        for (int i = 0; i < n; ++i) {
            const std::size_t len = std::string_view{sk_OPENSSL_STRING_value(urls, i)}.size();
            if (len > longest) {
                longest = len;
                longest_at = i;
            }
        }
        X509_email_free(urls);
        if (n == 0) return Result::not_applicable(fmt::format("{} names no OCSP responder", leaf.label));
        if (longest > kMaxUrl) {
            // The URL itself is not quoted: it is too long to read in a message, and its length is the problem.
            return Result::fail(fmt::format("{}'s OCSP URL {} of {} is {} characters long; ACM accepts at most {}", leaf.label,
                                            longest_at + 1, n, longest, kMaxUrl),
                                where);
        }
        return Result::pass(fmt::format("{} OCSP URL{}, the longest {} characters (at most {})", n, n == 1 ? "" : "s", longest,
                                        kMaxUrl),
                            where);
    }
};

}  // namespace

// catalogue: 350
std::unique_ptr<Validator> make_acm_ocsp_url() { return std::make_unique<AcmOcspUrl>(); }

}  // namespace certcheck::rules
