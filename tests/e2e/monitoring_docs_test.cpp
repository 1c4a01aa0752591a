// docs/monitoring.md's alert rules: promtool accepts them (check rules) and they fire on the
// series certcheck writes (test rules), and only on those that should.
#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

// The first ```yaml block after `heading` in a docs page.
std::string yaml_after(const std::string& page, const std::string& heading) {
    const auto h = page.find(heading);
    if (h == std::string::npos) return {};
    const auto start = page.find("```yaml\n", h);
    if (start == std::string::npos) return {};
    const auto end = page.find("```", start + 8);
    return page.substr(start + 8, end - start - 8);
}

TEST(MonitoringDocs, AlertRulesPassPromtoolAndFireOnCertcheckSeries) {
    const std::string rules = yaml_after(read_file(source_path("docs/monitoring.md")), "## Alert rules");
    ASSERT_NE(rules.find("CertificateExpiresWithin30Days"), std::string::npos);
    TempDir dir;
    const std::string file = dir.write("rules.yml", rules);
    const RunResult check = run_program({"promtool", "check", "rules", file}, 60);
    ASSERT_NE(check.exit_code, 127) << "promtool is missing: run cmake/install-deps.sh (prometheus)";
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find("SUCCESS: 4 rules found"), std::string::npos) << check.out;

    // Time starts at 0 in promtool's tests: soon.example expires 10 days in, later.example in a year.
    const std::string tests = dir.write("rules_test.yml", R"YAML(rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'x509_cert_not_after{subject_CN="soon.example",filepath="/a.pem"}'
        values: '864000x40'
      - series: 'x509_cert_expired{subject_CN="soon.example",filepath="/a.pem"}'
        values: '0x40'
      - series: 'x509_cert_not_after{subject_CN="later.example",filepath="/b.pem"}'
        values: '31536000x40'
      - series: 'x509_cert_expired{subject_CN="later.example",filepath="/b.pem"}'
        values: '0x40'
      - series: 'x509_cert_not_after{subject_CN="gone.example",filepath="/c.pem"}'
        values: '-86400x40'
      - series: 'x509_cert_expired{subject_CN="gone.example",filepath="/c.pem"}'
        values: '1x40'
      - series: 'certcheck_finding{subject="/a.pem",filepath="/a.pem",rule="chain-order",status="error"}'
        values: '1x40'
      - series: 'certcheck_finding{subject="/b.pem",filepath="/b.pem",rule="body-expiry-soon",status="warn"}'
        values: '1x40'
      - series: 'certcheck_endpoint_up{endpoint="10.0.0.7:443"}'
        values: '0x40'
      - series: 'certcheck_endpoint_up{endpoint="www.example.com:443"}'
        values: '1x40'
    alert_rule_test:
      - eval_time: 20m
        alertname: CertificateExpiresWithin30Days
        exp_alerts:
          - exp_labels: {severity: warning, subject_CN: soon.example, filepath: /a.pem}
            exp_annotations:
              summary: "soon.example in /a.pem expires in 9d 23h 40m 0s"
      - eval_time: 5m
        alertname: CertificateExpiresWithin30Days
        exp_alerts: []
      - eval_time: 1m
        alertname: CertificateExpired
        exp_alerts:
          - exp_labels: {severity: critical, subject_CN: gone.example, filepath: /c.pem}
            exp_annotations:
              summary: "gone.example in /c.pem has expired"
      - eval_time: 20m
        alertname: CertificateEndpointDown
        exp_alerts:
          - exp_labels: {severity: warning, endpoint: "10.0.0.7:443"}
            exp_annotations:
              summary: "10.0.0.7:443: no TLS handshake (see the exporter's log)"
      - eval_time: 5m
        alertname: CertificateEndpointDown
        exp_alerts: []
      - eval_time: 20m
        alertname: CertcheckRuleFailing
        exp_alerts:
          - exp_labels: {severity: warning, subject: /a.pem, filepath: /a.pem, rule: chain-order, status: error}
            exp_annotations:
              summary: "/a.pem: rule chain-order fails (see docs/rules/chain-order.md)"
)YAML");
    const RunResult test = run_program({"promtool", "test", "rules", tests}, 60);
    EXPECT_EQ(test.exit_code, 0) << test.out << test.err;
}

}  // namespace
}  // namespace certcheck::test
