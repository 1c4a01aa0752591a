// key-weak end to end through the binary: `check` from a certificate alone on each weakness
// (fixtures from testdata/gen-weak.py, and EC points built here), and `scan` for primes shared
// across a tree (keys built here), in the text, json and ndjson formats.
#include <gtest/gtest.h>

#include <openssl/obj_mac.h>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/monitoring.hpp"
#include "support/process.hpp"
#include "support/servers.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"
#include "support/weak_keys.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

RunResult check_cert(const std::string& path) {
    return run_certcheck({"check", "--cert", path, "--only", "key-weak", "--at", std::string{kTestAt}, "--no-config"});
}

TEST(WeakKeysE2e, CheckFromTheCertificateAlone) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"weak-roca.pem", "ROCA fingerprint"},
        {"weak-fermat.pem", "Fermat's method factors it in 1 step"},
        {"weak-small-factor.pem", "prime factor below 10000"},
        {"weak-exponent-1.pem", "public exponent is 1"},
    };
    for (const auto& [name, part] : cases) {
        const RunResult r = check_cert(fixture(name));
        EXPECT_EQ(r.exit_code, 1) << name << r.out << r.err;
        EXPECT_TRUE(has(r.out, part)) << name << ": " << r.out;
        EXPECT_TRUE(has(r.out, "[key-weak]")) << r.out;
        EXPECT_TRUE(has(r.out, "revoke")) << r.out;
    }
    const RunResult ok = check_cert(fixture("leaf.pem"));
    EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
}

TEST(WeakKeysE2e, CheckNamesAPrimeSharedWithTheChain) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("weak-shared-a.pem"), "--chain", fixture("weak-shared-b.pem"),
                                       "--only", "key-weak", "--at", std::string{kTestAt}, "--no-config"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "shares a prime factor with the key of chain[0] (CN=shared-b.example.com")) << r.out;
    // Each alone is an ordinary key.
    EXPECT_EQ(check_cert(fixture("weak-shared-a.pem")).exit_code, 0);
}

TEST(WeakKeysE2e, CheckEcPointsOffTheCurveAndOfSmallOrder) {
    std::string point = ec_point(NID_X9_62_prime256v1);
    point.back() = static_cast<char>(point.back() ^ 1);
    const RunResult off = check_cert(write_temp("weak-ec-off-curve.pem", ec_cert_pem("off", NID_X9_62_prime256v1, point)));
    EXPECT_EQ(off.exit_code, 1) << off.out << off.err;
    EXPECT_TRUE(has(off.out, "P-256 public key is not")) << off.out;
    std::string order_two(43, '\0');
    order_two[0] = '\x04';
    order_two.back() = '\x01';
    const RunResult small = check_cert(write_temp("weak-ec-order-two.pem", ec_cert_pem("two", NID_sect163k1, order_two)));
    EXPECT_EQ(small.exit_code, 1) << small.out << small.err;
    EXPECT_TRUE(has(small.out, "small order")) << small.out;
}

TEST(WeakKeysE2e, ScanOfACertificateWhoseKeyDoesNotDecodeReportsItWithoutCrashing) {
    // OpenSSL cannot build a key from a point off the curve: X509_get0_pubkey is null. scan's
    // grouping of certificates by names and key type once passed that null to EVP_PKEY_get_base_id.
    TempDir dir{"certcheck-weak-undecodable"};
    std::string point = ec_point(NID_X9_62_prime256v1);
    point.back() = static_cast<char>(point.back() ^ 1);
    fs::create_directories(fs::path(dir.path()) / "off");
    (void)dir.write("off/cert.pem", ec_cert_pem("off.example.com", NID_X9_62_prime256v1, point));
    (void)dir.write("off/other.pem", ec_cert_pem("off.example.com", NID_X9_62_prime256v1, ec_point(NID_X9_62_prime256v1)));
    const RunResult r = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--no-config", "--format", "ndjson"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "P-256 public key is not")) << r.out;
}

// A tree: shared/a and shared/b share a prime (certificate + key each); reuse/x and reuse/y hold
// the same key under two certificates; plain/ is an ordinary key.
class ScanSharedPrimes : public ::testing::Test {
protected:
    void SetUp() override {
        const Bn p = random_prime(1024), q = random_prime(1024), r = random_prime(1024);
        const Bn s = random_prime(1024), t = random_prime(1024), u = random_prime(1024), v = random_prime(1024);
        const Bn e = bn_word(65537);
        put_subject("shared/a", "a.example.com", p.get(), q.get(), e.get());
        put_subject("shared/b", "b.example.com", p.get(), r.get(), e.get());
        put_subject("reuse/x", "x.example.com", s.get(), t.get(), e.get());
        put_subject("reuse/y", "y.example.com", s.get(), t.get(), e.get());
        put_subject("plain", "plain.example.com", u.get(), v.get(), e.get());
    }
    void put_subject(const std::string& rel, const std::string& cn, const BIGNUM* p, const BIGNUM* q, const BIGNUM* e) {
        fs::create_directories(fs::path(dir_.path()) / rel);
        const Bn n = bn_mul(p, q);
        (void)dir_.write(rel + "/cert.pem", rsa_cert_pem(cn, n.get(), e));
        (void)dir_.write(rel + "/key.pem", rsa_key_pem(p, q));
    }
    RunResult scan(const std::string& format) {
        return run_certcheck({"scan", dir_.path(), "--only", "key-weak", "--at", std::string{kTestAt}, "--format", format,
                              "--no-config", "--jobs", "2"});
    }
    std::string path(const std::string& rel) const { return (fs::path(dir_.path()) / rel).string(); }
    TempDir dir_{"certcheck-weak-scan"};
};

TEST_F(ScanSharedPrimes, EachSubjectSharingAPrimeNamesTheOtherFile) {
    const RunResult r = scan("ndjson");
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    std::istringstream lines(r.out);
    std::map<std::string, nlohmann::json> by_cert;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        if (j.contains("inputs") && j["inputs"]["cert"].is_string()) by_cert[j["inputs"]["cert"]] = j;
    }
    ASSERT_EQ(by_cert.size(), 5U) << r.out;
    const auto finding = [&](const std::string& rel) { return by_cert.at(path(rel + "/cert.pem"))["findings"][0]; };
    EXPECT_EQ(finding("shared/a")["status"], "error");
    EXPECT_TRUE(has(finding("shared/a")["message"], "shares a prime factor with the key in " + path("shared/b/")))
        << finding("shared/a");
    EXPECT_EQ(finding("shared/b")["status"], "error");
    EXPECT_TRUE(has(finding("shared/b")["message"], path("shared/a/"))) << finding("shared/b");
    for (const char* ok : {"reuse/x", "reuse/y", "plain"}) EXPECT_EQ(finding(ok)["status"], "pass") << ok << finding(ok);
}

TEST_F(ScanSharedPrimes, TheFindingIsInEveryFormat) {
    const RunResult text = scan("text");
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_TRUE(has(text.out, path("shared/a/cert.pem") + ":1: error: the certificate's key: the RSA modulus shares a prime"))
        << text.out;
    const RunResult json = scan("json");
    EXPECT_EQ(json.exit_code, 1);
    EXPECT_TRUE(has(json.out, "shares a prime factor with the key in")) << json.out;
    const RunResult sarif = scan("sarif");
    EXPECT_TRUE(has(sarif.out, "shares a prime factor with the key in")) << sarif.out;
}

// The exporter reuses a directory whose files did not change; key-weak's finding in it also
// depends on keys elsewhere. A key added in another directory that shares a prime with a
// reused directory's key must reach that directory's finding, and its removal must clear it.
TEST(ExporterSharedPrimes, AKeySharingAPrimeAddedElsewhereReachesTheReusedDirectory) {
    TempDir dir{"certcheck-weak-exporter"};
    const Bn p = random_prime(1024), q = random_prime(1024), r = random_prime(1024);
    const Bn e = bn_word(65537);
    const auto put = [&](const std::string& rel, const BIGNUM* a, const BIGNUM* b) {
        fs::create_directories(fs::path(dir.path()) / "tree" / rel);
        const Bn n = bn_mul(a, b);
        (void)dir.write("tree/" + rel + "/cert.pem", rsa_cert_pem(rel + ".example.com", n.get(), e.get()));
        (void)dir.write("tree/" + rel + "/key.pem", rsa_key_pem(a, b));
    };
    put("a", p.get(), q.get());
    const int port = free_port();
    ASSERT_GT(port, 0);
    Background exporter;
    exporter.pid = spawn_program({CERTCHECK_BINARY, "exporter", "--listen", "127.0.0.1:" + std::to_string(port), "--interval", "1s",
                                  "--at", std::string{kTestAt}, "--only", "key-weak", "--jobs", "1", dir.path() + "/tree"},
                                 dir.path() + "/exporter.log");
    const auto findings = [&] {
        std::string out;
        std::istringstream page(http_get(port, "/metrics").body);
        for (std::string line; std::getline(page, line);) {
            if (line.starts_with("certcheck_finding{") && line.find("rule=\"key-weak\"") != std::string::npos) out += line + "\n";
        }
        return out;
    };
    // The batch GCD runs again only when the distinct moduli change: a scan of the same tree takes
    // the last result (certcheck_exporter_batch_gcd_reused 1).
    const auto gcd_reused = [&] {
        const auto lines = lines_of(http_get(port, "/metrics").body, "certcheck_exporter_batch_gcd_reused ");
        return lines.size() == 1 ? lines[0] : std::string{};
    };
    const std::string a_cert = dir.path() + "/tree/a/cert.pem";
    ASSERT_TRUE(wait_for([&] { return http_get(port, "/metrics").status == 200; }, 20)) << read_file(dir.path() + "/exporter.log");
    EXPECT_EQ(findings(), "");
    EXPECT_TRUE(wait_for([&] { return gcd_reused() == "certcheck_exporter_batch_gcd_reused 1"; }, 20)) << gcd_reused();

    put("b", p.get(), r.get());  // shares p with a
    EXPECT_TRUE(wait_for([&] { return has(findings(), "filepath=\"" + a_cert + "\""); }, 20))
        << findings() << read_file(dir.path() + "/exporter.log");
    EXPECT_TRUE(has(findings(), "filepath=\"" + dir.path() + "/tree/b/cert.pem\"")) << findings();
    // Later scans of the unchanged tree reuse that GCD, and its findings stay.
    EXPECT_TRUE(wait_for([&] { return gcd_reused() == "certcheck_exporter_batch_gcd_reused 1"; }, 20)) << gcd_reused();
    EXPECT_TRUE(has(findings(), "filepath=\"" + a_cert + "\"")) << findings();
    EXPECT_TRUE(has(findings(), "filepath=\"" + dir.path() + "/tree/b/cert.pem\"")) << findings();

    fs::remove_all(fs::path(dir.path()) / "tree" / "b");
    EXPECT_TRUE(wait_for([&] { return findings().empty(); }, 20)) << findings() << read_file(dir.path() + "/exporter.log");
}

}  // namespace
}  // namespace certcheck::test
