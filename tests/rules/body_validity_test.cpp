// body-validity: pass (inside the window, both ends inclusive), fail (expired, not yet valid,
// judged at the context's --at, never at "now"), and not-applicable (no readable certificate).
#include <gtest/gtest.h>

#include <ctime>
#include <stdexcept>
#include <string>

#include "common/x509util.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

Context context_at(const std::string& rfc3339) {
    Context ctx = test_context();
    const auto t = x509::parse_time(rfc3339);
    if (!t) throw std::runtime_error("bad test time " + rfc3339);
    ctx.at = *t;
    return ctx;
}

TEST(BodyValidity, PassesInsideTheWindowNamingBothEndsAndTheCheckedTime) {
    const Finding f = run_rule("body-validity", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("2025-01-01T00:00:00Z"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("2099-12-31T23:59:59Z"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find(kTestAt), std::string::npos) << f.message;
    EXPECT_FALSE(f.hint.has_value());
}

TEST(BodyValidity, FailsOnAnExpiredCertificate) {
    const Finding f = run_rule("body-validity", load(fixture("expired.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("expired on 2021-01-01T00:00:00Z"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find(kTestAt), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("renew"), std::string::npos) << *f.hint;
}

TEST(BodyValidity, FailsOnACertificateNotYetValid) {
    const Finding f = run_rule("body-validity", load(fixture("notyet.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("not valid until 2090-01-01T00:00:00Z"), std::string::npos) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("notBefore"), std::string::npos) << *f.hint;
}

TEST(BodyValidity, JudgesAtTheContextTime) {
    // The same valid leaf fails one second before notBefore and one second after notAfter.
    const Material leaf = load(fixture("leaf.pem"));
    const Finding early = run_rule("body-validity", leaf, context_at("2024-12-31T23:59:59Z"));
    EXPECT_EQ(early.status, Status::Error);
    EXPECT_NE(early.message.find("not valid until 2025-01-01T00:00:00Z"), std::string::npos) << early.message;
    EXPECT_NE(early.message.find("checked at 2024-12-31T23:59:59Z"), std::string::npos) << early.message;
    const Finding late = run_rule("body-validity", leaf, context_at("2100-01-01T00:00:00Z"));
    EXPECT_EQ(late.status, Status::Error);
    EXPECT_NE(late.message.find("expired on 2099-12-31T23:59:59Z"), std::string::npos) << late.message;
    // And expired.pem was fine in 2020.
    EXPECT_EQ(run_rule("body-validity", load(fixture("expired.pem")), context_at("2020-06-01T00:00:00Z")).status,
              Status::Pass);
}

TEST(BodyValidity, TheWindowIncludesNotBeforeAndNotAfter) {
    // RFC 5280 4.1.2.5: the validity period is "inclusive" of both notBefore and notAfter.
    const Finding start = run_rule("body-validity", load(fixture("leaf.pem")), context_at("2025-01-01T00:00:00Z"));
    EXPECT_EQ(start.status, Status::Pass) << start.message;
    const Material soon = load(fixture("soon.pem"));  // notAfter 2030-01-20T00:00:00Z
    const Finding end = run_rule("body-validity", soon, context_at("2030-01-20T00:00:00Z"));
    EXPECT_EQ(end.status, Status::Pass) << end.message;
    const Finding after = run_rule("body-validity", soon, context_at("2030-01-20T00:00:01Z"));
    EXPECT_EQ(after.status, Status::Error) << after.message;
}

TEST(BodyValidity, ReportsTheLineOfTheCertificateBlock) {
    // leaf-bag-attributes.pem has five text lines before the BEGIN line.
    const Finding f = run_rule("body-validity", load(fixture("leaf-bag-attributes.pem")), context_at("2100-01-01T00:00:00Z"));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 6);
}

TEST(BodyValidity, FailsOnARealExpiredCertificate) {
    if (!corpora_available()) GTEST_SKIP() << "corpora not available (../shared/corpora)";
    const Finding f = run_rule("body-validity", load(corpus("pyca-cryptography-vectors/x509/cryptography.io.pem")));
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_NE(f.message.find("expired on 2018-11-16T01:15:03Z"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("www.cryptography.io"), std::string::npos) << f.message;
}

TEST(BodyValidity, NotApplicableWithoutAReadableCertificate) {
    for (const char* name : {"empty.pem", "garbage.bin", "csr.pem", "leaf-bad-base64.pem"}) {
        const Finding f = run_rule("body-validity", load(fixture(name)));
        EXPECT_EQ(f.status, Status::NotApplicable) << name << ": " << f.message;
        EXPECT_FALSE(f.hint.has_value()) << name;
    }
}

}  // namespace
}  // namespace certcheck::test
