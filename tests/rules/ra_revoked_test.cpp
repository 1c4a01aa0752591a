// ra-revoked: pass (CRLs that list other certificates), fail (a revoked certificate, a revoked
// intermediate, a CRL whose signature does not verify; a CRL from outside the hierarchy warns),
// not-applicable (no --crl; no path to the anchor).
#include <gtest/gtest.h>

#include <openssl/pem.h>

#include "support/roles_anywhere.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

std::string org(std::string_view rel) { return fixture("access/" + std::string{rel}); }

Finding revoked(const std::string& workload, std::initializer_list<std::string> crls, std::time_t at = kTestTime) {
    RaContext ra = ra_context(org("anchor.pem"));
    for (const std::string& c : crls) {
        for (Crl& crl : load_crls(c)) ra.inputs->crls.push_back(std::move(crl));
    }
    ra.ctx.at = at;
    const std::string dir = org("workloads/" + workload + "/");
    return run_rule("ra-revoked", load(dir + workload + ".pem", std::nullopt, dir + "chain.pem"), ra.ctx);
}

TEST(RaRevoked, PassesWhenTheCrlsListOtherCertificates) {
    const Finding f = revoked("web-1", {org("crl/issuing-ca.crl.pem"), org("crl/root.crl.pem")});
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "not revoked by 2 CRLs (CN=web-1 -> CN=Example Issuing CA -> CN=Example Root CA)")) << f.message;
}

TEST(RaRevoked, FailsForARevokedCertificate) {
    const Finding f = revoked("web-3", {org("crl/issuing-ca.crl.pem")});
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "CN=web-3 (serial")) << f.message;
    EXPECT_TRUE(has(f.message, "is revoked by the CRL in " + org("crl/issuing-ca.crl.pem"))) << f.message;
    EXPECT_TRUE(has(f.message, "since 2029-01-01T00:00:00Z")) << f.message;
}

TEST(RaRevoked, FailsForARevokedIntermediate) {
    const Finding f = revoked("legacy-1", {org("crl/issuing-ca.crl.pem"), org("crl/root.crl.pem")});
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "the intermediate CN=Example Legacy CA")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "intermediate CA that is not revoked")) << *f.hint;
}

TEST(RaRevoked, WarnsForACrlFromOutsideTheHierarchy) {
    const Finding f = revoked("web-1", {org("crl/other-ca.crl.pem")});
    EXPECT_EQ(f.status, Status::Warn) << f.message;
    EXPECT_TRUE(has(f.message, org("crl/other-ca.crl.pem") + ": the CRL issued by CN=Other Root CA")) << f.message;
}

TEST(RaRevoked, FailsForACrlWhoseSignatureDoesNotVerify) {
    // The issuing CA's CRL with one byte of its signature changed: it names a CA on the path, but
    // that CA's key does not verify it.
    std::vector<Crl> crls = load_crls(org("crl/issuing-ca.crl.pem"));
    ASSERT_EQ(crls.size(), 1u);
    unsigned char* der = nullptr;
    const int len = i2d_X509_CRL(crls[0].crl.get(), &der);
    ASSERT_GT(len, 10);
    der[len - 5] ^= 0x01;
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    const unsigned char* p = der;
    X509_CRL* tampered = d2i_X509_CRL(nullptr, &p, len);
    OPENSSL_free(der);
    ASSERT_NE(tampered, nullptr);
    PEM_write_bio_X509_CRL(bio.get(), tampered);
    X509_CRL_free(tampered);
    char* pem = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &pem);
    const std::string path = temp_dir().write("tampered.crl.pem", std::string(pem, static_cast<std::size_t>(n)));
    const Finding f = revoked("web-3", {path});
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "does not verify its signature")) << f.message;
}

TEST(RaRevoked, NotApplicableWithoutACrlOrWithoutAPath) {
    EXPECT_EQ(revoked("web-3", {}).status, Status::NotApplicable);
    // Expired at --at: no path, so ra-chain-to-anchor reports it and revocation is not judged.
    const Finding f = revoked("old-1", {org("crl/issuing-ca.crl.pem")});
    EXPECT_EQ(f.status, Status::NotApplicable) << f.message;
}

}  // namespace
}  // namespace certcheck::test
