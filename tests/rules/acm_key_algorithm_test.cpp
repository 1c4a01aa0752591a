// acm-key-algorithm: every RSA size and EC curve ACM imports passes; other sizes, curves and
// algorithms fail; not-applicable without a readable certificate.
#include <gtest/gtest.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Finding alg(const std::string& cert) { return run_rule("acm-key-algorithm", load(cert)); }

TEST(AcmKeyAlgorithm, PassesForEachRsaSizeAcmImports) {
    for (const auto& [cert, words] : {std::pair{fixture("rsa1024-leaf.pem"), "RSA 1024-bit"}, std::pair{fixture("leaf.pem"), "RSA 2048-bit"},
                                      std::pair{pfixture("acm-rsa3072.pem"), "RSA 3072-bit"},
                                      std::pair{fixture("rsa4096-leaf.pem"), "RSA 4096-bit"}}) {
        const Finding f = alg(cert);
        EXPECT_EQ(f.status, Status::Pass) << cert << ": " << f.message;
        EXPECT_TRUE(has(f.message, words)) << f.message;
    }
}

TEST(AcmKeyAlgorithm, PassesForEachEcCurveAcmImports) {
    for (const auto& [cert, words] : {std::pair{fixture("ec-leaf.pem"), "EC P-256"}, std::pair{pfixture("acm-secp384r1.pem"), "EC P-384"},
                                      std::pair{pfixture("acm-secp521r1.pem"), "EC P-521"}}) {
        const Finding f = alg(cert);
        EXPECT_EQ(f.status, Status::Pass) << cert << ": " << f.message;
        EXPECT_TRUE(has(f.message, words)) << f.message;
    }
}

TEST(AcmKeyAlgorithm, FailsForOtherSizesCurvesAndAlgorithms) {
    const Finding big = alg(fixture("rsa6144-leaf.pem"));
    EXPECT_EQ(big.status, Status::Error);
    EXPECT_TRUE(has(big.message, "RSA 6144-bit")) << big.message;
    ASSERT_TRUE(big.hint.has_value());
    EXPECT_TRUE(has(*big.hint, "2048")) << *big.hint;
    const Finding k1 = alg(pfixture("acm-secp256k1.pem"));
    EXPECT_EQ(k1.status, Status::Error);
    EXPECT_TRUE(has(k1.message, "secp256k1")) << k1.message;
    const Finding ed = alg(pfixture("acm-ed25519.pem"));
    EXPECT_EQ(ed.status, Status::Error);
    EXPECT_TRUE(has(ed.message, "ED25519")) << ed.message;
}

TEST(AcmKeyAlgorithm, NotApplicableWithoutACertificate) {
    EXPECT_EQ(alg(fixture("garbage.bin")).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
