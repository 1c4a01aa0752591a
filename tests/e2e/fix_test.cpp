// End-to-end: `certcheck fix` on every fixable failure the check rules report, then `check` on
// what it wrote; what it refuses (writing nothing); where and how it writes.
#include <poll.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "support/process.hpp"
#include "support/report.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;
const std::string kAt{kTestAt};

std::string pyca(const std::string& rel) { return corpus("pyca-cryptography-vectors/" + rel); }

std::set<std::string> listing(const std::string& dir) {
    std::set<std::string> out;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) out.insert(e.path().string());
    return out;
}

unsigned mode_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    return static_cast<unsigned>(st.st_mode) & 07777u;
}

// Expects that neither output quotes any line of the given key files.
void expect_no_key_text(const RunResult& r, const std::vector<std::string>& key_files) {
    for (const std::string& k : key_files) {
        if (!fs::exists(k)) continue;
        for (const std::string& piece : base64_prefixes(read_file(k))) {
            EXPECT_FALSE(has(r.out, piece)) << "stdout quotes " << k << ": " << r.out;
            EXPECT_FALSE(has(r.err, piece)) << "stderr quotes " << k << ": " << r.err;
        }
    }
}

struct FixCase {
    const char* name;
    std::string cert;
    std::string key;
    std::string chain;                       // "" for none
    std::string bundle;                      // "" for none
    std::string passphrase;                  // "" for none
    std::vector<std::string> changes;        // expected pieces of the change lines
    std::vector<std::string> failing_rules;  // what check reports on the inputs as given
};

std::vector<std::string> fix_args(const FixCase& c, const std::string& out, const std::string& pass_file) {
    std::vector<std::string> args{"fix", "--cert", c.cert, "--key", c.key, "--out", out, "--at", kAt, "--trust-store", fixture("root-ca.pem")};
    if (!c.chain.empty()) args.insert(args.end(), {"--chain", c.chain});
    if (!c.bundle.empty()) args.insert(args.end(), {"--bundle", c.bundle});
    if (!pass_file.empty()) args.insert(args.end(), {"--passphrase-file", pass_file});
    return args;
}

std::vector<FixCase> fixable_cases() {
    const std::string chain = fixture("chain.pem");
    return {
        {"pkcs8_key", fixture("leaf.pem"), fixture("leaf-pkcs8.key"), chain, "", "", {"key: converted PKCS#8 to PKCS#1"}, {"key-rsa-pkcs1"}},
        {"legacy_encrypted_key", fixture("leaf.pem"), fixture("leaf-enc-legacy.key"), chain, "", "test", {"key: decrypted"}, {"key-unencrypted"}},
        {"encrypted_pkcs8_key", fixture("leaf.pem"), fixture("leaf-enc-pkcs8.key"), chain, "", "test", {"key: decrypted", "key: converted PKCS#8 to PKCS#1"}, {"key-unencrypted"}},
        {"reversed_chain", fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-reversed.pem"), "", "", {"chain: reordered into issuing order", "chain: left out the root CN=certcheck Test Root CA"}, {"chain-order"}},
        {"padded_chain", fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-unrelated.pem"), "", "", {"chain: dropped CN=Unrelated Root CA (not on the leaf's issuing path)"}, {"chain-no-extra"}},
        {"duplicate_in_chain", fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-duplicate.pem"), "", "", {"chain: dropped a duplicate of CN=certcheck Test Intermediate CA"}, {"chain-no-extra"}},
        {"leaf_in_chain", fixture("leaf.pem"), fixture("leaf.key"), fixture("chain-with-leaf.pem"), "", "", {"chain: dropped the leaf certificate"}, {"chain-no-leaf"}},
        {"fullchain_in_body", fixture("fullchain.pem"), fixture("leaf.key"), "", "", "", {"cert: kept the leaf CN=www.example.com alone", "chain: moved CN=certcheck Test Intermediate CA from the certificate file"}, {"body-single-cert"}},
        {"der_cert_and_key", fixture("leaf.der"), fixture("leaf-key.der"), chain, "", "", {"cert: converted DER (binary) to PEM", "key: converted DER (binary) to PEM"}, {"body-pem", "key-pem"}},
        {"pkcs12_with_passphrase", fixture("leaf.p12"), fixture("leaf.p12"), "", "", "test", {"cert: extracted from the PKCS#12 archive", "key: written as PKCS#1"}, {"body-pem"}},
        {"pkcs12_without_passphrase", fixture("leaf-nopass.p12"), fixture("leaf-nopass.p12"), "", "", "", {"cert: extracted from the PKCS#12 archive"}, {"body-pem"}},
        {"pkcs7_chain", fixture("leaf.pem"), fixture("leaf.key"), fixture("leaf.p7b"), "", "", {"chain: extracted 3 certificates from PKCS#7", "chain: dropped the leaf certificate"}, {"chain-pem"}},
        {"pkcs7_der_body", fixture("leaf-p7b.der"), fixture("leaf.key"), "", "", "", {"cert: extracted 3 certificates from PKCS#7", "cert: kept the leaf"}, {"body-pem"}},
        {"bom", fixture("leaf-bom.pem"), fixture("leaf.key"), chain, "", "", {"cert: removed the UTF-8 byte-order mark"}, {"pem-leading-bytes"}},
        {"crlf", fixture("leaf-crlf.pem"), fixture("leaf-crlf.key"), chain, "", "", {"cert: converted CRLF line endings to LF", "key: converted CRLF line endings to LF"}, {}},
        {"bag_attributes", fixture("leaf-bag-attributes.pem"), fixture("leaf.key"), chain, "", "", {"cert: stripped 'Bag Attributes' text"}, {"body-pem"}},
        {"text_glued_before_begin", fixture("leaf-glued-text.pem"), fixture("leaf.key"), chain, "", "", {"cert: stripped"}, {"body-pem"}},
        {"text_dump", fixture("leaf-text-dump.pem"), fixture("leaf.key"), chain, "", "", {"cert: stripped an 'openssl x509 -text' dump"}, {"body-pem"}},
        {"trailing_whitespace", fixture("leaf-trailing-space.pem"), fixture("leaf.key"), chain, "", "", {"cert: removed trailing whitespace"}, {}},
        {"chain_from_bundle", fixture("leaf.pem"), fixture("leaf.key"), "", fixture("chain-unrelated.pem"), "", {"chain: added CN=certcheck Test Intermediate CA from --bundle", "note: --bundle", "1 of its 3 certificates are on the leaf's path"}, {}},
    };
}

class FixThenCheck : public ::testing::TestWithParam<FixCase> {};

TEST_P(FixThenCheck, WritesFilesThatPassCheck) {
    const FixCase& c = GetParam();
    TempDir tmp("certcheck-fix");
    const std::string out = tmp.path() + "/out";
    const std::string pass_file = c.passphrase.empty() ? "" : tmp.write("pass.txt", c.passphrase + "\n");
    std::vector<std::string> inputs{c.cert, c.key};
    if (!c.chain.empty()) inputs.push_back(c.chain);
    std::vector<std::string> before;
    before.reserve(inputs.size());
    for (const auto& in : inputs) before.push_back(read_file(in));

    // The inputs as given fail check (fix has something to do).
    if (!c.failing_rules.empty()) {
        std::vector<std::string> check{"--cert", c.cert, "--key", c.key, "--at", kAt, "--trust-store", fixture("root-ca.pem")};
        if (!c.chain.empty()) check.insert(check.end(), {"--chain", c.chain});
        const Checked before_fix = check_json_report(check, 60);
        EXPECT_EQ(before_fix.run.exit_code, 1) << before_fix.context();
        for (const auto& rule : c.failing_rules) EXPECT_EQ(before_fix.st(rule), "error") << rule << "\n"
                                                                                         << before_fix.context();
    }

    const RunResult r = run_certcheck(fix_args(c, out, pass_file));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    for (const auto& change : c.changes) EXPECT_TRUE(has(r.out, change)) << "missing change '" << change << "' in:\n"
                                                                         << r.out;
    EXPECT_TRUE(has(r.out, "check (iam-server): PASS")) << r.out;
    EXPECT_TRUE(has(r.out, "next: aws iam upload-server-certificate")) << r.out;
    EXPECT_TRUE(has(r.out, "--private-key file://" + out + "/key.pem")) << r.out;

    // The files: 0600 key, LF only, no BOM, nothing outside the PEM blocks.
    ASSERT_TRUE(fs::exists(out + "/cert.pem"));
    ASSERT_TRUE(fs::exists(out + "/key.pem"));
    ASSERT_TRUE(fs::exists(out + "/chain.pem"));
    EXPECT_EQ(mode_of(out + "/key.pem"), 0600u);
    for (const char* name : {"cert.pem", "key.pem", "chain.pem"}) {
        const std::string text = read_file(out + "/" + name);
        EXPECT_TRUE(text.starts_with("-----BEGIN ")) << name;
        EXPECT_TRUE(text.ends_with("-----\n")) << name;
        EXPECT_EQ(text.find('\r'), std::string::npos) << name;
    }
    EXPECT_TRUE(read_file(out + "/key.pem").starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    EXPECT_EQ(listing(out).size(), 3u) << "temp files left behind";
    expect_no_key_text(r, {c.key, out + "/key.pem"});

    // check on the output passes with nothing to warn about, against the same trust store.
    const RunResult again = run_certcheck({"check", "--cert", out + "/cert.pem", "--key", out + "/key.pem", "--chain",
                                           out + "/chain.pem", "--at", kAt, "--fail-on", "warn", "--trust-store", fixture("root-ca.pem")});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;

    for (std::size_t i = 0; i < inputs.size(); ++i) EXPECT_EQ(read_file(inputs[i]), before[i]) << inputs[i] << " was modified";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixThenCheck, ::testing::ValuesIn(fixable_cases()),
                         [](const auto& param_info) { return std::string{param_info.param.name}; });

// Runs fix expecting a refusal: exit 1, the message, and the directory exactly as it was.
void expect_refused(const std::vector<std::string>& args, const std::string& dir, const std::string& message,
                    const std::vector<std::string>& keys = {}) {
    const auto before = listing(dir);
    const RunResult r = run_certcheck(args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.err, message)) << "expected '" << message << "' in:\n"
                                     << r.err;
    EXPECT_TRUE(has(r.err, "nothing was written")) << r.err;
    EXPECT_EQ(listing(dir), before);
    expect_no_key_text(r, keys);
}

TEST(FixRefuses, KeyThatDoesNotMatch) {
    TempDir tmp("certcheck-fix");
    expect_refused({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("other.key"), "--chain", fixture("chain.pem"), "--out",
                    tmp.path() + "/out", "--at", kAt, "--trust-store", fixture("root-ca.pem")},
                   tmp.path(), "does not match the certificate CN=www.example.com", {fixture("other.key")});
    EXPECT_FALSE(fs::exists(tmp.path() + "/out")) << "--out was created although nothing was written";
}

TEST(FixRefuses, ExpiredCertificate) {
    TempDir tmp("certcheck-fix");
    expect_refused({"fix", "--cert", fixture("expired.pem"), "--key", fixture("expired.key"), "--chain", fixture("chain.pem"),
                    "--out", tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem")},
                   tmp.path(), "expired on 2021-01-01T00:00:00Z", {fixture("expired.key")});
}

TEST(FixRefuses, IntermediateNotFound) {
    TempDir tmp("certcheck-fix");
    expect_refused({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain", fixture("chain-root-only.pem"),
                    "--out", tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem")},
                   tmp.path(), "its issuer 'CN=certcheck Test Intermediate CA,O=certcheck tests,C=US' is in neither", {fixture("leaf.key")});
}

TEST(FixRefuses, NonRsaKeyForIamServer) {
    TempDir tmp("certcheck-fix");
    expect_refused({"fix", "--cert", fixture("ec-leaf.pem"), "--key", fixture("ec-leaf.key"), "--chain", fixture("chain.pem"),
                    "--out", tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem")},
                   tmp.path(), "[key-rsa-pkcs1]", {fixture("ec-leaf.key")});
}

TEST(FixRefuses, EncryptedKeyWithoutPassphraseAndNoTerminal) {
    TempDir tmp("certcheck-fix");
    expect_refused({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-enc-pkcs8.key"), "--chain", fixture("chain.pem"),
                    "--out", tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem")},
                   tmp.path(), "use --passphrase-file FILE or --passphrase-env VAR");
}

TEST(FixRefuses, WrongPassphrase) {
    TempDir tmp("certcheck-fix");
    const std::string pass = tmp.write("pass.txt", "not-the-passphrase\n");
    expect_refused({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-enc-legacy.key"), "--chain", fixture("chain.pem"),
                    "--out", tmp.path() + "/out", "--at", kAt, "--trust-store", fixture("root-ca.pem"), "--passphrase-file", pass},
                   tmp.path(), "the passphrase does not decrypt it");
    const RunResult r = run_certcheck({"fix", "--cert", fixture("leaf.p12"), "--key", fixture("leaf.p12"), "--out", tmp.path() + "/out",
                                       "--at", kAt, "--trust-store", fixture("root-ca.pem"), "--passphrase-file", pass});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(has(r.err, "the passphrase does not open")) << r.err;
    EXPECT_FALSE(has(r.out + r.err, "not-the-passphrase")) << "the passphrase was printed";
}

TEST(FixPassphrase, FromEnvironment) {
    TempDir tmp("certcheck-fix");
    const RunResult r = run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-enc-pkcs8.key"), "--chain",
                                       fixture("chain.pem"), "--out", tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem"),
                                       "--passphrase-env", "CERTCHECK_TEST_PASS"},
                                      60, {"CERTCHECK_TEST_PASS=test"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "key: decrypted")) << r.out;
    EXPECT_FALSE(has(r.out + r.err, "=test")) << r.out << r.err;
}

TEST(FixPassphrase, UnsetVariableAndArgumentAreUsageErrors) {
    TempDir tmp("certcheck-fix");
    const RunResult unset = run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-enc-pkcs8.key"), "--out",
                                           tmp.path(), "--passphrase-env", "CERTCHECK_TEST_NOT_SET"});
    EXPECT_EQ(unset.exit_code, 2);
    EXPECT_TRUE(has(unset.err, "CERTCHECK_TEST_NOT_SET: the variable is not set")) << unset.err;
    const RunResult arg = run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-enc-pkcs8.key"), "--out",
                                         tmp.path(), "--passphrase", "test"});
    EXPECT_EQ(arg.exit_code, 2);
    EXPECT_TRUE(listing(tmp.path()).empty());
}

// On a terminal (and only there) fix prompts, with echo off, and the passphrase it reads works.
TEST(FixPassphrase, PromptsWithoutEchoOnATerminal) {
    TempDir tmp("certcheck-fix");
    const std::vector<std::string> args{CERTCHECK_BINARY, "fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-enc-legacy.key"),
                                        "--chain", fixture("chain.pem"), "--out", tmp.path() + "/out", "--at", kAt, "--trust-store",
                                        fixture("root-ca.pem")};
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        std::vector<char*> argv;
        argv.reserve(args.size() + 1);
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    std::string seen;
    bool answered = false;
    for (int waited = 0; waited < 300; ++waited) {  // up to 30 s
        pollfd pfd{master, POLLIN, 0};
        if (::poll(&pfd, 1, 100) <= 0) continue;
        char buf[512];
        const ssize_t n = ::read(master, buf, sizeof buf);
        if (n <= 0) break;  // the child closed the terminal
        seen.append(buf, static_cast<std::size_t>(n));
        if (!answered && has(seen, "Passphrase for ")) {
            ASSERT_EQ(::write(master, "test\n", 5), 5);
            answered = true;
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(master);
    EXPECT_TRUE(answered) << seen;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << seen;
    EXPECT_TRUE(has(seen, "key: decrypted")) << seen;
    EXPECT_FALSE(has(seen, "test\r\n") || has(seen, ": test")) << "the passphrase was echoed: " << seen;
    EXPECT_EQ(mode_of(tmp.path() + "/out/key.pem"), 0600u);
}

TEST(FixTargets, ExistingFilesNeedForce) {
    TempDir tmp("certcheck-fix");
    const std::string old = tmp.write("cert.pem", "old contents\n");
    const std::vector<std::string> args{"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf-pkcs8.key"), "--chain",
                                        fixture("chain.pem"), "--out", tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem")};
    const RunResult r = run_certcheck(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(has(r.err, old + " already exists")) << r.err;
    EXPECT_EQ(read_file(old), "old contents\n");
    EXPECT_EQ(listing(tmp.path()).size(), 1u);

    auto forced = args;
    forced.emplace_back("--force");
    const RunResult f = run_certcheck(forced);
    EXPECT_EQ(f.exit_code, 0) << f.out << f.err;
    EXPECT_TRUE(read_file(old).starts_with("-----BEGIN CERTIFICATE-----"));
    EXPECT_EQ(mode_of(tmp.path() + "/key.pem"), 0600u);
}

TEST(FixTargets, ExistingKeyReplacedWithForceIsStill0600) {
    TempDir tmp("certcheck-fix");
    const std::string key = tmp.write("key.pem", "old\n");
    ::chmod(key.c_str(), 0644);
    const RunResult r = run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain", fixture("chain.pem"),
                                       "--out", tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem"), "--force"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(mode_of(key), 0600u);
}

TEST(FixTargets, NeverReplacesItsInputsEvenWithForce) {
    TempDir tmp("certcheck-fix");
    const std::string cert = tmp.write("cert.pem", read_file(fixture("leaf-crlf.pem")));
    const std::string key = tmp.write("key.pem", read_file(fixture("leaf-pkcs8.key")));
    const std::string chain = tmp.write("chain.pem", read_file(fixture("chain-reversed.pem")));
    for (const bool force : {false, true}) {
        std::vector<std::string> args{"fix", "--cert", cert, "--key", key, "--chain", chain, "--out", tmp.path(), "--at", kAt,
                                      "--trust-store", fixture("root-ca.pem")};
        if (force) args.emplace_back("--force");
        const RunResult r = run_certcheck(args);
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        EXPECT_TRUE(has(r.err, "is also the input")) << r.err;
        EXPECT_EQ(read_file(cert), read_file(fixture("leaf-crlf.pem")));
        EXPECT_EQ(read_file(key), read_file(fixture("leaf-pkcs8.key")));
        EXPECT_EQ(read_file(chain), read_file(fixture("chain-reversed.pem")));
        EXPECT_EQ(listing(tmp.path()).size(), 3u);
    }
}

TEST(FixTargets, InputsInTheOutputDirectoryUnderOtherNamesStayAsTheyWere) {
    TempDir tmp("certcheck-fix");
    const std::string cert = tmp.write("site.crt", read_file(fixture("fullchain.pem")));
    const std::string key = tmp.write("site.key", read_file(fixture("leaf-enc-legacy.key")));
    const std::string pass = tmp.write("pass.txt", "test");
    const RunResult r = run_certcheck({"fix", "--cert", cert, "--key", key, "--out", tmp.path(), "--at", kAt, "--trust-store",
                                       fixture("root-ca.pem"), "--passphrase-file", pass});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(read_file(cert), read_file(fixture("fullchain.pem")));
    EXPECT_EQ(read_file(key), read_file(fixture("leaf-enc-legacy.key")));
    EXPECT_EQ(listing(tmp.path()).size(), 6u);
}

TEST(FixChain, KeepsAnUntrustedRootLast) {
    TempDir tmp("certcheck-fix");
    const RunResult r = run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain",
                                       fixture("chain-reversed.pem"), "--out", tmp.path(), "--at", kAt, "--trust-store",
                                       fixture("other-root.pem")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(read_file(tmp.path() + "/chain.pem"), read_file(fixture("chain.pem")));
    EXPECT_TRUE(has(r.out, "chain: reordered into issuing order: CN=certcheck Test Intermediate CA, CN=certcheck Test Root CA")) << r.out;
}

TEST(FixChain, IntermediateFromTheTrustStore) {
    TempDir tmp("certcheck-fix");
    const RunResult r = run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--out", tmp.path(), "--at",
                                       kAt, "--trust-store", fixture("chain.pem")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "chain: added CN=certcheck Test Intermediate CA from the trust store")) << r.out;
    EXPECT_EQ(read_file(tmp.path() + "/chain.pem"), read_file(fixture("chain-no-root.pem")));
}

TEST(FixChain, SelfSignedLeafGetsNoChainFile) {
    TempDir tmp("certcheck-fix");
    const RunResult r = run_certcheck({"fix", "--cert", fixture("self-signed.pem"), "--key", fixture("self-signed.key"), "--out",
                                       tmp.path(), "--at", kAt, "--trust-store", fixture("root-ca.pem")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_FALSE(fs::exists(tmp.path() + "/chain.pem"));
    EXPECT_TRUE(has(r.out, "no changes were needed")) << r.out;
    EXPECT_FALSE(has(r.out, "--certificate-chain")) << r.out;
}

// pyca vectors: PKCS#12 (3DES, password "password") from NIST PKITS, with the CA as DER in --bundle.
TEST(FixCorpora, PkitsPkcs12WithDerBundle) {
    SKIP_WITHOUT_CORPORA();
    TempDir tmp("certcheck-fix");
    const std::string p12 = pyca("x509/PKITS_data/pkcs12/ValidCertificatePathTest1EE.p12");
    const std::string pass = tmp.write("pass.txt", "password\n");
    const std::string anchor = pyca("x509/PKITS_derived/TrustAnchorRootCertificate.cert.pem");
    const RunResult r = run_certcheck({"fix", "--cert", p12, "--key", p12, "--bundle", pyca("x509/PKITS_data/certs/GoodCACert.crt"),
                                       "--out", tmp.path() + "/out", "--at", kAt, "--trust-store", anchor, "--passphrase-file", pass});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "cert: extracted from the PKCS#12 archive")) << r.out;
    EXPECT_TRUE(has(r.out, "chain: added CN=Good CA from --bundle")) << r.out;
    EXPECT_TRUE(has(r.out, "1 of its 1 certificate is on the leaf's path")) << r.out;
    EXPECT_EQ(mode_of(tmp.path() + "/out/key.pem"), 0600u);
    expect_no_key_text(r, {tmp.path() + "/out/key.pem", pyca("x509/PKITS_derived/GoodCACert.key.pkcs8.pem")});
    const RunResult again = run_certcheck({"check", "--cert", tmp.path() + "/out/cert.pem", "--key", tmp.path() + "/out/key.pem",
                                           "--chain", tmp.path() + "/out/chain.pem", "--at", kAt, "--trust-store", anchor});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

TEST(FixCorpora, EcPkcs12IsRefusedForIamServer) {
    SKIP_WITHOUT_CORPORA();
    TempDir tmp("certcheck-fix");
    const std::string pass = tmp.write("pass.txt", "cryptography");
    for (const char* name : {"pkcs12/cert-key-aes256cbc.p12", "pkcs12/name-2-3-no-pwd.p12", "pkcs12/no-password.p12"}) {
        expect_refused({"fix", "--cert", pyca(name), "--key", pyca(name), "--out", tmp.path() + "/out", "--at", kAt, "--trust-store",
                        fixture("root-ca.pem"), "--passphrase-file", pass},
                       tmp.path(), "[key-rsa-pkcs1]");
    }
}

TEST(FixCorpora, NoKeyInPkcs12) {
    SKIP_WITHOUT_CORPORA();
    TempDir tmp("certcheck-fix");
    const std::string pass = tmp.write("pass.txt", "cryptography");
    const std::string p12 = pyca("pkcs12/no-cert-key-aes256cbc.p12");
    expect_refused({"fix", "--cert", p12, "--key", fixture("leaf.key"), "--out", tmp.path() + "/out", "--at", kAt, "--passphrase-file", pass},
                   tmp.path(), "holds no certificate that could be read");
}

// Encrypted keys from pyca: they decrypt (so the refusal is about the certificate, not the passphrase).
TEST(FixCorpora, EncryptedKeysDecryptThenTheRealProblemIsReported) {
    SKIP_WITHOUT_CORPORA();
    TempDir tmp("certcheck-fix");
    const std::string cert = pyca("x509/v1_cert.pem");
    const std::string good = tmp.write("good.txt", "password\n");
    expect_refused({"fix", "--cert", cert, "--key", pyca("asymmetric/Traditional_OpenSSL_Serialization/testrsa-encrypted.pem"), "--out",
                    tmp.path() + "/out", "--at", "1995-07-01T00:00:00Z", "--trust-store", fixture("root-ca.pem"), "--passphrase-file", good},
                   tmp.path(), "the intermediate certificate that issued CN=SSLeay/rsa test cert cannot be found");
    const std::string foobar = tmp.write("foobar.txt", "foobar\n");
    for (const char* key : {"asymmetric/PKCS8/enc-rsa-pkcs8.pem", "asymmetric/DER_Serialization/enc-rsa-pkcs8.der"}) {
        expect_refused({"fix", "--cert", cert, "--key", pyca(key), "--out", tmp.path() + "/out", "--at", "1995-07-01T00:00:00Z",
                        "--passphrase-file", foobar},
                       tmp.path(), "does not match the certificate CN=SSLeay/rsa test cert");
    }
    expect_refused({"fix", "--cert", cert, "--key", pyca("asymmetric/Traditional_OpenSSL_Serialization/key1.pem"), "--out",
                    tmp.path() + "/out", "--at", "1995-07-01T00:00:00Z", "--passphrase-file", good},
                   tmp.path(), "the passphrase does not decrypt it");
}

TEST(FixCorpora, Pkcs7BundleOfUnrelatedRoots) {
    SKIP_WITHOUT_CORPORA();
    TempDir tmp("certcheck-fix");
    const RunResult r = run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain", fixture("chain.pem"),
                                       "--bundle", pyca("pkcs7/amazon-roots.p7b"), "--out", tmp.path(), "--at", kAt, "--trust-store",
                                       fixture("root-ca.pem")});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "0 of its 2 certificates are on the leaf's path")) << r.out;
    EXPECT_FALSE(has(r.out, "from --bundle")) << r.out;
}

}  // namespace
}  // namespace certcheck::test
