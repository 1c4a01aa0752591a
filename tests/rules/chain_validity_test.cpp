// chain-validity: pass, fail (expired and not-yet-valid chain certificates at the checked time, issuers
// that may not issue, name constraints), not-applicable.
#include <ctime>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/forge.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Context context_at(std::time_t at) {
    Context ctx = test_context();
    ctx.at = at;
    return ctx;
}

constexpr std::time_t k2024_06_01 = 1717200000;  // 2024-06-01T00:00:00Z, before the fixtures' notBefore
constexpr std::time_t k2026_11_24 = 1795478400;  // 2026-11-24T00:00:00Z

TEST(ChainValidity, PassesWhenEveryChainCertificateIsValid) {
    const Finding f = run_rule("chain-validity", load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "all 2 chain certificates are valid at 2030-01-01T00:00:00Z")) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    const Finding one = run_rule("chain-validity", load(fixture("leaf.pem"), std::nullopt, fixture("chain-no-root.pem")));
    EXPECT_EQ(one.message, "the chain certificate is valid at 2030-01-01T00:00:00Z");  // not "all 1 chain certificate is"
}

TEST(ChainValidity, FailsOnAnExpiredIntermediate) {
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("chain-expired-inter.pem"));
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_TRUE(has(f.message, "chain[0]")) << f.message;
    EXPECT_TRUE(has(f.message, "certcheck Test Intermediate CA")) << f.message;
    EXPECT_TRUE(has(f.message, "expired on 2021-01-01T00:00:00Z")) << f.message;
    EXPECT_TRUE(has(f.message, "checked at 2030-01-01T00:00:00Z")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
}

TEST(ChainValidity, FailsOnAnExpiredCertificateLaterInTheChain) {
    const Material m = load_bytes(read_file(fixture("leaf.pem")), std::nullopt,
                                  read_file(fixture("chain.pem")) + read_file(fixture("expired-inter.pem")));
    ASSERT_EQ(m.chain_certs.size(), 3u);
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, m.chain_certs[2].line);
    EXPECT_TRUE(has(f.message, "chain[2]")) << f.message;
}

TEST(ChainValidity, FailsBeforeNotBefore) {
    const Finding f = run_rule("chain-validity", load(fixture("leaf.pem"), std::nullopt, fixture("chain.pem")),
                               context_at(k2024_06_01));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "chain[0]")) << f.message;
    EXPECT_TRUE(has(f.message, "not valid until 2025-01-01T00:00:00Z")) << f.message;
    EXPECT_TRUE(has(f.message, "checked at 2024-06-01T00:00:00Z")) << f.message;
}

TEST(ChainValidity, JudgesAtTheContextTimeNotNow) {
    // The expired intermediate alone was valid in 2020 (the root only from 2025).
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("expired-inter.pem"));
    const Finding f = run_rule("chain-validity", m, context_at(1593561600));  // 2020-07-01T00:00:00Z
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "2020-07-01T00:00:00Z")) << f.message;
    EXPECT_EQ(run_rule("chain-validity", m).status, Status::Error);
}

TEST(ChainValidity, CfsslExpiredIntermediate) {
    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    // derived/chain-expired-intermediate.pem: inter-L2 (to 2028), inter-L1-expired (2014), ca (to 2035).
    const Material m = cfssl_material({"inter-L2", "inter-L1-expired", "ca"});
    const Finding f = run_rule("chain-validity", m, context_at(k2026_11_24));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "chain[1]")) << f.message;
    EXPECT_TRUE(has(f.message, "expired on 2014-")) << f.message;
    // At 2030 inter-L2 (notAfter 2028) is the first one out of date.
    const Finding later = run_rule("chain-validity", m);
    EXPECT_EQ(later.status, Status::Error);
    EXPECT_TRUE(has(later.message, "chain[0]")) << later.message;
    EXPECT_TRUE(has(later.message, "expired on 2028-")) << later.message;
}

// A CA certificate's spec: basicConstraints and keyUsage as an openssl.cnf section writes them.
forge::CertSpec ca_spec(const std::string& cn, const std::string& basic_constraints, const std::string& key_usage = "") {
    forge::CertSpec spec;
    spec.subject_cn = cn;
    spec.basic_constraints = basic_constraints;
    spec.key_usage = key_usage;
    return spec;
}

// root -> the CAs of `cas` (each issued by the one before) -> leaf, the chain file in issuing
// order with the root last, as `openssl x509 -req -extfile` makes them.
Material issued_under(const std::vector<forge::CertSpec>& cas, forge::CertSpec leaf_spec = ca_spec("www.example.com", "critical,CA:FALSE")) {
    ossl::PkeyPtr signer = forge::ec_key();
    const ossl::X509Ptr root = forge::cert(ca_spec("Forged Root", "critical,CA:TRUE", "critical,keyCertSign,cRLSign"), signer.get(),
                                           signer.get());
    std::string chain = forge::pem(root.get());
    std::string issuer = "Forged Root";
    for (forge::CertSpec spec : cas) {
        spec.issuer_cn = issuer;
        ossl::PkeyPtr key = forge::ec_key();
        const ossl::X509Ptr ca = forge::cert(spec, key.get(), signer.get());
        chain.insert(0, forge::pem(ca.get()));
        issuer = spec.subject_cn;
        signer = std::move(key);
    }
    leaf_spec.issuer_cn = issuer;
    ossl::PkeyPtr leaf_key = forge::ec_key();
    const ossl::X509Ptr leaf = forge::cert(leaf_spec, leaf_key.get(), signer.get());
    return load_bytes(forge::pem(leaf.get()), std::nullopt, chain);
}

TEST(ChainValidity, FailsWhenAnIntermediateIsNotACa) {
    // openssl verify: "error 79 at 1 depth lookup: invalid CA certificate"; every signature verifies.
    const Material m = issued_under({ca_spec("Not A CA", "critical,CA:FALSE")});
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_EQ(f.line, m.chain_certs[0].line);
    EXPECT_TRUE(has(f.message, "chain[0] (CN=Not A CA")) << f.message;
    EXPECT_TRUE(has(f.message, "is not a CA certificate (basicConstraints CA:FALSE); it issued the body (CN=www.example.com)")) << f.message;
}

TEST(ChainValidity, FailsWhenAnIntermediatesKeyUsageLacksKeyCertSign) {
    const Material m = issued_under({ca_spec("Signing Only CA", "critical,CA:TRUE", "critical,digitalSignature")});
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_TRUE(has(f.message, "chain[0] (CN=Signing Only CA")) << f.message;
    EXPECT_TRUE(has(f.message, "has a keyUsage without keyCertSign")) << f.message;
}

TEST(ChainValidity, FailsWhenAPathLengthConstraintIsExceeded) {
    // openssl verify: "error 25 at 2 depth lookup: path length constraint exceeded".
    const Material m = issued_under({ca_spec("Policy CA", "critical,CA:TRUE,pathlen:0"), ca_spec("Issuing CA", "critical,CA:TRUE")});
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_EQ(f.line, m.chain_certs[1].line);
    EXPECT_TRUE(has(f.message, "chain[1] (CN=Policy CA")) << f.message;
    EXPECT_TRUE(has(f.message, "allows 0 CA certificates below it (pathlen:0) but the path has 1; it issued chain[0] (CN=Issuing CA"))
        << f.message;
}

TEST(ChainValidity, PassesWhenEveryIssuerMayIssue) {
    const Material m = issued_under({ca_spec("Policy CA", "critical,CA:TRUE,pathlen:1", "critical,keyCertSign,cRLSign"),
                                     ca_spec("Issuing CA", "critical,CA:TRUE,pathlen:0")});
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

// ---- name constraints (openssl verify: "error 47 ... permitted subtree violation", "error 48 ...
// excluded subtree violation"; every signature verifies)

forge::CertSpec constrained_ca(const std::string& cn, const std::string& name_constraints) {
    forge::CertSpec spec = ca_spec(cn, "critical,CA:TRUE", "critical,keyCertSign,cRLSign");
    spec.name_constraints = name_constraints;
    return spec;
}

forge::CertSpec server(const std::string& cn, const std::vector<std::string>& dns, const std::vector<std::string>& ip = {}) {
    forge::CertSpec spec = ca_spec(cn, "critical,CA:FALSE");
    spec.dns_sans = dns;
    spec.ip_sans = ip;
    return spec;
}

TEST(ChainValidity, FailsWhenALeafNameIsOutsideAnIntermediatesPermittedNames) {
    const Material m = issued_under({constrained_ca("Corp CA", "critical,permitted;DNS:.corp.example")},
                                    server("www.corp.example", {"www.corp.example", "www.other.example"}));
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_EQ(f.line, m.chain_certs[0].line);
    EXPECT_TRUE(has(f.message,
                    "chain[0] (CN=Corp CA, line 1) has name constraints whose permitted subtrees do not include "
                    "DNS:www.other.example, a name of the body (CN=www.corp.example)"))
        << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "permitted subtrees")) << *f.hint;
}

TEST(ChainValidity, FailsWhenALeafNameIsExcluded) {
    const Material m = issued_under({constrained_ca("Corp CA", "critical,permitted;DNS:.corp.example,excluded;DNS:secret.corp.example")},
                                    server("secret.corp.example", {"secret.corp.example"}));
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_TRUE(has(f.message, "has name constraints that exclude DNS:secret.corp.example, a name of the body")) << f.message;
}

TEST(ChainValidity, NameConstraintsBindEveryCertificateBelowNotOnlyTheNextOne) {
    // The policy CA's constraints reach the leaf through an unconstrained issuing CA.
    const Material m = issued_under({constrained_ca("Policy CA", "critical,permitted;DNS:.corp.example"),
                                     ca_spec("Issuing CA", "critical,CA:TRUE,pathlen:0")},
                                    server("www.other.example", {"www.other.example"}));
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_EQ(f.line, m.chain_certs[1].line);
    EXPECT_TRUE(has(f.message, "chain[1] (CN=Policy CA")) << f.message;
    EXPECT_TRUE(has(f.message, "DNS:www.other.example, a name of the body (CN=www.other.example)")) << f.message;
}

TEST(ChainValidity, ALeafWithoutDnsNamesHasItsCnJudgedAsAHostName) {
    const Material m = issued_under({constrained_ca("Corp CA", "critical,permitted;DNS:.corp.example")}, server("www.other.example", {}));
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_TRUE(has(f.message, "its CN www.other.example (read as a host name: it has no DNS subjectAltName)")) << f.message;
}

TEST(ChainValidity, AnIpAddressOutsideThePermittedRangeIsNamed) {
    const Material m = issued_under({constrained_ca("Lab CA", "critical,permitted;IP:192.0.2.0/255.255.255.0")},
                                    server("lab", {}, {"192.0.2.10", "198.51.100.7"}));
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_TRUE(has(f.message, "do not include IP:198.51.100.7, a name of the body")) << f.message;
}

TEST(ChainValidity, PassesWhenEveryNameIsInsideTheConstraints) {
    // A DNS constraint says nothing of IP addresses (RFC 5280 4.2.1.10: each name type apart).
    const Material m = issued_under({constrained_ca("Corp CA", "critical,permitted;DNS:.corp.example,excluded;DNS:secret.corp.example")},
                                    server("www.corp.example", {"www.corp.example", "api.corp.example"}, {"192.0.2.10"}));
    const Finding f = run_rule("chain-validity", m);
    EXPECT_EQ(f.status, Status::Pass) << f.message;
}

TEST(ChainValidity, AppliesWithoutAReadableBody) {
    const Finding f = run_rule("chain-validity", load(fixture("garbage.bin"), std::nullopt, fixture("chain-expired-inter.pem")));
    EXPECT_EQ(f.status, Status::Error) << f.message;
}

TEST(ChainValidity, NotApplicableWithoutAReadableChain) {
    EXPECT_EQ(run_rule("chain-validity", load(fixture("leaf.pem"))).status, Status::NotApplicable);
    EXPECT_EQ(run_rule("chain-validity", load(fixture("leaf.pem"), std::nullopt, fixture("garbage.bin"))).status,
              Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
