// certcheck exporter end to end: the HTTP server on a free 127.0.0.1 port, scraped by a real
// Prometheus server (Debian's prometheus package) whose HTTP API must then hold the right
// x509_cert_not_after series and values; changed directories re-read, unchanged ones reused;
// bad requests refused; a clean exit on SIGTERM.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/monitoring.hpp"
#include "support/process.hpp"
#include "support/servers.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

std::string url_encode(const std::string& s) {
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '_' || c == '-' || c == '.') out += static_cast<char>(c);
        else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += '%';
            out += kHex[c >> 4U];
            out += kHex[c & 0xFU];
        }
    }
    return out;
}

void copy_site(const std::string& root, const std::string& name, const std::string& cert, const std::string& key, const char* chain) {
    fs::create_directories(fs::path(root) / name);
    fs::copy_file(fixture(cert), fs::path(root) / name / "cert.pem", fs::copy_options::overwrite_existing);
    fs::copy_file(fixture(key), fs::path(root) / name / "key.pem", fs::copy_options::overwrite_existing);
    if (chain != nullptr) fs::copy_file(fixture(chain), fs::path(root) / name / "chain.pem", fs::copy_options::overwrite_existing);
}

std::string metric_line(const std::string& page, const std::string& prefix) {
    const auto at = page.find("\n" + prefix);
    if (at == std::string::npos) return {};
    return page.substr(at + 1, page.find('\n', at + 1) - at - 1);
}

TEST(Exporter, ServesMetricsThatPrometheusScrapesAndReReadsOnlyChangedDirectories) {
    TempDir dir;
    const std::string tree = dir.path() + "/tree";
    copy_site(tree, "www", "leaf.pem", "leaf.key", "chain.pem");
    const int port = free_port();
    ASSERT_GT(port, 0);
    Background exporter;
    exporter.pid = spawn_program({CERTCHECK_BINARY, "exporter", "--listen", "127.0.0.1:" + std::to_string(port), "--interval", "1s",
                                  "--at", std::string{kTestAt}, "--jobs", "1", tree},
                                 dir.path() + "/exporter.log");
    ASSERT_TRUE(wait_for([&] { return http_get(port, "/metrics").status == 200; }, 20)) << read_file(dir.path() + "/exporter.log");

    const Http health = http_get(port, "/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body, "ok\n");
    const Http m = http_get(port, "/metrics");
    EXPECT_NE(m.head.find("Content-Type: application/openmetrics-text; version=1.0.0; charset=utf-8"), std::string::npos) << m.head;
    EXPECT_TRUE(m.body.ends_with("# EOF\n"));
    const std::string prom = write_temp("exporter.prom", m.body);
    const RunResult lint = run_program({"sh", "-c", "promtool check metrics < \"$0\"", prom}, 60);
    EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err << m.body;
    EXPECT_EQ(http_get(port, "/nope").status, 404);
    EXPECT_EQ(http_raw(port, "POST /metrics HTTP/1.1\r\n\r\n").status, 405);
    EXPECT_EQ(http_raw(port, "GET /metrics HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n").status, 431);
    EXPECT_EQ(http_raw(port, "garbage\r\n\r\n").status, 400);
    // A client that sends half a request and stalls is dropped; the server still answers others.
    const int stalled = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(stalled, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    (void)::send(stalled, "GET /met", 8, MSG_NOSIGNAL);
    EXPECT_EQ(http_raw(port, "GET /healthz HTTP/1.1\r\n\r\n", 15000).status, 200) << "answered after the stalled client's deadline";
    ::close(stalled);

    // A real Prometheus server scrapes the exporter every second.
    const int prom_port = free_port();
    const std::string config = dir.write("prometheus.yml",
                                         "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                                         "scrape_configs:\n  - job_name: certcheck\n    static_configs:\n"
                                         "      - targets: ['127.0.0.1:" +
                                             std::to_string(port) + "']\n");
    fs::create_directories(dir.path() + "/tsdb");
    Background prometheus;
    prometheus.pid = spawn_program({"prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.path() + "/tsdb",
                                    "--web.listen-address=127.0.0.1:" + std::to_string(prom_port)},
                                   dir.path() + "/prometheus.log");
    nlohmann::json result;
    const auto query = [&](const std::string& q) {
        const Http r = http_get(prom_port, "/api/v1/query?query=" + url_encode(q));
        if (r.status != 200) return nlohmann::json::array();
        return nlohmann::json::parse(r.body, nullptr, false).value("data", nlohmann::json::object()).value("result", nlohmann::json::array());
    };
    ASSERT_TRUE(wait_for([&] { return (result = query("x509_cert_not_after")).size() == 3; }, 90))
        << "no scrape reached Prometheus\n"
        << read_file(dir.path() + "/prometheus.log") << read_file(dir.path() + "/exporter.log");
    std::map<std::string, const nlohmann::json*> by_cn;
    for (const auto& series : result) by_cn[series["metric"]["subject_CN"]] = &series;
    ASSERT_TRUE(by_cn.count("www.example.com")) << result.dump(1);
    const auto& leaf = *by_cn.at("www.example.com");
    EXPECT_EQ(leaf["metric"]["job"], "certcheck");
    EXPECT_EQ(leaf["metric"]["filepath"], tree + "/www/cert.pem");
    EXPECT_EQ(leaf["metric"]["issuer_CN"], "certcheck Test Intermediate CA");
    EXPECT_EQ(leaf["metric"]["serial_number"], "4101");
    EXPECT_EQ(std::stoll(leaf["value"][1].get<std::string>()), openssl_unix(fixture("leaf.pem"), "-enddate"));
    ASSERT_TRUE(by_cn.count("certcheck Test Root CA"));
    EXPECT_EQ(by_cn.at("certcheck Test Root CA")->at("metric")["filepath"], tree + "/www/chain.pem");
    const auto expired = query("x509_cert_expired == 1");
    EXPECT_TRUE(expired.empty()) << expired.dump(1);

    // A second site: its directory is read, the first one is reused; Prometheus sees the new leaf.
    copy_site(tree, "shop", "expired.pem", "expired.key", nullptr);
    ASSERT_TRUE(wait_for([&] { return query("x509_cert_expired == 1").size() == 1; }, 60))
        << read_file(dir.path() + "/exporter.log");
    EXPECT_EQ(query("x509_cert_expired == 1")[0]["metric"]["filepath"], tree + "/shop/cert.pem");
    EXPECT_EQ(query("certcheck_finding{rule=\"body-validity\"}").size(), 1u);
    ASSERT_TRUE(wait_for([&] {
        const std::string page = http_get(port, "/metrics").body;
        return metric_line(page, "certcheck_exporter_directories{state=\"reused\"}") == "certcheck_exporter_directories{state=\"reused\"} 2";
    },
                         20))
        << http_get(port, "/metrics").body;

    EXPECT_EQ(stop_program(exporter.pid, SIGTERM, 10000), 0) << read_file(dir.path() + "/exporter.log");
    exporter.pid = -1;
    const std::string log = read_file(dir.path() + "/exporter.log");
    EXPECT_NE(log.find("certcheck exporter: stopped"), std::string::npos) << log;
    EXPECT_NE(log.find("(1 reused)"), std::string::npos) << log;
}

TEST(Exporter, BadListenAndIntervalAreUsageErrors) {
    RunResult r = run_certcheck({"exporter", "--listen", "localhost:80", fixture("leaf.pem")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--listen"), std::string::npos) << r.err;
    r = run_certcheck({"exporter", "--interval", "5 minutes", fixture("leaf.pem")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--interval"), std::string::npos) << r.err;
    // A port already taken: a clear message, exit 2, no hang.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(::listen(fd, 1), 0);
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len), 0);
    r = run_certcheck({"exporter", "--listen", "127.0.0.1:" + std::to_string(ntohs(a.sin_port)), fixture("leaf.pem")}, 20);
    ::close(fd);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot listen"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace certcheck::test
