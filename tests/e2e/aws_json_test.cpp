// --aws-json: the JSON the aws CLI prints (shapes from the AWS CLI reference), written by hand;
// the ones carrying certificates embed the fixtures at test time, the metadata-only ones are in
// testdata/aws-json/.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/report.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

using nlohmann::json;

std::string aws_fixture(const std::string& name) { return source_path("testdata/aws-json/" + name); }

// aws iam get-server-certificate --server-certificate-name www-example
std::string get_server_certificate(const std::string& body_fixture, const std::string& chain_fixture,
                                   const std::string& iam_path = "/") {
    json doc = {{"ServerCertificate",
                 {{"ServerCertificateMetadata",
                   {{"Path", iam_path},
                    {"ServerCertificateName", "www-example"},
                    {"ServerCertificateId", "ASCAEXAMPLE123EXAMPLE"},
                    {"Arn", "arn:aws:iam::123456789012:server-certificate/www-example"},
                    {"UploadDate", "2029-05-08T01:02:03+00:00"},
                    {"Expiration", "2099-12-31T23:59:59+00:00"}}},
                  {"CertificateBody", read_file(fixture(body_fixture))},
                  {"CertificateChain", read_file(fixture(chain_fixture))},
                  {"Tags", json::array()}}}};
    return doc.dump(4);
}

TEST(AwsJson, GetServerCertificateIsCheckedAsStored) {
    const TempDir dir;
    const std::string good = dir.write("good.json", get_server_certificate("leaf.pem", "chain.pem"));
    const Checked c = check_json_report({"--aws-json", good, "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(c.run.exit_code, 0) << c.context();
    EXPECT_EQ(c.doc["subjects"][0]["name"], "www-example");
    EXPECT_EQ(c.st("chain-order"), "pass") << c.context();
    EXPECT_EQ(c.st("body-pem"), "pass") << c.context();
    EXPECT_EQ(c.doc["subjects"][0]["inputs"]["cert"], good + "#ServerCertificate.CertificateBody");

    const std::string reversed = dir.write("reversed.json", get_server_certificate("leaf.pem", "chain-reversed.pem"));
    const Checked r = check_json_report({"--aws-json", reversed, "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(r.run.exit_code, 1) << r.context();
    EXPECT_EQ(r.st("chain-order"), "error") << r.context();
}

TEST(AwsJson, AcmGetCertificateIsCheckedAsStored) {
    const TempDir dir;
    // aws acm get-certificate --certificate-arn ARN
    const json doc = {{"Certificate", read_file(fixture("expired.pem"))}, {"CertificateChain", read_file(fixture("chain.pem"))}};
    const std::string path = dir.write("acm.json", doc.dump(4));
    const Checked c = check_json_report({"--aws-json", path, "--profile", "acm", "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("body-validity"), "error") << c.context();
    EXPECT_EQ(c.st("chain-order"), "pass") << c.context();
    EXPECT_EQ(c.st("key-matches-cert"), "not-applicable");
}

TEST(AwsJson, ListServerCertificatesJudgesExpiryFromMetadata) {
    const RunResult r = run_certcheck({"scan", "--aws-json", aws_fixture("list-server-certificates.json"), "--at",
                                       std::string{kTestAt}, "--format", "json"},
                                      60);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const json doc = json::parse(r.out);
    ASSERT_EQ(doc["subjects"].size(), 3u);
    const auto status = [&](std::size_t i, const std::string& rule) {
        for (const auto& f : doc["subjects"][i]["findings"]) {
            if (f["rule"] == rule) return f["status"].get<std::string>();
        }
        return std::string{"<missing>"};
    };
    EXPECT_EQ(doc["subjects"][0]["name"], "www-example-2029");
    EXPECT_EQ(status(0, "body-validity"), "error");
    EXPECT_EQ(doc["subjects"][1]["name"], "shop-example-2030");
    EXPECT_EQ(status(1, "body-validity"), "pass");
    EXPECT_EQ(status(1, "body-expiry-soon"), "warn");
    EXPECT_EQ(status(2, "body-expiry-soon"), "pass");
    EXPECT_EQ(status(2, "chain-order"), "not-applicable");
    // --at is honoured: a year earlier nothing has expired.
    const RunResult earlier = run_certcheck({"scan", "--aws-json", aws_fixture("list-server-certificates.json"), "--at",
                                             "2028-12-01T00:00:00Z", "-q"},
                                            60);
    EXPECT_EQ(earlier.exit_code, 0) << earlier.out;
}

TEST(AwsJson, DescribeCertificateUsesNotAfterAndTheArn) {
    const Checked c = check_json_report({"--aws-json", aws_fixture("describe-certificate.json"), "--profile", "acm", "--at",
                                         std::string{kTestAt}},
                                        60);
    EXPECT_EQ(c.run.exit_code, 0) << c.context();
    EXPECT_EQ(c.doc["subjects"][0]["name"],
              "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012");
    EXPECT_EQ(c.st("body-expiry-soon"), "warn") << c.context();
    const Checked later = check_json_report({"--aws-json", aws_fixture("describe-certificate.json"), "--at",
                                             "2030-02-01T00:00:00Z", "--only", "body-validity"},
                                            60);
    EXPECT_EQ(later.run.exit_code, 1);
    EXPECT_TRUE(has(later.msg("body-validity"), "expired on 2030-01-06T00:00:00Z")) << later.msg("body-validity");
    const Checked before = check_json_report({"--aws-json", aws_fixture("describe-certificate.json"), "--at",
                                              "2024-06-01T00:00:00Z", "--only", "body-validity"},
                                             60);
    EXPECT_EQ(before.st("body-validity"), "error") << "NotBefore is 2025-01-01";
}

TEST(AwsJson, ListSigningCertificatesAreCheckedPerCertificate) {
    const TempDir dir;
    // aws iam list-signing-certificates --user-name deploy
    const json doc = {{"Certificates",
                       {{{"UserName", "deploy"},
                         {"CertificateId", "TA7SMP42TDN5Z26OBPJE7EXAMPLE"},
                         {"CertificateBody", read_file(fixture("leaf.pem"))},
                         {"Status", "Active"},
                         {"UploadDate", "2029-06-12T23:52:00+00:00"}},
                        {{"UserName", "deploy"},
                         {"CertificateId", "TB8SMP42TDN5Z26OBPJE7EXAMPLE"},
                         {"CertificateBody", read_file(fixture("expired.pem"))},
                         {"Status", "Inactive"},
                         {"UploadDate", "2020-06-12T23:52:00+00:00"}}}},
                      {"IsTruncated", false}};
    const std::string path = dir.write("signing.json", doc.dump(4));
    const RunResult r = run_certcheck({"check", "--aws-json", path, "--profile", "iam-signing", "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "PASS deploy/TA7SMP42TDN5Z26OBPJE7EXAMPLE")) << r.out;
    EXPECT_TRUE(has(r.out, "FAIL deploy/TB8SMP42TDN5Z26OBPJE7EXAMPLE")) << r.out;
    EXPECT_TRUE(has(r.out, "[body-validity]")) << r.out;
}

// The stored certificate's Path and name are its upload request: `--profile cloudfront` judges the
// Path AWS stored instead of failing cloudfront-path with "no --path given".
TEST(AwsJson, StoredPathAndNameAreTheRequest) {
    const TempDir dir;
    const std::string cf = dir.write("cf.json", get_server_certificate("leaf.pem", "chain.pem", "/cloudfront/prod/"));
    const Checked c = check_json_report({"--aws-json", cf, "--profile", "cloudfront", "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(c.st("cloudfront-path"), "pass") << c.context();
    EXPECT_EQ(c.st("request-path"), "pass") << c.context();
    EXPECT_EQ(c.st("request-name"), "pass") << c.context();
    EXPECT_TRUE(has(c.msg("cloudfront-path"), "/cloudfront/prod/")) << c.msg("cloudfront-path");

    const std::string root = dir.write("root.json", get_server_certificate("leaf.pem", "chain.pem", "/"));
    const Checked r = check_json_report({"--aws-json", root, "--profile", "cloudfront", "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(r.run.exit_code, 1) << r.context();
    EXPECT_EQ(r.st("cloudfront-path"), "error") << r.context();
    EXPECT_TRUE(has(r.msg("cloudfront-path"), "'/'")) << r.msg("cloudfront-path");
    EXPECT_TRUE(has(r.hint.at("cloudfront-path"),
                    "aws iam update-server-certificate --server-certificate-name www-example "
                    "--new-path /cloudfront/"))
        << r.hint.at("cloudfront-path");

    // Metadata only (list-server-certificates): the same request rules, from each entry's Path.
    const RunResult l = run_certcheck({"scan", "--aws-json", aws_fixture("list-server-certificates.json"), "--profile",
                                       "cloudfront", "--at", "2028-12-01T00:00:00Z", "--format", "json"},
                                      60);
    const json doc = json::parse(l.out);
    ASSERT_EQ(doc["subjects"].size(), 3u) << l.err;
    const auto status = [&](std::size_t i, const std::string& rule) {
        for (const auto& f : doc["subjects"][i]["findings"]) {
            if (f["rule"] == rule) return f["status"].get<std::string>();
        }
        return std::string{"<missing>"};
    };
    EXPECT_EQ(status(0, "cloudfront-path"), "error");
    EXPECT_EQ(status(1, "cloudfront-path"), "pass");
    EXPECT_EQ(status(1, "request-name"), "pass");
    EXPECT_EQ(status(1, "body-pem"), "not-applicable");
    EXPECT_EQ(l.exit_code, 1) << l.out;

    // --name and --path would be ignored: the JSON says them.
    const RunResult n = run_certcheck({"check", "--aws-json", cf, "--path", "/cloudfront/other/"}, 30);
    EXPECT_EQ(n.exit_code, 2) << n.out;
    EXPECT_TRUE(has(n.err, "--aws-json")) << n.err;
}

// --host is checked against each stored certificate, not silently dropped.
TEST(AwsJson, HostIsCheckedAgainstTheStoredCertificate) {
    const TempDir dir;
    const std::string good = dir.write("good.json", get_server_certificate("leaf.pem", "chain.pem"));
    const Checked miss = check_json_report({"--aws-json", good, "--host", "shop.example.net", "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(miss.run.exit_code, 1) << miss.context();
    EXPECT_EQ(miss.st("host-match"), "error") << miss.context();
    const Checked hit = check_json_report({"--aws-json", good, "--host", "www.example.com", "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(hit.run.exit_code, 0) << hit.context();
    EXPECT_EQ(hit.st("host-match"), "pass") << hit.context();
}

// A certificate ACM reports as REVOKED is not valid, whatever its NotAfter says.
TEST(AwsJson, RevokedAcmCertificateFailsValidity) {
    const TempDir dir;
    json doc = json::parse(read_file(aws_fixture("describe-certificate.json")));
    doc["Certificate"]["Status"] = "REVOKED";
    doc["Certificate"]["RevokedAt"] = "2029-03-01T12:00:00+00:00";
    doc["Certificate"]["RevocationReason"] = "KEY_COMPROMISE";
    const std::string path = dir.write("revoked.json", doc.dump(4));
    const Checked c = check_json_report({"--aws-json", path, "--profile", "acm", "--at", std::string{kTestAt}}, 60);
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("body-validity"), "error") << c.context();
    EXPECT_TRUE(has(c.msg("body-validity"), "revoked on 2029-03-01T12:00:00Z (KEY_COMPROMISE)")) << c.msg("body-validity");
    EXPECT_EQ(c.st("body-expiry-soon"), "not-applicable") << c.context();
    // Before the revocation it was valid.
    const Checked before = check_json_report({"--aws-json", path, "--profile", "acm", "--at", "2029-01-01T00:00:00Z"}, 60);
    EXPECT_EQ(before.st("body-validity"), "pass") << before.context();
    // REVOKED without RevokedAt: revoked at an unknown time, so at any --at.
    doc["Certificate"].erase("RevokedAt");
    const std::string undated = dir.write("undated.json", doc.dump(4));
    const Checked u = check_json_report({"--aws-json", undated, "--profile", "acm", "--at", "2029-01-01T00:00:00Z"}, 60);
    EXPECT_EQ(u.st("body-validity"), "error") << u.context();
}

// aws acm list-certificates (the account-wide listing an expiry audit starts from): each summary is
// a subject judged from its NotBefore/NotAfter and Status, like describe-certificate's.
TEST(AwsJson, AcmListCertificatesJudgesEachSummary) {
    const TempDir dir;
    const json doc = {{"CertificateSummaryList",
                       {{{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000001"},
                         {"DomainName", "www.example.com"},
                         {"SubjectAlternativeNameSummaries", {"www.example.com"}},
                         {"HasAdditionalSubjectAlternativeNames", false},
                         {"Status", "ISSUED"},
                         {"Type", "IMPORTED"},
                         {"KeyAlgorithm", "RSA-2048"},
                         {"InUse", true},
                         {"NotBefore", "2025-01-01T00:00:00+00:00"},
                         {"NotAfter", "2030-01-10T00:00:00+00:00"},
                         {"ImportedAt", "2025-01-02T00:00:00+00:00"}},
                        {{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000002"},
                         {"DomainName", "api.example.com"},
                         {"Status", "REVOKED"},
                         {"Type", "AMAZON_ISSUED"},
                         {"NotBefore", 1735689600.0},
                         {"NotAfter", 1924992000.0},
                         {"RevokedAt", "2029-06-01T00:00:00+00:00"}},
                        {{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000003"},
                         {"DomainName", "old-cli.example.com"}}}}};
    const std::string path = dir.write("list.json", doc.dump(4));
    const RunResult r = run_certcheck({"scan", "--aws-json", path, "--profile", "acm", "--at", std::string{kTestAt}, "--format", "json"}, 60);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const json out = json::parse(r.out);
    ASSERT_EQ(out["subjects"].size(), 3u) << r.out;
    const auto status = [&](std::size_t i, const std::string& rule) {
        for (const auto& f : out["subjects"][i]["findings"]) {
            if (f["rule"] == rule) return f["status"].get<std::string>();
        }
        return std::string{"<missing>"};
    };
    EXPECT_EQ(out["subjects"][0]["name"], "arn:aws:acm:us-east-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000001");
    EXPECT_EQ(status(0, "body-validity"), "pass");
    EXPECT_EQ(status(0, "body-expiry-soon"), "warn");
    EXPECT_EQ(status(1, "body-validity"), "error");
    EXPECT_EQ(status(2, "body-validity"), "not-applicable");
    EXPECT_EQ(out["subjects"][0]["inputs"]["cert"], path + "#CertificateSummaryList[0]");
}

TEST(AwsJson, StandardInputAndBadInput) {
    const TempDir dir;
    const std::string out = dir.path() + "/out.txt";
    const std::string cmd = std::string{CERTCHECK_BINARY} + " scan --aws-json - --at 2030-01-01T00:00:00Z --format json < '" +
                            aws_fixture("list-server-certificates.json") + "' > '" + out + "'";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    EXPECT_EQ(json::parse(read_file(out))["summary"]["subjects"], 3);

    const std::string bad = dir.write("bad.json", "{\"ServerCertificate\": ");
    const RunResult r = run_certcheck({"check", "--aws-json", bad}, 30);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, bad + ": not JSON")) << r.err;
    const std::string other = dir.write("other.json", "{\"Users\": []}");
    const RunResult o = run_certcheck({"scan", "--aws-json", other}, 30);
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_TRUE(has(o.err, "not the output of a supported aws command")) << o.err;
    const RunResult both = run_certcheck({"check", "--aws-json", other, "--cert", fixture("leaf.pem")}, 30);
    EXPECT_EQ(both.exit_code, 2);
}

}  // namespace
}  // namespace certcheck::test
