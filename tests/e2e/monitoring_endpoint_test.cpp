// Monitoring what TLS servers serve, end to end through the binary: `certcheck endpoint` in
// openmetrics (promtool) and html (chromium-headless-shell), and `certcheck exporter --endpoint`
// probing an openssl s_server on 127.0.0.1 each interval beside a folder, scraped over HTTP: the
// served certificates' x509_cert_* series with an endpoint label, the endpoint profile's failing
// rules, and certcheck_endpoint_up 0 for a target that cannot be reached (the page still served).
#include <signal.h>

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "support/monitoring.hpp"
#include "support/process.hpp"
#include "support/servers.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> endpoint_args(const std::string& target, std::vector<std::string> more) {
    std::vector<std::string> args{"endpoint", target, "--at", std::string{kTestAt}, "--trust-store", fixture("root-ca.pem"),
                                  "--servername", "www.example.com", "--timeout", "5"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// The value of the one sample whose line starts with `series` (the metric name and a prefix of its labels).
std::string value_of(const std::string& page, const std::string& series) {
    const auto lines = lines_of(page, series);
    if (lines.size() != 1) return "<" + std::to_string(lines.size()) + " samples of " + series + ">";
    return lines[0].substr(lines[0].rfind(' ') + 1);
}

TEST(EndpointFormats, OpenMetricsNamesTheEndpointAndPassesPromtool) {
    const TlsServer srv{fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem")};
    ASSERT_TRUE(srv.ready());
    const RunResult r = run_certcheck(endpoint_args(srv.target(), {"--format", "openmetrics"}), 60);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(promtool_problems(r.out, "endpoint"), "");
    const std::string labels = "{endpoint=\"" + srv.target() + "\",filename=\"\",filepath=\"" + srv.target() + "\",";
    const auto after = lines_of(r.out, "x509_cert_not_after" + labels);
    ASSERT_EQ(after.size(), 2u) << r.out;  // the served leaf and intermediate
    EXPECT_TRUE(has(after[0], "subject_CN=\"www.example.com\"")) << after[0];
    EXPECT_TRUE(has(after[0], "serial_number=\"4101\"")) << after[0];
    EXPECT_TRUE(has(after[1], "subject_CN=\"certcheck Test Intermediate CA\"")) << after[1];
    EXPECT_EQ(std::stoll(after[0].substr(after[0].rfind(' ') + 1)), openssl_unix(fixture("leaf.pem"), "-enddate"));
    EXPECT_EQ(std::stoll(after[1].substr(after[1].rfind(' ') + 1)), openssl_unix(fixture("inter-ca.pem"), "-enddate"));
    const auto before = lines_of(r.out, "x509_cert_not_before" + labels + "serial_number=\"4101\"");
    ASSERT_EQ(before.size(), 1u) << r.out;
    EXPECT_EQ(std::stoll(before[0].substr(before[0].rfind(' ') + 1)), openssl_unix(fixture("leaf.pem"), "-startdate"));
    EXPECT_EQ(value_of(r.out, "x509_cert_expired" + labels + "serial_number=\"4101\""), "0");
    EXPECT_EQ(value_of(r.out, "certcheck_subjects{verdict=\"pass\"}"), "1");
    EXPECT_TRUE(lines_of(r.out, "certcheck_finding{").empty()) << r.out;
}

TEST(EndpointFormats, OpenMetricsOfANameAtAddressTargetCarriesTheNameInItsLabel) {
    // Two names behind one address (SNI): each NAME@ADDRESS target is its own endpoint label.
    const TlsServer srv{fixture("soon.pem"), fixture("soon.key"), fixture("chain-no-root.pem"), {"-servername", "www.example.com", "-cert2", fixture("leaf.pem"), "-key2", fixture("leaf.key")}};
    ASSERT_TRUE(srv.ready());
    const std::string www = "www.example.com@" + srv.target();
    const std::string soon = "soon.example.com@" + srv.target();
    const RunResult r = run_certcheck({"endpoint", www, soon, "--at", std::string{kTestAt}, "--trust-store", fixture("root-ca.pem"),
                                       "--timeout", "5", "--format", "openmetrics"},
                                      60);
    EXPECT_EQ(promtool_problems(r.out, "endpoint"), "");
    const auto www_leaf = lines_of(r.out, "x509_cert_not_after{endpoint=\"" + www + "\",filename=\"\",filepath=\"" + www + "\",");
    ASSERT_FALSE(www_leaf.empty()) << r.out;
    EXPECT_TRUE(has(www_leaf[0], "subject_CN=\"www.example.com\"")) << www_leaf[0];
    const auto soon_leaf = lines_of(r.out, "x509_cert_not_after{endpoint=\"" + soon + "\",");
    ASSERT_FALSE(soon_leaf.empty()) << r.out;
    EXPECT_TRUE(has(soon_leaf[0], "subject_CN=\"soon.example.com\"")) << soon_leaf[0];
}

TEST(EndpointFormats, OpenMetricsOfAnExpiredLeafAndAClosedPort) {
    const TlsServer srv{fixture("expired.pem"), fixture("expired.key"), fixture("chain-no-root.pem")};
    ASSERT_TRUE(srv.ready());
    const std::string closed = "127.0.0.1:" + std::to_string(free_port());  // nothing listens there
    const RunResult r = run_certcheck({"endpoint", srv.target(), closed, "--at", std::string{kTestAt}, "--trust-store",
                                       fixture("root-ca.pem"), "--servername", "expired.example.com", "--timeout", "5", "--format",
                                       "openmetrics"},
                                      60);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, closed)) << r.err;
    EXPECT_EQ(promtool_problems(r.out, "endpoint-expired"), "");
    EXPECT_EQ(value_of(r.out, "x509_cert_expired{endpoint=\"" + srv.target() + "\",filename=\"\",filepath=\"" + srv.target() +
                                  "\",serial_number=\"4106\""),
              "1");
    EXPECT_EQ(value_of(r.out, "certcheck_finding{subject=\"" + srv.target() + "\",filepath=\"" + srv.target() +
                                  "\",rule=\"body-validity\",status=\"error\"}"),
              "1");
    EXPECT_EQ(value_of(r.out, "certcheck_finding{subject=\"" + closed + "\",filepath=\"" + closed + "\",rule=\"\",status=\"error\"}"), "1");
    EXPECT_TRUE(lines_of(r.out, "x509_cert_not_after{endpoint=\"" + closed).empty()) << r.out;
    EXPECT_EQ(value_of(r.out, "certcheck_subjects{verdict=\"fail\"}"), "1");
    EXPECT_EQ(value_of(r.out, "certcheck_subjects{verdict=\"error\"}"), "1");
}

TEST(EndpointFormats, HtmlRendersInChromiumWithARowPerTarget) {
    const TlsServer good{fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem")};
    const TlsServer old{fixture("expired.pem"), fixture("expired.key"), fixture("chain-no-root.pem")};
    ASSERT_TRUE(good.ready() && old.ready());
    TempDir dir;
    const std::string html = dir.path() + "/endpoints.html";
    const RunResult r = run_certcheck(endpoint_args(good.target(), {old.target(), "--format", "html", "--output", html}), 60);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // the expired one fails body-validity (and host-match)
    const std::string page = read_file(html);
    EXPECT_EQ(page.find("<link"), std::string::npos);
    const RunResult dom = browser({"--dump-dom", "file://" + html});
    ASSERT_NE(dom.exit_code, 127) << "chromium-headless-shell is missing: run cmake/install-deps.sh";
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    std::size_t rows = 0;
    for (auto at = dom.out.find("<tr class=\"subject\""); at != std::string::npos; at = dom.out.find("<tr class=\"subject\"", at + 1)) ++rows;
    EXPECT_EQ(rows, 2u) << dom.out;
    EXPECT_TRUE(has(dom.out, good.target())) << dom.out;
    EXPECT_TRUE(has(dom.out, old.target())) << dom.out;
    EXPECT_TRUE(has(dom.out, "body-validity")) << "the expired target's finding is listed";
    EXPECT_TRUE(has(dom.out, "<svg id=\"timeline\"")) << "an expiry timeline of the served leaves";
    const std::string shot = (fs::path(CERTCHECK_BINARY).parent_path().parent_path() / "test-artefacts" / "endpoint-html-report.png").string();
    fs::create_directories(fs::path(shot).parent_path());
    const RunResult png = browser({"--screenshot=" + shot, "--window-size=1280,900", "file://" + html});
    EXPECT_EQ(png.exit_code, 0) << png.err;
    EXPECT_TRUE(fs::exists(shot));
}

TEST(ExporterEndpoint, ProbesTargetsEachIntervalBesideAFolderAndKeepsServingWhenOneIsDown) {
    TempDir dir;
    const std::string tree = dir.path() + "/tree";
    fs::create_directories(tree + "/www");
    fs::copy_file(fixture("leaf.pem"), tree + "/www/cert.pem");
    fs::copy_file(fixture("leaf.key"), tree + "/www/key.pem");
    auto srv = std::make_unique<TlsServer>(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem"));
    ASSERT_TRUE(srv->ready());
    const std::string up = srv->target();
    const std::string down = "127.0.0.1:" + std::to_string(free_port());  // nothing listens there
    const std::string targets = dir.write("targets.txt", "# probed every interval\n" + down + "\n");
    const int port = free_port();
    Background exporter;
    exporter.pid = spawn_program({CERTCHECK_BINARY, "exporter", "--listen", "127.0.0.1:" + std::to_string(port), "--interval", "1s", "--at",
                                  std::string{kTestAt}, "--trust-store", fixture("root-ca.pem"), "--jobs", "2", "--endpoint", up,
                                  "--endpoint-targets", targets, "--endpoint-timeout", "2", tree},
                                 dir.path() + "/exporter.log");
    ASSERT_TRUE(wait_for([&] { return http_get(port, "/metrics").status == 200; }, 30)) << read_file(dir.path() + "/exporter.log");
    const std::string page = http_get(port, "/metrics").body;
    EXPECT_EQ(promtool_problems(page, "exporter-endpoint"), "");

    const std::string served = "{endpoint=\"" + up + "\",filename=\"\",filepath=\"" + up + "\",serial_number=\"4101\",";
    EXPECT_EQ(value_of(page, "x509_cert_not_after" + served), std::to_string(openssl_unix(fixture("leaf.pem"), "-enddate"))) << page;
    EXPECT_EQ(value_of(page, "x509_cert_not_before" + served), std::to_string(openssl_unix(fixture("leaf.pem"), "-startdate")));
    EXPECT_EQ(value_of(page, "x509_cert_expired" + served), "0");
    EXPECT_EQ(lines_of(page, "x509_cert_not_after{endpoint=\"" + up + "\"").size(), 2u) << "leaf and intermediate";
    // The folder's certificate, as before: no endpoint label.
    EXPECT_EQ(value_of(page, "x509_cert_not_after{filename=\"cert.pem\",filepath=\"" + tree + "/www/cert.pem\""),
              std::to_string(openssl_unix(fixture("leaf.pem"), "-enddate")));
    // The endpoint profile's rules: the address sent no SNI and the leaf does not name 127.0.0.1.
    EXPECT_EQ(value_of(page, "certcheck_finding{subject=\"" + up + "\",filepath=\"" + up + "\",rule=\"host-match\",status=\"error\"}"), "1");
    EXPECT_EQ(value_of(page, "certcheck_endpoint_up{endpoint=\"" + up + "\"}"), "1");
    EXPECT_EQ(value_of(page, "certcheck_endpoint_up{endpoint=\"" + down + "\"}"), "0");
    EXPECT_EQ(value_of(page, "certcheck_finding{subject=\"" + down + "\",filepath=\"" + down + "\",rule=\"\",status=\"error\"}"), "1");
    EXPECT_EQ(value_of(page, "certcheck_exporter_scan_timestamp_seconds"), "1893456000");  // --at 2030-01-01

    // The server goes away: the next probe says so, its series go, the page is still served.
    srv.reset();
    ASSERT_TRUE(wait_for([&] {
        const Http h = http_get(port, "/metrics");
        return h.status == 200 && value_of(h.body, "certcheck_endpoint_up{endpoint=\"" + up + "\"}") == "0";
    },
                         30))
        << http_get(port, "/metrics").body << read_file(dir.path() + "/exporter.log");
    const std::string later = http_get(port, "/metrics").body;
    EXPECT_TRUE(lines_of(later, "x509_cert_not_after{endpoint=").empty()) << later;
    EXPECT_EQ(lines_of(later, "x509_cert_not_after{filename=\"cert.pem\"").size(), 1u) << later;
    EXPECT_EQ(http_get(port, "/healthz").status, 200);

    EXPECT_EQ(stop_program(exporter.pid, SIGTERM, 15000), 0) << read_file(dir.path() + "/exporter.log");
    exporter.pid = -1;
    const std::string log = read_file(dir.path() + "/exporter.log");
    EXPECT_TRUE(has(log, "certcheck exporter: endpoint " + down + ": cannot connect")) << log;
    EXPECT_TRUE(has(log, "2 endpoints (1 unreachable)")) << log;
    EXPECT_TRUE(has(log, "certcheck exporter: stopped")) << log;
}

TEST(ExporterEndpoint, EndpointsAloneAndBadEndpointOptions) {
    RunResult r = run_certcheck({"exporter"}, 20);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "--endpoint")) << r.err;
    r = run_certcheck({"exporter", "--endpoint", "http://127.0.0.1:80"}, 20);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "--endpoint: 'http://127.0.0.1:80' is not a target")) << r.err;
    r = run_certcheck({"exporter", "--endpoint", "127.0.0.1:443", "--endpoint-timeout", "0"}, 20);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "--endpoint-timeout")) << r.err;
    r = run_certcheck({"exporter", "--endpoint-targets", "/nonexistent/targets.txt"}, 20);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "/nonexistent/targets.txt")) << r.err;

    // No PATH: only the endpoint is exported.
    const TlsServer srv{fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem")};
    ASSERT_TRUE(srv.ready());
    TempDir dir;
    const int port = free_port();
    Background exporter;
    exporter.pid = spawn_program({CERTCHECK_BINARY, "exporter", "--listen", "127.0.0.1:" + std::to_string(port), "--at", std::string{kTestAt},
                                  "--endpoint", srv.target(), "--trust-store", fixture("root-ca.pem")},
                                 dir.path() + "/exporter.log");
    ASSERT_TRUE(wait_for([&] { return http_get(port, "/metrics").status == 200; }, 30)) << read_file(dir.path() + "/exporter.log");
    const std::string page = http_get(port, "/metrics").body;
    EXPECT_EQ(lines_of(page, "x509_cert_not_after{").size(), 2u) << page;
    EXPECT_EQ(value_of(page, "certcheck_endpoint_up{endpoint=\"" + srv.target() + "\"}"), "1");
    EXPECT_EQ(value_of(page, "certcheck_exporter_scan_error"), "0");
}

}  // namespace
}  // namespace certcheck::test
