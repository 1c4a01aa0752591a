// acm-ocsp-url: an OCSP URL of 1,000 characters passes, 1,001 fails, no OCSP URL is not-applicable.
#include <string>

#include <gtest/gtest.h>

#include "support/forge.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

std::string with_ocsp(std::size_t length) {
    const std::string prefix = "http://ocsp.example.com/";
    const std::string url = prefix + std::string(length - prefix.size(), 'a');
    const auto ca = forge::rsa_key(2048);
    const auto leaf = forge::rsa_key(2048);
    forge::CertSpec spec;
    spec.subject_cn = "ocsp.example.com";
    spec.issuer_cn = "Forged CA";
    spec.ca = false;
    spec.ocsp_url = url;
    return forge::pem(forge::cert(spec, leaf.get(), ca.get()).get());
}

TEST(AcmOcspUrl, PassesAtOneThousandCharacters) {
    const Finding f = run_rule("acm-ocsp-url", load_bytes(with_ocsp(1000)));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "1 OCSP URL, the longest 1000 characters")) << f.message;
}

TEST(AcmOcspUrl, FailsAboveOneThousandCharacters) {
    const Finding f = run_rule("acm-ocsp-url", load_bytes(with_ocsp(1001)));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "1001 characters long; ACM accepts at most 1000")) << f.message;
    EXPECT_FALSE(has(f.message, "aaaaaaaaaa")) << "the URL itself is not quoted";
}

TEST(AcmOcspUrl, NotApplicableWithoutAnOcspUrl) {
    const Finding f = run_rule("acm-ocsp-url", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_TRUE(has(f.message, "names no OCSP responder")) << f.message;
    EXPECT_EQ(run_rule("acm-ocsp-url", load(fixture("garbage.bin"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
