// Inventory facts in json and ndjson (docs/formats.md "Inventory facts"): every certificate's
// facts, compared with what the openssl command line says about the same files.
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

// `openssl x509 -noout ARG -in FILE`, trimmed; the part after '=' for key=value output.
std::string openssl_x509(const std::string& file, const std::string& arg) {
    const RunResult r = run_program({"openssl", "x509", "-noout", arg, "-in", file}, 30);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string out = r.out;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    const auto eq = out.find('=');
    return eq == std::string::npos ? out : out.substr(eq + 1);
}

// openssl's notAfter ("Dec 31 23:59:59 2099 GMT") as unix seconds, via `date`.
long long openssl_not_after(const std::string& file) {
    const RunResult r = run_program({"date", "-u", "-d", openssl_x509(file, "-enddate"), "+%s"}, 30);
    return std::stoll(r.out);
}

// The second certificate of a chain file, on its own.
std::string second_cert(const std::string& file) {
    const std::string pem = read_file(file);
    const auto second = pem.find("-----BEGIN CERTIFICATE-----", 1);
    return write_temp("second-" + fs::path(file).filename().string(), pem.substr(second));
}

void expect_matches_openssl(const nlohmann::json& c, const std::string& file, long long at) {
    SCOPED_TRACE(file);
    const RunResult fp = run_program({"openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", file}, 30);
    EXPECT_EQ(c["sha256_fingerprint"], fp.out.substr(fp.out.find('=') + 1, fp.out.size() - fp.out.find('=') - 2));
    EXPECT_EQ(c["serial"], openssl_x509(file, "-serial"));
    const long long not_after = openssl_not_after(file);
    EXPECT_EQ(c["days_left"].get<long long>(), (not_after - at) >= 0 ? (not_after - at) / 86400 : -((at - not_after + 86399) / 86400));
    std::string subject = openssl_x509(file, "-subject");
    EXPECT_NE(c["subject_fields"]["CN"].get<std::string>(), "");
    EXPECT_NE(subject.find(c["subject_fields"]["CN"].get<std::string>()), std::string::npos) << subject;
}

TEST(Inventory, CheckJsonHasEveryCertificatesFactsAfterTheContractKeys) {
    const std::string at = "2030-01-01T00:00:00Z";
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain",
                                       fixture("chain.pem"), "--at", at, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto doc = nlohmann::ordered_json::parse(r.out);
    const auto& s = doc["subjects"][0];
    std::vector<std::string> keys;
    for (const auto& [k, v] : s.items()) keys.push_back(k);
    const std::vector<std::string> expected{"name", "inputs", "verdict", "error", "findings", "certificates", "files"};
    EXPECT_EQ(keys, expected) << "the SPEC section 3 keys first, the inventory keys after them";

    const auto& certs = s["certificates"];
    ASSERT_EQ(certs.size(), 3u) << "the leaf and both chain certificates";
    EXPECT_EQ(certs[0]["role"], "leaf");
    EXPECT_EQ(certs[0]["file"], fixture("leaf.pem"));
    EXPECT_EQ(certs[1]["role"], "chain");
    EXPECT_EQ(certs[1]["index"], 0);
    EXPECT_EQ(certs[2]["index"], 1);
    EXPECT_EQ(certs[0]["key_type"], "RSA");
    EXPECT_EQ(certs[0]["key_bits"], 2048);
    EXPECT_EQ(certs[0]["sans"], nlohmann::ordered_json::parse(R"(["DNS:www.example.com","DNS:example.com","DNS:*.api.example.com"])"));
    EXPECT_EQ(certs[0]["not_after"], "2099-12-31T23:59:59Z");
    EXPECT_EQ(certs[0]["issuer"], certs[1]["subject"]);
    EXPECT_EQ(certs[0]["spki_sha256"].get<std::string>().size(), 44u) << "base64 of 32 bytes";
    const long long at_unix = kTestTime;
    expect_matches_openssl(certs[0], fixture("leaf.pem"), at_unix);
    expect_matches_openssl(certs[1], fixture("chain.pem"), at_unix);
    expect_matches_openssl(certs[2], second_cert(fixture("chain.pem")), at_unix);

    const auto& files = s["files"];
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0]["role"], "cert");
    EXPECT_EQ(files[1]["role"], "key");
    EXPECT_EQ(files[1]["path"], fixture("leaf.key"));
    EXPECT_EQ(files[1]["bytes"].get<std::uintmax_t>(), fs::file_size(fixture("leaf.key")));
    EXPECT_EQ(files[2]["path"], fixture("chain.pem"));
}

TEST(Inventory, DaysLeftFollowsAtAndGoesNegativeOnceExpired) {
    // expired.pem's notAfter, then one second and one day later.
    const std::string file = fixture("expired.pem");
    const long long not_after = openssl_not_after(file);
    const auto days_at = [&](long long t) {
        const RunResult d = run_program({"date", "-u", "-d", "@" + std::to_string(t), "+%Y-%m-%dT%H:%M:%SZ"}, 30);
        std::string at = d.out;
        at.pop_back();
        const RunResult r = run_certcheck({"check", "--cert", file, "--at", at, "--format", "json"});
        return nlohmann::json::parse(r.out)["subjects"][0]["certificates"][0]["days_left"].get<long long>();
    };
    EXPECT_EQ(days_at(not_after - 86400 * 3 - 1), 3);
    EXPECT_EQ(days_at(not_after), 0);
    EXPECT_EQ(days_at(not_after + 1), -1);
    EXPECT_EQ(days_at(not_after + 86400 * 2), -2);
}

TEST(Inventory, ScanNdjsonCarriesFactsPerLineAndAKeyOnlySubjectItsFiles) {
    TempDir dir;
    fs::create_directories(fs::path(dir.path()) / "www");
    fs::copy_file(fixture("leaf.pem"), fs::path(dir.path()) / "www/cert.pem");
    fs::copy_file(fixture("leaf.key"), fs::path(dir.path()) / "www/key.pem");
    fs::copy_file(fixture("chain.pem"), fs::path(dir.path()) / "www/chain.pem");
    fs::create_directories(fs::path(dir.path()) / "lost");
    fs::copy_file(fixture("other.key"), fs::path(dir.path()) / "lost/other.key");
    const RunResult r = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--format", "ndjson", "--progress", "never"});
    std::istringstream lines(r.out);
    std::string line;
    std::map<std::string, nlohmann::json> by_dir;
    while (std::getline(lines, line)) {
        auto j = nlohmann::json::parse(line);
        const std::string first = j["files"][0]["path"];
        by_dir[fs::path(first).parent_path().filename().string()] = j;
    }
    ASSERT_EQ(by_dir.size(), 2u) << r.out << r.err;
    const auto& www = by_dir.at("www");
    EXPECT_EQ(www["certificates"].size(), 3u);
    EXPECT_EQ(www["certificates"][0]["file"], dir.path() + "/www/cert.pem");
    EXPECT_EQ(www["files"][1]["path"], dir.path() + "/www/key.pem");
    EXPECT_EQ(www["files"][2]["path"], dir.path() + "/www/chain.pem");
    expect_matches_openssl(www["certificates"][0], fixture("leaf.pem"), kTestTime);
    const auto& lost = by_dir.at("lost");
    EXPECT_EQ(lost["verdict"], "fail");  // a key without its certificate: a finding of its own subject
    EXPECT_TRUE(lost["certificates"].empty());
    EXPECT_EQ(lost["files"][0]["role"], "key");
    EXPECT_TRUE(lost["files"][0]["bytes"].is_null());
}

TEST(Inventory, AHugeChainFileIsSummarisedNotListed) {
    std::string chain;
    const std::string inter = read_file(fixture("inter-ca.pem"));
    for (int i = 0; i < 70; ++i) chain += inter;
    const std::string file = write_temp("seventy.pem", chain);
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--chain", file, "--at", std::string{kTestAt}, "--format", "json"});
    const auto s = nlohmann::json::parse(r.out)["subjects"][0];
    EXPECT_EQ(s["certificates"].size(), 1u + 64u);
    EXPECT_EQ(s["certificates_omitted"], 6);
    const RunResult plain = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--at", std::string{kTestAt}, "--format", "json"});
    EXPECT_FALSE(nlohmann::json::parse(plain.out)["subjects"][0].contains("certificates_omitted"));
}

}  // namespace
}  // namespace certcheck::test
