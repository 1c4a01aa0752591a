// certcheck endpoint against servers the test starts on 127.0.0.1 (openssl s_server, python3's
// http.server, a listener that never answers): the served chain checked end to end.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/forge.hpp"
#include "support/report.hpp"
#include "support/servers.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

std::vector<std::string> endpoint_args(const std::string& target, std::vector<std::string> more = {},
                                       const std::string& servername = "www.example.com") {
    std::vector<std::string> args{target, "--at", std::string{kTestAt}, "--trust-store", fixture("root-ca.pem"),
                                  "--servername", servername, "--timeout", "5"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

Checked endpoint(const std::string& target, std::vector<std::string> more = {},
                 const std::string& servername = "www.example.com") {
    return command_json_report("endpoint", endpoint_args(target, std::move(more), servername), 60);
}

#define START_TLS(var, ...)     \
    TlsServer var{__VA_ARGS__}; \
    ASSERT_TRUE(var.ready()) << "openssl s_server did not start"

TEST(Endpoint, AGoodChainPasses) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem"));
    const Checked c = endpoint(srv.target());
    EXPECT_EQ(c.run.exit_code, 0) << c.context();
    for (const char* rule : {"body-validity", "body-expiry-soon", "body-signature-algorithm", "chain-order",
                             "chain-no-extra", "chain-validity", "host-match", "endpoint-chain-complete"}) {
        EXPECT_EQ(c.st(rule), "pass") << rule << ": " << c.context();
    }
    EXPECT_EQ(c.st("endpoint-serves-cert"), "not-applicable");
    EXPECT_EQ(c.doc["profile"], "endpoint");
    EXPECT_EQ(c.doc["subjects"][0]["inputs"]["cert"], srv.target());
    EXPECT_EQ(c.doc["subjects"][0]["name"], srv.target());
}

TEST(Endpoint, TlsOneTwoOnlyServerAndTextReport) {
    const TlsServer srv{fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem"), {"-tls1_2"}};
    ASSERT_TRUE(srv.ready());
    const RunResult r = run_certcheck({"endpoint", "https://" + srv.target() + "/index.html", "--at", std::string{kTestAt},
                                       "--trust-store", fixture("root-ca.pem"), "--servername", "www.example.com"},
                                      30);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "TLSv1.2")) << r.out;
    EXPECT_TRUE(has(r.out, "PASS")) << r.out;
}

TEST(Endpoint, AReversedChainFailsChainOrder) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-reversed.pem"));
    const Checked c = endpoint(srv.target());
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("chain-order"), "error") << c.context();
    EXPECT_TRUE(has(c.msg("chain-order"), "chain[0]")) << c.msg("chain-order");
}

TEST(Endpoint, AMissingIntermediateFailsEndpointChainComplete) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"));
    const Checked c = endpoint(srv.target());
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("endpoint-chain-complete"), "error") << c.context();
    EXPECT_TRUE(has(c.msg("endpoint-chain-complete"), "certcheck Test Intermediate CA")) << c.msg("endpoint-chain-complete");
    EXPECT_EQ(c.st("chain-order"), "not-applicable");
}

TEST(Endpoint, AServedRootIsAWarning) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem"));
    const Checked c = endpoint(srv.target());
    EXPECT_EQ(c.run.exit_code, 0) << c.context();
    EXPECT_EQ(c.st("endpoint-chain-complete"), "warn") << c.context();
    EXPECT_TRUE(has(c.msg("endpoint-chain-complete"), "root")) << c.msg("endpoint-chain-complete");
    const Checked strict = endpoint(srv.target(), {"--fail-on", "warn"});
    EXPECT_EQ(strict.run.exit_code, 1) << strict.context();
}

TEST(Endpoint, AnExpiredLeafFailsBodyValidity) {
    START_TLS(srv, fixture("expired.pem"), fixture("expired.key"), fixture("chain-no-root.pem"));
    const Checked c = endpoint(srv.target(), {}, "expired.example.com");
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("body-validity"), "error") << c.context();
    EXPECT_EQ(c.st("host-match"), "pass") << c.context();
}

TEST(Endpoint, AWrongHostNameFailsHostMatch) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem"));
    const Checked c = endpoint(srv.target(), {}, "shop.example.org");
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("host-match"), "error") << c.context();
    EXPECT_TRUE(has(c.msg("host-match"), "shop.example.org")) << c.msg("host-match");
}

TEST(Endpoint, NameAtAddressSendsThatServerNameAndChecksIt) {
    // The server serves soon.example.com unless the client asks for www.example.com (SNI).
    START_TLS(srv, fixture("soon.pem"), fixture("soon.key"), fixture("chain-no-root.pem"),
              {"-servername", "www.example.com", "-cert2", fixture("leaf.pem"), "-key2", fixture("leaf.key")});
    const std::string named = "www.example.com@" + srv.target();
    const Checked c = command_json_report("endpoint", {named, srv.target(), "--at", std::string{kTestAt}, "--trust-store", fixture("root-ca.pem"), "--timeout", "5"},
                                          60);
    ASSERT_EQ(c.doc["subjects"].size(), 2u) << c.context();
    const auto& by_name = c.doc["subjects"][0];
    EXPECT_EQ(by_name["name"], named);
    EXPECT_EQ(by_name["inputs"]["cert"], named);
    EXPECT_EQ(by_name["certificates"][0]["subject_fields"]["CN"], "www.example.com") << c.context();
    const auto& plain = c.doc["subjects"][1];
    EXPECT_EQ(plain["certificates"][0]["subject_fields"]["CN"], "soon.example.com") << c.context();
    for (const auto& [subject, want] : {std::pair{&by_name, "pass"}, std::pair{&plain, "error"}}) {
        bool seen = false;
        for (const auto& f : (*subject)["findings"]) {
            if (f["rule"] != "host-match") continue;
            seen = true;
            EXPECT_EQ(f["status"], want) << f.dump();
        }
        EXPECT_TRUE(seen) << c.context();
    }
}

TEST(Endpoint, ServesCertAndChainCompareWithTheFiles) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem"));
    const Checked same = endpoint(srv.target(), {"--cert", fixture("leaf.pem"), "--chain", fixture("chain-no-root.pem")});
    EXPECT_EQ(same.run.exit_code, 0) << same.context();
    EXPECT_EQ(same.st("endpoint-serves-cert"), "pass") << same.context();
    EXPECT_EQ(same.st("endpoint-serves-chain"), "pass") << same.context();

    const Checked other = endpoint(srv.target(), {"--cert", fixture("soon.pem"), "--chain", fixture("chain.pem")});
    EXPECT_EQ(other.run.exit_code, 1) << other.context();
    EXPECT_EQ(other.st("endpoint-serves-cert"), "error") << other.context();
    EXPECT_TRUE(has(other.msg("endpoint-serves-cert"), "soon.example.com")) << other.msg("endpoint-serves-cert");
    EXPECT_EQ(other.st("endpoint-serves-chain"), "error") << other.context();
    EXPECT_TRUE(has(other.msg("endpoint-serves-chain"), "not served: CN=certcheck Test Root CA")) << other.msg("endpoint-serves-chain");
}

TEST(Endpoint, ASilentServerTimesOutWithExit2) {
    const SilentListener silent;
    const std::string target = "127.0.0.1:" + std::to_string(silent.port());
    const auto start = std::chrono::steady_clock::now();
    const RunResult r = run_certcheck({"endpoint", target, "--timeout", "1"}, 30);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_LT(took, 4.0);
    EXPECT_TRUE(has(r.out, target)) << r.out;
    EXPECT_TRUE(has(r.out, "no TLS handshake within 1 s")) << r.out;
}

TEST(Endpoint, AServerThatClosesTheConnectionIsExit2) {
    const SilentListener closing{true};
    const std::string target = "127.0.0.1:" + std::to_string(closing.port());
    const RunResult r = run_certcheck({"endpoint", target, "--timeout", "5"}, 30);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(has(r.out, target + ": error: ")) << r.out;
    EXPECT_TRUE(has(r.out, "closed the connection during the TLS handshake") || has(r.out, "connection failed during the TLS handshake"))
        << r.out;
}

TEST(Endpoint, APlainHttpPortIsExit2) {
    const TempDir dir;
    const HttpServer http{dir.path()};
    ASSERT_TRUE(http.ready());
    const std::string target = "127.0.0.1:" + std::to_string(http.port());
    const RunResult r = run_certcheck({"endpoint", target, "--timeout", "5", "--format", "json"}, 30);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(has(r.err, target + ": the server did not answer with TLS")) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["subjects"][0]["verdict"], "error");
}

TEST(Endpoint, AClosedPortAndABadTargetAreExit2) {
    const int port = free_port();  // nothing listens there
    const RunResult closed = run_certcheck({"endpoint", "127.0.0.1:" + std::to_string(port), "--timeout", "2"}, 30);
    EXPECT_EQ(closed.exit_code, 2);
    EXPECT_TRUE(has(closed.out, "refused")) << closed.out;
    const RunResult bad = run_certcheck({"endpoint", "http://127.0.0.1:80"}, 30);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_TRUE(has(bad.err, "http://127.0.0.1:80")) << bad.err;
    const RunResult none = run_certcheck({"endpoint"}, 30);
    EXPECT_EQ(none.exit_code, 2);
}

TEST(Endpoint, AHundredTargetsWithEightJobsFinishWithinTheirTimeouts) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem"));
    const SilentListener silent;
    std::string list = "# fifty good, fifty silent\n";
    for (int i = 0; i < 50; ++i) {
        list += srv.target() + "\n";
        list += "127.0.0.1:" + std::to_string(silent.port()) + "\n";
    }
    const TempDir dir;
    const std::string file = dir.write("targets.txt", list);
    const auto start = std::chrono::steady_clock::now();
    const RunResult r = run_certcheck({"endpoint", "--targets", file, "--jobs", "8", "--timeout", "1", "--at",
                                       std::string{kTestAt}, "--trust-store", fixture("root-ca.pem"), "--servername",
                                       "www.example.com", "--format", "json"},
                                      120);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    // 50 one-second timeouts, 8 at a time: about 7 s; one at a time would be 50 s.
    EXPECT_LT(took, 25.0);
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["summary"]["subjects"], 100);
    EXPECT_EQ(doc["summary"]["passed"], 50);
    EXPECT_EQ(doc["summary"]["errors"], 50);
    EXPECT_EQ(doc["subjects"][0]["verdict"], "pass");  // target order is kept
    EXPECT_EQ(doc["subjects"][1]["verdict"], "error");
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

// The served chain reaches a root of the trust store that has expired (a private root nobody
// renewed): clients reject the path, so the endpoint fails; with a current root that issued the
// same intermediate's key it passes.
TEST(Endpoint, AServedChainEndingAtAnExpiredTrustStoreRootFails) {
    TempDir dir;
    ossl::PkeyPtr root_key = forge::ec_key();
    ossl::PkeyPtr ca_key = forge::ec_key();
    ossl::PkeyPtr leaf_key = forge::ec_key();
    forge::CertSpec leaf_spec = forge::spec("www.example.com", "Issuing CA", false);
    leaf_spec.dns_sans = {"www.example.com"};
    const std::string old_root = forge::cert_pem(forge::spec("Old Root", "", true, "20250101000000Z"), root_key.get(), root_key.get());
    const std::string new_root = forge::cert_pem(forge::spec("Old Root"), root_key.get(), root_key.get());
    const std::string chain = dir.write("chain.pem", forge::cert_pem(forge::spec("Issuing CA", "Old Root"), ca_key.get(), root_key.get()));
    const std::string leaf = dir.write("leaf.pem", forge::cert_pem(leaf_spec, leaf_key.get(), ca_key.get()));
    const std::string key = dir.write("leaf.key", forge::private_pem(leaf_key.get()));
    START_TLS(srv, leaf, key, chain);
    const auto probe = [&](const std::string& store) {
        return command_json_report("endpoint", {srv.target(), "--at", std::string{kTestAt}, "--trust-store", store, "--servername", "www.example.com", "--timeout", "5"},
                                   60);
    };
    const Checked stale = probe(dir.write("old.pem", old_root));
    EXPECT_EQ(stale.run.exit_code, 1) << stale.context();
    EXPECT_EQ(stale.st("endpoint-chain-complete"), "error") << stale.context();
    EXPECT_TRUE(has(stale.msg("endpoint-chain-complete"), "the served chain reaches CN=Issuing CA, whose issuer CN=Old Root in "))
        << stale.msg("endpoint-chain-complete");
    EXPECT_TRUE(has(stale.msg("endpoint-chain-complete"), "expired on 2025-01-01T00:00:00Z (checked at 2030-01-01T00:00:00Z)"))
        << stale.msg("endpoint-chain-complete");
    // The root re-issued with the same name and key, valid now: the path is fine.
    const Checked renewed = probe(dir.write("both.pem", old_root + new_root));
    EXPECT_EQ(renewed.st("endpoint-chain-complete"), "pass") << renewed.context();
}

TEST(Endpoint, AnIpv6LoopbackTarget) {
    const int port = free_port();
    const std::string target = "[::1]:" + std::to_string(port);
    const ChildProcess srv({"openssl", "s_server", "-accept", target, "-cert", fixture("leaf.pem"), "-key", fixture("leaf.key"),
                            "-cert_chain", fixture("chain-no-root.pem"), "-www", "-quiet"});
    RunResult r;
    for (int i = 0; i < 50; ++i) {  // bounded wait for the listener (at most ~5 s)
        r = run_certcheck({"endpoint", target, "--servername", "www.example.com", "--trust-store", fixture("root-ca.pem"),
                           "--at", std::string{kTestAt}, "--timeout", "2"},
                          30);
        if (r.exit_code != 2 || !has(r.out, "refused")) break;
        usleep(100'000);
    }
    if (has(r.out, "Cannot assign requested address") || has(r.out, "Address family not supported")) {
        GTEST_SKIP() << "no IPv6 loopback here: " << r.out;
    }
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "PASS " + target)) << r.out;
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

// endpoint reads .certcheck.toml as check and scan do: the top-level keys but the profile (which
// names the upload being prepared), an [endpoint] table over them, flags over both, --no-config.
TEST(Endpoint, HonoursTheConfigurationFile) {
    START_TLS(srv, fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-no-root.pem"));
    TempDir dir;
    const std::string cwd = dir.path() + "/repo";
    std::filesystem::create_directories(cwd + "/.git");
    const auto run = [&](std::vector<std::string> more) {
        std::vector<std::string> args{"endpoint"};
        const auto base = endpoint_args(srv.target(), std::move(more));
        args.insert(args.end(), base.begin(), base.end());
        args.insert(args.end(), {"--format", "json"});
        return run_certcheck(args, 60, {}, cwd);
    };
    // The status of a rule in a json report ("" when it did not run).
    const auto status = [](const RunResult& r, const std::string& rule) -> std::string {
        const auto doc = nlohmann::json::parse(r.out, nullptr, false);
        if (doc.is_discarded()) return "<not json>";
        for (const auto& f : doc["subjects"][0]["findings"]) {
            if (f["rule"] == rule) return f["status"];
        }
        return "";
    };
    // The top level: its skip and expiry-warn apply, its upload profile does not.
    dir.write("repo/.certcheck.toml", "profile = \"iam-server\"\nskip = [\"host-match\"]\nexpiry-warn = 36500\n");
    RunResult r = run({});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["profile"], "endpoint");
    EXPECT_EQ(status(r, "host-match"), "") << r.out;
    EXPECT_EQ(status(r, "body-expiry-soon"), "warn") << r.out;
    // [endpoint] over the top level; a flag over both; --no-config ignores the file.
    dir.write("repo/.certcheck.toml", "skip = [\"host-match\"]\nexpiry-warn = 36500\n[endpoint]\nfail-on = \"warn\"\n");
    EXPECT_EQ(run({}).exit_code, 1);
    EXPECT_EQ(run({"--fail-on", "error"}).exit_code, 0);
    r = run({"--no-config"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(status(r, "host-match"), "pass") << r.out;
    EXPECT_EQ(status(r, "body-expiry-soon"), "pass") << r.out;
    // A bad key in [endpoint] names the file, line and key.
    dir.write("repo/.certcheck.toml", "[endpoint]\nfailon = \"warn\"\n");
    r = run({});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, ".certcheck.toml:2: endpoint.failon: unknown key")) << r.err;
}

}  // namespace
}  // namespace certcheck::test
