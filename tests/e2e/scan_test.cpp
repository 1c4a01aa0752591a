// certcheck scan end to end: the layouts it must understand, what it must skip without
// hanging, and output that does not depend on --jobs.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/forge.hpp"
#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

// Copies fixture `name` to dir/rel (creating folders).
void put(const TempDir& dir, const std::string& rel, const std::string& fixture_name) {
    const fs::path target = fs::path(dir.path()) / rel;
    fs::create_directories(target.parent_path());
    fs::copy_file(fixture(fixture_name), target, fs::copy_options::overwrite_existing);
}

void put_text(const TempDir& dir, const std::string& rel, const std::string& text) {
    const fs::path target = fs::path(dir.path()) / rel;
    fs::create_directories(target.parent_path());
    (void)dir.write(fs::relative(target, dir.path()).string(), text);
}

struct Scan {
    RunResult run;
    nlohmann::json doc;
    std::map<std::string, const nlohmann::json*> by_cert;  // subject by cert path relative to the root
};

Scan scan(const TempDir& dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"scan", dir.path(), "--at", std::string{kTestAt}, "--format", "json", "--progress", "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    Scan s;
    s.run = run_certcheck(args, 60);
    EXPECT_FALSE(s.run.timed_out);
    s.doc = nlohmann::json::parse(s.run.out);
    for (const auto& subject : s.doc["subjects"]) {
        const std::string cert = subject["inputs"]["cert"];
        s.by_cert[cert.empty() ? std::string{} : fs::relative(cert, dir.path()).string()] = &subject;
    }
    return s;
}

std::string rel(const TempDir& dir, const nlohmann::json& v) {
    return v.is_null() ? std::string{"null"} : fs::relative(v.get<std::string>(), dir.path()).string();
}

std::string status(const nlohmann::json& subject, const std::string& rule) {
    for (const auto& f : subject["findings"]) {
        if (f["rule"] == rule) return f["status"];
    }
    return "absent";
}

TEST(Scan, CertbotLiveLayout) {
    TempDir dir;
    put(dir, "live/www/cert.pem", "leaf.pem");
    put(dir, "live/www/chain.pem", "chain.pem");
    put_text(dir, "live/www/fullchain.pem", read_file(fixture("leaf.pem")) + read_file(fixture("chain.pem")));
    put(dir, "live/www/privkey.pem", "leaf.key");
    const Scan s = scan(dir);
    EXPECT_EQ(s.run.exit_code, 0) << s.run.out << s.run.err;
    ASSERT_EQ(s.doc["subjects"].size(), 1u) << "fullchain.pem repeats cert.pem's leaf: one subject";
    const auto& subject = *s.by_cert.at("live/www/cert.pem");
    EXPECT_EQ(rel(dir, subject["inputs"]["key"]), "live/www/privkey.pem");
    EXPECT_EQ(rel(dir, subject["inputs"]["chain"]), "live/www/chain.pem");
    EXPECT_EQ(subject["verdict"], "pass");
    EXPECT_EQ(status(subject, "key-matches-cert"), "pass");
}

TEST(Scan, CertbotWithoutChainUsesTheTailOfFullchain) {
    TempDir dir;
    put(dir, "live/www/cert.pem", "leaf.pem");
    put_text(dir, "live/www/fullchain.pem", read_file(fixture("leaf.pem")) + read_file(fixture("chain.pem")));
    put(dir, "live/www/privkey.pem", "leaf.key");
    const Scan s = scan(dir);
    ASSERT_EQ(s.doc["subjects"].size(), 1u);
    const auto& subject = *s.by_cert.at("live/www/cert.pem");
    EXPECT_EQ(rel(dir, subject["inputs"]["chain"]), "live/www/fullchain.pem");
    EXPECT_EQ(status(subject, "chain-order"), "pass");
    EXPECT_EQ(status(subject, "chain-no-leaf"), "pass") << "the leaf at the head of fullchain.pem is not part of the chain";
    EXPECT_EQ(subject["verdict"], "pass") << s.run.out;
}

TEST(Scan, NameCrtKeyCaBundleInOneFolder) {
    TempDir dir;
    put(dir, "certs/shop.crt", "leaf.pem");
    put(dir, "certs/shop.key", "leaf.key");
    put(dir, "certs/shop.ca-bundle", "chain.pem");
    put(dir, "certs/api.crt", "rsa4096-leaf.pem");
    put(dir, "certs/api.key", "rsa4096-leaf.key");
    put(dir, "certs/api.ca-bundle", "chain-reversed.pem");
    const Scan s = scan(dir);
    ASSERT_EQ(s.doc["subjects"].size(), 2u);
    const auto& shop = *s.by_cert.at("certs/shop.crt");
    EXPECT_EQ(rel(dir, shop["inputs"]["key"]), "certs/shop.key");
    EXPECT_EQ(rel(dir, shop["inputs"]["chain"]), "certs/shop.ca-bundle");
    EXPECT_EQ(shop["verdict"], "pass");
    const auto& api = *s.by_cert.at("certs/api.crt");
    EXPECT_EQ(rel(dir, api["inputs"]["key"]), "certs/api.key");
    EXPECT_EQ(rel(dir, api["inputs"]["chain"]), "certs/api.ca-bundle");
    EXPECT_EQ(status(api, "chain-order"), "error");
    EXPECT_EQ(s.run.exit_code, 1);
}

// One folder of a site served with two certificates for the same names (nginx: two
// ssl_certificate lines), each issued at `not_before` under one root, with their keys.
void put_issued(const TempDir& dir, const std::string& stem, EVP_PKEY* key, EVP_PKEY* root_key, const std::string& not_before) {
    forge::CertSpec spec;
    spec.subject_cn = "www.example.com";
    spec.issuer_cn = "Site Root";
    spec.ca = false;
    spec.dns_sans = {"www.example.com"};
    spec.serial = static_cast<long>(std::hash<std::string>{}(stem) % 100000);
    spec.not_before = not_before;
    spec.not_after = "20300301000000Z";
    put_text(dir, "ssl/" + stem + ".crt", forge::pem(forge::cert(spec, key, root_key).get()));
    put_text(dir, "ssl/" + stem + ".key", forge::private_pem(key));
}

TEST(Scan, CertificatesOfAnotherKeyTypeOrIssuedInTheSameSecondAreNotHistory) {
    TempDir dir;
    ossl::PkeyPtr root_key = forge::ec_key();
    forge::CertSpec root;
    root.subject_cn = "Site Root";
    put_text(dir, "ssl/site.ca-bundle", forge::pem(forge::cert(root, root_key.get(), root_key.get()).get()));
    ossl::PkeyPtr rsa = forge::rsa_key(2048);
    ossl::PkeyPtr ec = forge::ec_key();
    ossl::PkeyPtr rsa_twin = forge::rsa_key(2048);
    ossl::PkeyPtr rsa_old = forge::rsa_key(2048);
    put_issued(dir, "example.rsa", rsa.get(), root_key.get(), "20291201000000Z");
    put_issued(dir, "example.ecdsa", ec.get(), root_key.get(), "20291201000005Z");           // RSA beside ECDSA: both in use
    put_issued(dir, "example.rsa-twin", rsa_twin.get(), root_key.get(), "20291201000000Z");  // the same second as example.rsa
    put_issued(dir, "example.rsa-old", rsa_old.get(), root_key.get(), "20290901000000Z");    // an older RSA one: history
    const Scan s = scan(dir, {"--profile", "acm"});
    EXPECT_EQ(s.doc["subjects"].size(), 3u) << s.run.out << s.run.err;
    for (const char* cert : {"ssl/example.rsa.crt", "ssl/example.ecdsa.crt", "ssl/example.rsa-twin.crt"}) {
        ASSERT_EQ(s.by_cert.count(cert), 1u) << cert << " was not checked:\n"
                                             << s.run.err;
        const std::string stem = std::string{cert}.substr(0, std::string{cert}.size() - 4);
        EXPECT_EQ(rel(dir, (*s.by_cert.at(cert))["inputs"]["key"]), stem + ".key") << s.run.err;
    }
    EXPECT_FALSE(has(s.run.err, "example.rsa.crt: superseded")) << s.run.err;
    EXPECT_FALSE(has(s.run.err, "example.rsa-twin.crt: superseded")) << s.run.err;
    EXPECT_TRUE(has(s.run.err, "example.rsa-old.crt: superseded by ")) << s.run.err;
}

// `openssl req -x509` output (CA:TRUE by default) whose key is kept elsewhere (a vault, another
// host) is a server certificate to check, not a CA bundle: it names a host, which roots never do.
TEST(Scan, ASelfSignedServerCertificateWithoutItsKeyIsChecked) {
    TempDir dir;
    ossl::PkeyPtr key = forge::ec_key();
    forge::CertSpec by_san = forge::spec("Intranet portal");
    by_san.dns_sans = {"portal.example.org"};
    put_text(dir, "by-cn/server.crt", forge::cert_pem(forge::spec("intranet.example.org"), key.get(), key.get()));
    put_text(dir, "by-san/server.crt", forge::cert_pem(by_san, key.get(), key.get()));
    put_text(dir, "root/ca.crt", forge::cert_pem(forge::spec("Example Root CA"), key.get(), key.get()));
    // A root named like a host (Debian's store has CN=Izenpe.com) says keyCertSign: a CA bundle.
    forge::CertSpec dotted_root = forge::spec("ca.example.org");
    dotted_root.key_usage = "critical,keyCertSign,cRLSign";
    put_text(dir, "dotted-root/ca.crt", forge::cert_pem(dotted_root, key.get(), key.get()));
    const Scan s = scan(dir);
    EXPECT_EQ(s.doc["subjects"].size(), 2u) << s.run.out << s.run.err;
    EXPECT_EQ(s.by_cert.count("dotted-root/ca.crt"), 0u) << "a root with keyCertSign is a CA bundle";
    for (const char* cert : {"by-cn/server.crt", "by-san/server.crt"}) {
        ASSERT_EQ(s.by_cert.count(cert), 1u) << cert << " was not checked:\n"
                                             << s.run.err;
        EXPECT_EQ(status(*s.by_cert.at(cert), "body-validity"), "pass") << cert;
    }
    EXPECT_EQ(s.by_cert.count("root/ca.crt"), 0u) << "a root alone is a CA bundle";
    // A root alone: nothing to check, and the warning says what was found.
    TempDir roots;
    put_text(roots, "ca.crt", forge::cert_pem(forge::spec("Example Root CA"), key.get(), key.get()));
    const Scan r = scan(roots);
    EXPECT_EQ(r.doc["subjects"].size(), 0u) << r.run.out;
    EXPECT_TRUE(has(r.run.err, "no end-entity certificate or private key found under the given paths, only 1 CA certificate"))
        << r.run.err;
}

TEST(Scan, CertKeyChainFoldersAndMismatchInAFolder) {
    TempDir dir;
    put(dir, "a/cert.pem", "leaf.pem");
    put(dir, "a/key.pem", "leaf.key");
    put(dir, "a/chain.pem", "chain.pem");
    put(dir, "b/cert.pem", "rsa4096-leaf.pem");
    put(dir, "b/key.pem", "other.key");  // the wrong key: reported where it sits
    put(dir, "b/chain.pem", "chain.pem");
    const Scan s = scan(dir);
    ASSERT_EQ(s.doc["subjects"].size(), 2u);
    EXPECT_EQ(s.by_cert.at("a/cert.pem")->at("verdict"), "pass");
    const auto& b = *s.by_cert.at("b/cert.pem");
    EXPECT_EQ(rel(dir, b["inputs"]["key"]), "b/key.pem");
    EXPECT_EQ(status(b, "key-matches-cert"), "error");
}

TEST(Scan, KeysArePairedByPublicKeyNotByName) {
    TempDir dir;
    put(dir, "certs/zzz.pem", "leaf.pem");
    put(dir, "keys/aaa.pem", "leaf.key");
    put(dir, "keys/orphan.pem", "expired.key");
    put(dir, "lonely/cert.pem", "ec-leaf.pem");
    const Scan s = scan(dir);
    ASSERT_EQ(s.doc["subjects"].size(), 3u) << s.run.out;
    EXPECT_EQ(rel(dir, s.by_cert.at("certs/zzz.pem")->at("inputs")["key"]), "keys/aaa.pem");
    const auto& lonely = *s.by_cert.at("lonely/cert.pem");
    EXPECT_TRUE(lonely["inputs"]["key"].is_null()) << "a certificate without a key is still checked";
    EXPECT_EQ(status(lonely, "key-pem"), "not-applicable");
    EXPECT_EQ(status(lonely, "body-validity"), "pass");
    // A key without any certificate is a subject of its own with a key-matches-cert finding:
    // exit 1 (a finding), never 2 (which stays for input that cannot be used).
    const auto& orphan = *s.by_cert.at("");
    EXPECT_EQ(orphan["verdict"], "fail");
    EXPECT_EQ(rel(dir, orphan["inputs"]["key"]), "keys/orphan.pem");
    EXPECT_EQ(status(orphan, "key-matches-cert"), "error");
    EXPECT_TRUE(orphan["error"].is_null());
    EXPECT_NE(orphan.dump().find("no certificate in the scanned paths has its public key"), std::string::npos) << orphan.dump();
    EXPECT_EQ(s.run.exit_code, 1) << "a key without a certificate is a finding, not unusable input";
}

TEST(Scan, SkipsFifosLoopsAndBigFilesWithoutHanging) {
    TempDir dir;
    put(dir, "ok/cert.pem", "leaf.pem");
    put(dir, "ok/key.pem", "leaf.key");
    put(dir, "ok/chain.pem", "chain.pem");
    ASSERT_EQ(mkfifo((dir.path() + "/ok/fifo.pem").c_str(), 0600), 0);
    fs::create_symlink("loop-b", dir.path() + "/ok/loop-a");
    fs::create_symlink("loop-a", dir.path() + "/ok/loop-b");
    fs::create_directory_symlink("..", dir.path() + "/ok/up");  // a directory loop, not followed
    {
        const std::string big = dir.path() + "/ok/big.pem";
        (void)dir.write("ok/big.pem", "x");
        fs::resize_file(big, 11u * 1024u * 1024u);
    }
    put_text(dir, "ok/README.txt", "not a certificate\n");
    const Scan s = scan(dir);
    EXPECT_EQ(s.run.exit_code, 0) << s.run.err;
    ASSERT_EQ(s.doc["subjects"].size(), 1u);
    for (const std::string what : {"fifo.pem: a FIFO", "loop-a: a symlink loop", "big.pem: over the 10 MiB limit",
                                   "up: a symlink to a directory"}) {
        EXPECT_NE(s.run.err.find(what), std::string::npos) << what << "\n"
                                                           << s.run.err;
    }
    // Following symlinks must still terminate on the loop.
    const Scan followed = scan(dir, {"--follow-symlinks"});
    EXPECT_FALSE(followed.run.timed_out);
    EXPECT_EQ(followed.doc["subjects"].size(), 1u);
    EXPECT_NE(followed.run.err.find("already scanned"), std::string::npos) << followed.run.err;
}

TEST(Scan, UnreadableFileIsAnErrorSubject) {
    if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
    TempDir dir;
    put(dir, "a/cert.pem", "leaf.pem");
    fs::permissions(dir.path() + "/a/cert.pem", fs::perms::none);
    const Scan s = scan(dir);
    EXPECT_EQ(s.run.exit_code, 2);
    EXPECT_EQ(s.doc["subjects"][0]["verdict"], "error");
}

TEST(Scan, BrokenCertificateFilesAreReported) {
    TempDir dir;
    put(dir, "x/der.cer", "leaf.der");
    put(dir, "x/bundle.p7b", "leaf-p7b.der");
    put(dir, "x/cut.pem", "leaf-no-end.pem");
    put(dir, "x/request.csr", "csr.pem");  // a CSR is not a finding
    const Scan s = scan(dir);
    EXPECT_EQ(s.doc["subjects"].size(), 3u) << s.run.out;
    for (const auto& [cert, subject] : s.by_cert) EXPECT_EQ(status(*subject, "body-pem"), "error") << cert;
    EXPECT_EQ(s.run.exit_code, 1);
}

TEST(Scan, OutputDoesNotDependOnJobs) {
    TempDir dir;
    for (int i = 0; i < 12; ++i) {
        const std::string d = "site" + std::to_string(i) + "/";
        put(dir, d + "cert.pem", i % 3 == 0 ? "expired.pem" : "leaf.pem");
        put(dir, d + "key.pem", i % 3 == 0 ? "expired.key" : "leaf.key");
        put(dir, d + "chain.pem", i % 4 == 0 ? "chain-reversed.pem" : "chain.pem");
    }
    const RunResult one = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--format", "json", "--jobs", "1"});
    const RunResult four = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--format", "json", "--jobs", "4"});
    EXPECT_EQ(one.exit_code, 1);
    EXPECT_EQ(one.out, four.out);
    EXPECT_EQ(nlohmann::json::parse(one.out)["summary"]["subjects"], 12);
}

TEST(Scan, MissingRootIsAUsageError) {
    const RunResult r = run_certcheck({"scan", "/no/such/dir", "--at", std::string{kTestAt}});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/no/such/dir"), std::string::npos);
}

TEST(Scan, AFileRootIsScannedToo) {
    const RunResult r = run_certcheck({"scan", fixture("leaf.pem"), "--at", std::string{kTestAt}, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["subjects"], 1);
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(Scan, NdjsonAndTextStreamOneSubjectAtATime) {
    TempDir dir;
    for (int i = 0; i < 5; ++i) {
        const std::string d = "s" + std::to_string(i) + "/";
        put(dir, d + "cert.pem", i == 2 ? "expired.pem" : "leaf.pem");
        put(dir, d + "key.pem", i == 2 ? "expired.key" : "leaf.key");
        put(dir, d + "chain.pem", "chain.pem");
    }
    const std::vector<std::string> base{"scan", dir.path(), "--at", std::string{kTestAt}, "--progress", "never"};
    std::vector<std::string> nd = base;
    nd.insert(nd.end(), {"--format", "ndjson", "--jobs", "3"});
    const RunResult r = run_certcheck(nd);
    EXPECT_EQ(r.exit_code, 1);
    std::istringstream lines(r.out);
    int count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        const auto obj = nlohmann::json::parse(line);
        EXPECT_EQ(obj["profile"], "iam-server");
        EXPECT_EQ(obj["checked_at"], "2030-01-01T00:00:00Z");
        EXPECT_EQ(obj["verdict"], count == 2 ? "fail" : "pass") << line;
    }
    EXPECT_EQ(count, 5);
    std::vector<std::string> nd1 = base;
    nd1.insert(nd1.end(), {"--format", "ndjson", "--jobs", "1"});
    EXPECT_EQ(run_certcheck(nd1).out, r.out);

    const RunResult text = run_certcheck(base);
    EXPECT_NE(text.out.find("5 subjects: 4 passed, 1 failed, 0 could not be checked"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("[body-validity]"), std::string::npos);
}

TEST(Scan, ProgressLineOnlyWhenAsked) {
    TempDir dir;
    put(dir, "a/cert.pem", "leaf.pem");
    const RunResult never = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--progress", "never"});
    EXPECT_EQ(never.err.find("scanning:"), std::string::npos);
    const RunResult automatic = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}});  // stderr is a pipe
    EXPECT_EQ(automatic.err.find("scanning:"), std::string::npos);
    const RunResult always = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--progress", "always"});
    EXPECT_NE(always.err.find("scanning: 1/1 directories"), std::string::npos) << always.err;
    EXPECT_NE(always.err.find("\033[K"), std::string::npos) << "an ANSI terminal's line is cleared with ESC [ K";
    // TERM=dumb: the line is cleared with spaces, never with an escape sequence the terminal would print.
    const RunResult dumb =
        run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--progress", "always"}, 60, {"TERM=dumb"});
    EXPECT_NE(dumb.err.find("scanning: 1/1 directories"), std::string::npos) << dumb.err;
    EXPECT_EQ(dumb.err.find('\033'), std::string::npos) << dumb.err;
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(Scan, AlikeNamedCertificateAndKeyAreCheckedTogether) {
    // In a shared folder the wrong key for shop.crt is shop.key; it must not be swapped for a
    // matching key found elsewhere in the tree.
    TempDir dir;
    put(dir, "shared/shop.crt", "leaf.pem");
    put(dir, "shared/shop.key", "other.key");
    put(dir, "shared/api.crt", "rsa4096-leaf.pem");
    put(dir, "shared/api.key", "rsa4096-leaf.key");
    put(dir, "shared/blog.crt", "ec-leaf.pem");
    put(dir, "shared/blog.key", "rsa1024-leaf.key");  // wrong too: two leftovers, so no one-and-one pairing
    put(dir, "shared/chain.pem", "chain.pem");
    put(dir, "elsewhere/spare.key", "leaf.key");
    put(dir, "elsewhere/spare-ec.key", "ec-leaf.key");
    const Scan s = scan(dir);
    for (const std::string name : {"shop", "blog"}) {
        const auto& subject = *s.by_cert.at("shared/" + name + ".crt");
        EXPECT_EQ(rel(dir, subject["inputs"]["key"]), "shared/" + name + ".key");
        EXPECT_EQ(status(subject, "key-matches-cert"), "error") << name;
    }
    EXPECT_EQ(rel(dir, s.by_cert.at("shared/api.crt")->at("inputs")["key"]), "shared/api.key");
}

// A key whose public key scan cannot know (encrypted, or a block that does not parse) is never
// said to belong to no certificate, nor to be "not this certificate's key": scan says what it
// knows (encrypted: key-unencrypted; does not parse: key-pem) and that the match is unknown.
TEST(Scan, AKeyWhosePublicKeyIsUnknownIsNotCalledAMismatchOrAnOrphan) {
    TempDir dir;
    put(dir, "a/site.crt", "leaf.pem");
    put(dir, "a/private.key", "leaf-enc-pkcs8.key");
    put(dir, "b/orphan.key", "leaf-enc-pkcs8.key");
    std::string truncated = read_file(fixture("leaf.key"));
    truncated = truncated.substr(0, truncated.find("-----END"));
    put_text(dir, "b/broken.key", truncated);
    const Scan s = scan(dir);
    EXPECT_EQ(s.run.exit_code, 1) << s.run.out;
    const auto subject = [&](const std::string& rel_name) -> const nlohmann::json& {
        for (const auto& subj : s.doc["subjects"]) {
            if (subj["name"] == (fs::path(dir.path()) / rel_name).string()) return subj;
        }
        static const nlohmann::json none;
        ADD_FAILURE() << "no subject " << rel_name << "\n"
                      << s.run.out;
        return none;
    };
    const auto message = [&](const nlohmann::json& subj, const std::string& rule) {
        for (const auto& f : subj["findings"]) {
            if (f["rule"] == rule) return f["message"].get<std::string>();
        }
        return std::string{"<missing>"};
    };
    const nlohmann::json& orphan = subject("b/orphan.key");
    EXPECT_EQ(status(orphan, "key-unencrypted"), "error") << orphan;
    EXPECT_EQ(status(orphan, "key-matches-cert"), "not-applicable") << orphan;
    EXPECT_TRUE(has(message(orphan, "key-matches-cert"), "unknown until it is decrypted")) << orphan;
    const nlohmann::json& broken = subject("b/broken.key");
    EXPECT_EQ(status(broken, "key-pem"), "error") << broken;
    EXPECT_TRUE(has(message(broken, "key-pem"), "no END line")) << broken;
    EXPECT_EQ(status(broken, "key-matches-cert"), "not-applicable") << broken;
    EXPECT_FALSE(has(s.run.out, "no certificate in the scanned paths has its public key")) << s.run.out;

    const RunResult text = run_certcheck({"scan", dir.path(), "--at", std::string{kTestAt}, "--progress", "never"}, 60);
    EXPECT_FALSE(has(text.out, "it is not this certificate's key")) << text.out;
    EXPECT_TRUE(has(text.out, "the one key left in this directory")) << text.out;
    EXPECT_TRUE(has(text.out, "whether it is this certificate's key is unknown")) << text.out;
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

// scan reads every file once, as a body, before it knows the file's role; the finding still names
// the role the file plays for the subject (issue: a key with CRLF was "the certificate body").
TEST(ScanRoles, AKeyWithCrlfIsReportedAsThePrivateKeyLikeCheckDoes) {
    TempDir dir;
    put(dir, "site/cert.pem", "leaf.pem");
    put(dir, "site/key.pem", "leaf-crlf.key");
    put(dir, "site/chain.pem", "chain.pem");
    const Scan s = scan(dir, {"--only", "pem-line-endings"});
    ASSERT_EQ(s.by_cert.count("site/cert.pem"), 1u) << s.run.out;
    const nlohmann::json& subject = *s.by_cert.at("site/cert.pem");
    ASSERT_EQ(rel(dir, subject["inputs"]["key"]), "site/key.pem");
    ASSERT_EQ(subject["findings"].size(), 1u);
    const nlohmann::json& f = subject["findings"][0];
    EXPECT_NE(f["status"], "pass") << f.dump();
    const std::string message = f["message"];
    EXPECT_NE(message.find("private key"), std::string::npos) << message;
    EXPECT_EQ(message.find("certificate body"), std::string::npos) << message;

    const RunResult c = run_certcheck({"check", "--cert", dir.path() + "/site/cert.pem", "--key", dir.path() + "/site/key.pem",
                                       "--chain", dir.path() + "/site/chain.pem", "--only", "pem-line-endings", "--at",
                                       std::string{kTestAt}, "--format", "json"});
    const auto cj = nlohmann::json::parse(c.out);
    EXPECT_EQ(cj["subjects"][0]["findings"], subject["findings"]);
}

}  // namespace
}  // namespace certcheck::test
