// End-to-end (issue 14): every profile complete. acm refuses an EC leaf under an RSA intermediate and
// an RSA leaf under an EC CA (made with openssl here), an empty Issuer and a long OCSP URL; a
// byte-order mark before the first BEGIN fails every upload profile, as one finding.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/report.hpp"
#include "support/roles_anywhere.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};

// Runs openssl with args in dir, failing the test when it does not exit 0.
void openssl(const std::string& dir, std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    const RunResult r = run_program(args, 60, {}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

// The findings that are errors or warnings.
std::vector<std::string> failing(const Checked& c) {
    std::vector<std::string> out;
    for (const auto& [rule, st] : c.status) {
        if (st == "error" || st == "warn") out.push_back(rule);
    }
    return out;
}

TEST(ProfilesComplete, AcmRefusesAnEcLeafUnderAnRsaIntermediate) {
    const Checked c = check_json_report({"--profile", "acm", "--cert", fixture("ec-leaf.pem"), "--key", fixture("ec-leaf.key"), "--chain",
                                         fixture("chain.pem"), "--at", kAt},
                                        60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(failing(c), std::vector<std::string>{"acm-issuer-key-algorithm"}) << c.context();
    EXPECT_NE(c.msg("acm-issuer-key-algorithm").find("signed with sha256WithRSAEncryption by an RSA CA"), std::string::npos);
}

TEST(ProfilesComplete, AcmRefusesAnRsaLeafUnderAnEcCaAndPassesAnEcOne) {
    const TempDir dir("certcheck-acm-ec-ca");
    const std::string& d = dir.path();
    openssl(d, {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-subj",
                "/CN=Example EC CA", "-days", "36500", "-addext", "basicConstraints=critical,CA:true", "-out", "ca.pem"});
    openssl(d, {"req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.key", "-subj", "/CN=rsa.example.com", "-addext",
                "basicConstraints=CA:false", "-out", "rsa.csr"});
    openssl(d, {"x509", "-req", "-in", "rsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2", "-days", "36500", "-copy_extensions",
                "copy", "-out", "rsa.pem"});
    openssl(d, {"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ec.key", "-subj",
                "/CN=ec.example.com", "-addext", "basicConstraints=CA:false", "-out", "ec.csr"});
    openssl(d, {"x509", "-req", "-in", "ec.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "3", "-days", "36500", "-copy_extensions",
                "copy", "-out", "ec.pem"});
    const Checked rsa = check_json_report(
        {"--profile", "acm", "--cert", d + "/rsa.pem", "--key", d + "/rsa.key", "--chain", d + "/ca.pem", "--at", kAt}, 60);
    EXPECT_EQ(rsa.run.exit_code, 1) << rsa.context();
    EXPECT_EQ(failing(rsa), std::vector<std::string>{"acm-issuer-key-algorithm"}) << rsa.context();
    EXPECT_NE(rsa.msg("acm-issuer-key-algorithm").find("has an RSA key but was signed with ecdsa-with-SHA256 by an EC CA"),
              std::string::npos);
    const Checked ec = check_json_report(
        {"--profile", "acm", "--cert", d + "/ec.pem", "--key", d + "/ec.key", "--chain", d + "/ca.pem", "--at", kAt}, 60);
    EXPECT_EQ(ec.run.exit_code, 0) << ec.context();
    EXPECT_EQ(ec.st("acm-issuer-key-algorithm"), "pass");
}

TEST(ProfilesComplete, AcmRefusesAnEmptyIssuerAndALongOcspUrl) {
    const TempDir dir("certcheck-acm-issuer");
    const std::string& d = dir.path();
    openssl(d, {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-subj", "/", "-days", "36500", "-addext",
                "basicConstraints=critical,CA:true", "-out", "ca.pem"});
    openssl(d, {"req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-subj", "/CN=no-issuer.example.com", "-out", "leaf.csr"});
    openssl(d, {"x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2", "-days", "36500", "-out", "leaf.pem"});
    const Checked c = check_json_report({"--profile", "acm", "--cert", d + "/leaf.pem", "--key", d + "/leaf.key", "--at", kAt}, 60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("acm-issuer-present"), "error") << c.context();

    const std::string url = "http://ocsp.example.com/" + std::string(1001, 'a');
    openssl(d, {"req", "-x509", "-key", "leaf.key", "-subj", "/CN=ocsp.example.com", "-days", "36500", "-addext",
                "authorityInfoAccess=OCSP;URI:" + url, "-out", "ocsp.pem"});
    const Checked o = check_json_report({"--profile", "acm", "--cert", d + "/ocsp.pem", "--key", d + "/leaf.key", "--at", kAt}, 60);
    EXPECT_EQ(o.run.exit_code, 1) << o.context();
    EXPECT_EQ(failing(o), std::vector<std::string>{"acm-ocsp-url"}) << o.context();
    EXPECT_NE(o.msg("acm-ocsp-url").find("1025 characters long"), std::string::npos) << o.msg("acm-ocsp-url");
}

TEST(ProfilesComplete, AByteOrderMarkFailsEveryUploadProfileOnce) {
    for (const std::string profile : {"iam-server", "cloudfront", "acm", "iam-signing", "roles-anywhere"}) {
        const Checked c = check_json_report({"--profile", profile, "--cert", fixture("leaf-bom.pem"), "--at", kAt}, 60);
        EXPECT_EQ(c.run.exit_code, 1) << c.context();
        EXPECT_EQ(c.st("pem-leading-bytes"), "error") << profile;
        EXPECT_NE(c.st("request-charset"), "error") << profile << ": one cause, one finding";
    }
    // The key and the trust anchor too.
    const std::string bom_key = write_temp("bom.key", "\xEF\xBB\xBF" + read_file(fixture("profiles/ra-leaf.key")));
    const std::string bom_anchor = write_temp("bom-anchor.pem", "\xEF\xBB\xBF" + read_file(fixture("profiles/ra-anchor.pem")));
    const Checked key = check_json_report({"--profile", "acm", "--cert", fixture("leaf.pem"), "--key", write_temp("bom-leaf.key", "\xEF\xBB\xBF" + read_file(fixture("leaf.key"))), "--chain", fixture("chain.pem"), "--at", kAt},
                                          60);
    EXPECT_EQ(failing(key), std::vector<std::string>{"pem-leading-bytes"}) << key.context();
    const Checked ra = check_json_report({"--profile", "roles-anywhere", "--cert", pfixture("ra-leaf.pem"), "--key", bom_key, "--chain",
                                          fixture("inter-ca.pem"), "--trust-anchor", bom_anchor, "--at", kAt},
                                         60);
    EXPECT_EQ(ra.run.exit_code, 1) << ra.context();
    EXPECT_NE(ra.msg("pem-leading-bytes").find("private key starts with"), std::string::npos) << ra.context();
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(OneCauseOneFinding, AnEcP384KeyUnderCloudfrontIsReportedOnce) {
    const Checked c = check_json_report({"--profile", "cloudfront", "--cert", pfixture("acm-secp384r1.pem"), "--key",
                                         pfixture("acm-secp384r1.key"), "--chain", fixture("chain-no-root.pem"), "--trust-store",
                                         fixture("root-ca.pem"), "--path", "/cloudfront/x/", "--at", std::string{kTestAt}},
                                        60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(failing(c), std::vector<std::string>{"cloudfront-key"}) << c.context();
}

TEST(OneCauseOneFinding, APkcs7BodyCountsAsItsCertificatesAndDerIsNoCharsetError) {
    // leaf.p7b holds leaf + intermediate + root: body-pem names the bundle, body-single-cert counts three.
    const Checked p7 = check_json_report({"--cert", fixture("leaf.p7b"), "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(p7.st("body-pem"), "error");
    EXPECT_EQ(p7.st("body-single-cert"), "error");
    EXPECT_NE(p7.msg("body-single-cert").find("3 certificates, in a PKCS#7 bundle"), std::string::npos) << p7.msg("body-single-cert");
    const Checked der = check_json_report({"--cert", fixture("leaf.der"), "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(der.st("body-pem"), "error");
    EXPECT_EQ(der.st("request-charset"), "pass") << der.msg("request-charset");
    const Checked utf16 = check_json_report({"--cert", fixture("leaf-utf16.pem"), "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(utf16.st("body-pem"), "error");
    EXPECT_EQ(utf16.st("request-charset"), "pass") << utf16.msg("request-charset");
}

}  // namespace
}  // namespace certcheck::test
