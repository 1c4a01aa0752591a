// --format openmetrics end to end: accepted by Prometheus's own promtool, x509-certificate-exporter's
// metric and label names, values that agree with openssl, escaping, one series per certificate
// and file, and --output written atomically for node_exporter's textfile collector.
#include <filesystem>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "support/monitoring.hpp"
#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

TEST(OpenMetrics, CheckIsValidForPromtoolWithTheExportersNamesAndOpensslsValues) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-pkcs8.key"), "--chain",
                                       fixture("chain.pem"), "--at", std::string{kTestAt}, "--format", "openmetrics"});
    EXPECT_EQ(r.exit_code, 1) << "key-rsa-pkcs1 fails: the exit code is the same as in every format";
    EXPECT_EQ(promtool_problems(r.out, "check"), "");
    EXPECT_TRUE(r.out.ends_with("\n# EOF\n")) << r.out;

    const auto after = lines_of(r.out, "x509_cert_not_after{");
    ASSERT_EQ(after.size(), 3u) << r.out;
    const std::string leaf = after[0];
    for (const char* label : {"filename=\"leaf.pem\"", "serial_number=\"4101\"", "subject_CN=\"www.example.com\"",
                              "subject_O=\"certcheck tests\"", "subject_C=\"US\"", "subject_OU=\"\"", "issuer_CN=\"certcheck Test Intermediate CA\"",
                              "issuer_ST=\"\"", "subject_L=\"\""}) {
        EXPECT_NE(leaf.find(label), std::string::npos) << label << " in " << leaf;
    }
    EXPECT_NE(leaf.find("filepath=\"" + fixture("leaf.pem") + "\""), std::string::npos) << leaf;
    EXPECT_TRUE(leaf.ends_with("} " + std::to_string(openssl_unix(fixture("leaf.pem"), "-enddate")))) << leaf;
    const auto before = lines_of(r.out, "x509_cert_not_before{");
    ASSERT_EQ(before.size(), 3u);
    EXPECT_TRUE(before[0].ends_with("} " + std::to_string(openssl_unix(fixture("leaf.pem"), "-startdate")))) << before[0];
    const auto expired = lines_of(r.out, "x509_cert_expired{");
    ASSERT_EQ(expired.size(), 3u);
    EXPECT_TRUE(expired[0].ends_with("} 0"));

    const auto findings = lines_of(r.out, "certcheck_finding{");
    ASSERT_EQ(findings.size(), 1u) << r.out;
    EXPECT_NE(findings[0].find("rule=\"key-rsa-pkcs1\",status=\"error\"} 1"), std::string::npos) << findings[0];
    EXPECT_NE(r.out.find("certcheck_subjects{verdict=\"fail\"} 1\n"), std::string::npos);
    EXPECT_NE(r.out.find("certcheck_subjects{verdict=\"pass\"} 0\n"), std::string::npos);
}

TEST(OpenMetrics, ExpiredCertificateIsOneAndWarningsAreFindings) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("expired.pem"), "--at", std::string{kTestAt}, "--format", "openmetrics"});
    EXPECT_EQ(promtool_problems(r.out, "expired"), "");
    const auto expired = lines_of(r.out, "x509_cert_expired{");
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_TRUE(expired[0].ends_with("} 1")) << expired[0];
    EXPECT_NE(r.out.find("rule=\"body-validity\",status=\"error\"} 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("rule=\"chain-present\",status=\"warn\"} 1"), std::string::npos) << r.out;
}

TEST(OpenMetrics, LabelValuesAreEscaped) {
    TempDir dir;
    const std::string cert = dir.path() + "/odd \"name\".pem";
    const RunResult gen = run_program({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.path() + "/odd.key",
                                       "-out", cert, "-days", "30", "-utf8", "-subj", "/O=a\"b\\\\c/CN=<b>evil<\\/b> \"x\" \\\\y \xC3\xA9"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    const RunResult r = run_certcheck({"check", "--cert", cert, "--format", "openmetrics"});
    EXPECT_EQ(promtool_problems(r.out, "escaped"), "");
    const auto after = lines_of(r.out, "x509_cert_not_after{");
    ASSERT_EQ(after.size(), 1u);
    EXPECT_NE(after[0].find(R"(subject_CN="<b>evil</b> \"x\" \\y )"
                            "\xC3\xA9"
                            R"(")"),
              std::string::npos)
        << after[0];
    EXPECT_NE(after[0].find(R"(subject_O="a\"b\\c")"), std::string::npos) << after[0];
    EXPECT_NE(after[0].find(R"(filename="odd \"name\".pem")"), std::string::npos) << after[0];
}

TEST(OpenMetrics, ScanGivesOneSeriesPerCertificateAndFileAndWritesOutputAtomically) {
    TempDir dir;
    // Two sites sharing one CA bundle: its certificates are one series each, not one per site.
    for (const char* site : {"a", "b"}) {
        fs::create_directories(fs::path(dir.path()) / "tree" / site);
    }
    fs::copy_file(fixture("leaf.pem"), fs::path(dir.path()) / "tree/a/cert.pem");
    fs::copy_file(fixture("leaf.key"), fs::path(dir.path()) / "tree/a/key.pem");
    fs::copy_file(fixture("chain.pem"), fs::path(dir.path()) / "tree/a/chain.pem");
    fs::copy_file(fixture("ec-leaf.pem"), fs::path(dir.path()) / "tree/b/cert.pem");
    fs::copy_file(fixture("ec-leaf.key"), fs::path(dir.path()) / "tree/b/key.pem");
    const std::string tree = dir.path() + "/tree";
    const RunResult r = run_certcheck({"scan", tree, "--at", std::string{kTestAt}, "--format", "openmetrics", "--progress", "never"});
    EXPECT_EQ(promtool_problems(r.out, "scan"), "");
    EXPECT_EQ(lines_of(r.out, "x509_cert_not_after{").size(), 4u) << r.out;
    EXPECT_NE(r.out.find("certcheck_subjects{verdict=\"pass\"} 1\ncertcheck_subjects{verdict=\"fail\"} 1\n"), std::string::npos) << r.out;

    // --output: the same text, a .prom file, nothing else left in the directory.
    fs::create_directories(fs::path(dir.path()) / "textfile");
    const std::string prom = dir.path() + "/textfile/certcheck.prom";
    (void)dir.write("textfile/certcheck.prom", "old contents\n");
    const RunResult w = run_certcheck({"scan", tree, "--at", std::string{kTestAt}, "--format", "openmetrics", "--progress", "never",
                                       "--output", prom});
    EXPECT_EQ(w.exit_code, r.exit_code);
    EXPECT_EQ(w.out, "");
    EXPECT_EQ(read_file(prom), r.out);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(fs::path(dir.path()) / "textfile")) names.push_back(e.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"certcheck.prom"});
    const RunResult c = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--at", std::string{kTestAt}, "--format", "openmetrics",
                                       "--output", prom});
    EXPECT_NE(read_file(prom).find("x509_cert_not_after{filename=\"leaf.pem\""), std::string::npos);
    EXPECT_NE(c.exit_code, 2) << c.err;
}

TEST(OpenMetrics, UnwritableOutputIsAClearError) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--at", std::string{kTestAt}, "--format", "openmetrics",
                                       "--output", "/nonexistent-dir/sub/x.prom"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("x.prom"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace certcheck::test
