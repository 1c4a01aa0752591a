// body-expiry-soon: pass (far from notAfter, or under the threshold), warn (within
// --expiry-warn days), and not-applicable (no certificate, or outside its window).
#include <gtest/gtest.h>

#include <ctime>
#include <stdexcept>
#include <string>

#include "common/x509util.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

// soon.pem: notAfter 2030-01-20T00:00:00Z, 19 days after kTestAt.
Context context(int warn_days, const std::string& at = std::string{kTestAt}) {
    Context ctx = test_context();
    const auto t = x509::parse_time(at);
    if (!t) throw std::runtime_error("bad test time " + at);
    ctx.at = *t;
    ctx.expiry_warn_days = warn_days;
    return ctx;
}

TEST(BodyExpirySoon, PassesFarFromNotAfter) {
    const Finding f = run_rule("body-expiry-soon", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_NE(f.message.find("2099-12-31T23:59:59Z"), std::string::npos) << f.message;
    EXPECT_FALSE(f.hint.has_value());
}

TEST(BodyExpirySoon, WarnsWithinTheDefaultThirtyDays) {
    const Finding f = run_rule("body-expiry-soon", load(fixture("soon.pem")));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("CN=soon.example.com"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("2030-01-20T00:00:00Z"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("in 19 days"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("threshold 30 days"), std::string::npos) << f.message;
    EXPECT_EQ(f.line, 1);
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_NE(f.hint->find("renew"), std::string::npos) << *f.hint;
}

TEST(BodyExpirySoon, FollowsTheConfiguredThreshold) {
    const Material soon = load(fixture("soon.pem"));
    EXPECT_EQ(run_rule("body-expiry-soon", soon, context(18)).status, Status::Pass);
    EXPECT_EQ(run_rule("body-expiry-soon", soon, context(10)).status, Status::Pass);
    EXPECT_EQ(run_rule("body-expiry-soon", soon, context(0)).status, Status::Pass);
    const Finding f = run_rule("body-expiry-soon", soon, context(20));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("threshold 20 days"), std::string::npos) << f.message;
}

TEST(BodyExpirySoon, CountsDaysFromTheContextTime) {
    // leaf.pem ends 2099-12-31T23:59:59Z: 16 days and a bit after 2099-12-15.
    const Finding f = run_rule("body-expiry-soon", load(fixture("leaf.pem")), context(30, "2099-12-15T00:00:00Z"));
    EXPECT_EQ(f.status, Status::Warn);
    EXPECT_NE(f.message.find("in 16 days"), std::string::npos) << f.message;
    // soon.pem a day and a half before its end: "1 day", singular.
    const Finding one = run_rule("body-expiry-soon", load(fixture("soon.pem")), context(30, "2030-01-18T12:00:00Z"));
    EXPECT_EQ(one.status, Status::Warn);
    EXPECT_NE(one.message.find("in 1 day ("), std::string::npos) << one.message;
}

TEST(BodyExpirySoon, NotApplicableOutsideTheValidityWindow) {
    // Expired and not-yet-valid certificates are body-validity's job.
    const Finding expired = run_rule("body-expiry-soon", load(fixture("expired.pem")));
    EXPECT_EQ(expired.status, Status::NotApplicable);
    EXPECT_NE(expired.message.find("body-validity"), std::string::npos) << expired.message;
    EXPECT_EQ(run_rule("body-expiry-soon", load(fixture("notyet.pem"))).status, Status::NotApplicable);
}

TEST(BodyExpirySoon, NotApplicableWithoutAReadableCertificate) {
    for (const char* name : {"empty.pem", "garbage.bin", "leaf-bad-base64.pem"}) {
        EXPECT_EQ(run_rule("body-expiry-soon", load(fixture(name))).status, Status::NotApplicable) << name;
    }
}

}  // namespace
}  // namespace certcheck::test
