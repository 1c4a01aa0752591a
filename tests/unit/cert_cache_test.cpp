// The run-wide CertCache: issuing relations are remembered by the certificates' identity (their
// SHA-256 fingerprints), never by the address of one it handed over and that was freed since.
#include <string>

#include <gtest/gtest.h>

#include "certcheck/load.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

std::string der_of(const std::string& pem_path) {
    const Material m = load(pem_path);
    EXPECT_NE(m.leaf(), nullptr) << pem_path;
    unsigned char* buf = nullptr;
    const int n = i2d_X509(m.leaf()->x509.get(), &buf);
    std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
    OPENSSL_free(buf);
    return out;
}

TEST(CertCache, ARelationIsRememberedByIdentityNotByAddress) {
    const std::string good = der_of(fixture("leaf.pem"));
    std::string bad = good;
    bad[bad.size() - 10] = static_cast<char>(bad[bad.size() - 10] ^ 0x01);  // inside the signature: same names, no longer verifies
    CertCache cache;
    std::string why;
    const auto issuer = cache.get(der_of(fixture("inter-ca.pem")), why);
    ASSERT_TRUE(issuer.has_value()) << why;
    X509* first_address = nullptr;
    {
        auto leaf = cache.get(good, why);  // a leaf: handed over, not kept
        ASSERT_TRUE(leaf.has_value()) << why;
        first_address = leaf->x509.get();
        EXPECT_TRUE(cache.issued_by(*leaf, *issuer));
    }
    // The freed leaf's address is usually handed to the next certificate of the same size: make
    // that likely, then ask about the tampered copy. Before the fix the pointer-keyed memo said
    // "issued by" for it whenever the address was reused.
    bool reused = false;
    for (int attempt = 0; attempt < 50; ++attempt) {
        auto tampered = cache.get(bad, why);
        ASSERT_TRUE(tampered.has_value()) << why;
        reused = reused || tampered->x509.get() == first_address;
        EXPECT_FALSE(cache.issued_by(*tampered, *issuer)) << "attempt " << attempt;
    }
    RecordProperty("address_reused", reused ? "yes" : "no");
    EXPECT_EQ(cache.size(), 1u);  // only the CA certificate is kept
}

}  // namespace
}  // namespace certcheck::test
