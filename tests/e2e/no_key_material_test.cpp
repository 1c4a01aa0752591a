// End-to-end: no output of `certcheck check`, in any slot and format, contains private-key material
// (SPEC 6: "No output or log, in any format, contains private-key material").
// Each key file is put in the key slot, the body slot and the chain slot and checked with
// --format text -v and --format json -v; no base64 line (>= 16 characters) of any private-key
// PEM block of the file, nor any 24-character piece of one, may appear in stdout or stderr.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};
constexpr std::size_t kMinLine = 16;
constexpr std::size_t kWindow = 24;

struct KeyFile {
    std::string path;
    bool from_corpus;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        std::size_t lead = 0;
        while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
        lines.push_back(line.substr(lead));
        start = end + 1;
    }
    return lines;
}

// The base64 lines of every "... PRIVATE KEY" block (headers such as Proc-Type/DEK-Info skipped).
// first_lines receives the first base64 line of each block: it starts with the ASN.1 header shared
// by every key of the same type and size, so only the full-line check applies to it.
std::vector<std::string> secret_lines(const std::string& text, std::vector<std::string>& first_lines) {
    std::vector<std::string> out;
    bool in_key = false;
    bool first = false;
    for (const std::string& line : lines_of(text)) {
        if (line.rfind("-----BEGIN ", 0) == 0) {
            in_key = line.find("PRIVATE KEY") != std::string::npos;
            first = true;
            continue;
        }
        if (line.rfind("-----END ", 0) == 0) {
            in_key = false;
            continue;
        }
        if (!in_key || line.size() < kMinLine || line.find(':') != std::string::npos) continue;
        if (first) {
            first_lines.push_back(line);
            first = false;
        } else {
            out.push_back(line);
        }
    }
    return out;
}

// Damaged copies of leaf.key: an error message that quotes the offending line would leak it.
std::vector<std::string> damaged_keys() {
    const std::string key = read_file(fixture("leaf.key"));
    std::vector<std::string> out;
    // a bad base64 character in the middle of line 4
    std::string bad = key;
    std::size_t pos = 0;
    for (int i = 0; i < 3; ++i) pos = bad.find('\n', pos) + 1;
    bad[pos + 30] = '!';
    out.push_back(write_temp("bad-base64.key", bad));
    // no END line
    out.push_back(write_temp("no-end.key", key.substr(0, key.find("-----END"))));
    // a stray text line inside the block, and text before and after it
    std::string stray = key;
    stray.insert(pos, "this line does not belong here\n");
    out.push_back(write_temp("stray-line.key", "subject=CN=x\n" + stray + "trailing words\n"));
    // a line of the key cut short (not a multiple of 4 characters)
    std::string cut = key;
    cut.erase(pos + 10, 3);
    out.push_back(write_temp("short-line.key", cut));
    // the key twice, glued without a newline between END and BEGIN
    std::string glued = key;
    while (!glued.empty() && glued.back() == '\n') glued.pop_back();
    out.push_back(write_temp("glued.key", glued + key));
    return out;
}

std::vector<KeyFile> key_files() {
    std::vector<KeyFile> files;
    for (const std::string& f : damaged_keys()) files.push_back({f, false});
    for (const char* f : {"leaf.key", "leaf-pkcs8.key", "leaf-crlf.key", "leaf-enc-legacy.key", "leaf-enc-pkcs8.key",
                          "two-keys.key", "other.key", "root-ca.key", "inter-ca.key", "other-root.key", "ec-leaf.key",
                          "ec-leaf-pkcs8.key", "ed25519.key", "dsa.key", "rsa1024-leaf.key", "rsa4096-leaf.key",
                          "rsa6144-leaf.key", "expired.key", "self-signed.key", "huge-leaf.key",
                          // a certificate followed by its key, in one file
                          "leaf-with-key.pem"}) {
        files.push_back({fixture(f), false});
    }
    if (corpora_available()) {
        for (const char* f : {
                 "pyca-cryptography-vectors/asymmetric/Traditional_OpenSSL_Serialization/testrsa.pem",
                 "pyca-cryptography-vectors/asymmetric/Traditional_OpenSSL_Serialization/dsa.2048.pem",
                 "pyca-cryptography-vectors/asymmetric/Traditional_OpenSSL_Serialization/key1-malformed-dek-info.pem",
                 "pyca-cryptography-vectors/asymmetric/Traditional_OpenSSL_Serialization/key1-no-dek-info.pem",
                 "pyca-cryptography-vectors/asymmetric/PKCS8/unenc-rsa-pkcs8.pem",
                 "pyca-cryptography-vectors/asymmetric/PKCS8/enc-rsa-pkcs8.pem",
                 "pyca-cryptography-vectors/asymmetric/PKCS8/wrong-pem-delimiter-rsa.pem",
                 "pyca-cryptography-vectors/asymmetric/PKCS8/ec_private_key.pem",
                 "pyca-cryptography-vectors/asymmetric/PKCS8/rsa_pss_2048.pem",
                 "pyca-cryptography-vectors/asymmetric/PEM_Serialization/ec_private_key.pem",
                 "pyca-cryptography-vectors/asymmetric/PEM_Serialization/rsa-bad-1025-q-is-2.pem",
                 "pyca-cryptography-vectors/asymmetric/Ed25519/ed25519-pkcs8.pem",
                 "pyca-cryptography-vectors/x509/custom/ca/rsa_key.pem",
                 "pyca-cryptography-vectors/x509/custom/ca/ca_key.pem",
                 // `openssl pkcs12 -nodes` output: Bag Attributes, a certificate and a key in one file
                 "pyca-cryptography-vectors/x509/PKITS_derived/ValidCertificatePathTest1EE.p12-nodes-output.pem",
                 "pyca-cryptography-vectors/x509/PKITS_derived/ValidCertificatePathTest1EE.key.traditional.pem",
                 // an RSA key block followed by a certificate
                 "boringssl-pki/path_builder/multi-root-A-by-B.pem",
                 // text (`openssl genrsa 2048`) before the PEM block
                 "boringssl-pki/verify_certificate_chain/target-only/keys/Target.key",
                 "cfssl-bundler/testdata/cfssl-leaf-rsa2048.key",
                 "cfssl-bundler/testdata/cfssl-leaf-ecdsa384.key",
             }) {
            files.push_back({corpus(f), true});
        }
    }
    return files;
}

struct Slot {
    const char* name;
    std::vector<std::string> (*args)(const std::string& key);
};

const Slot kSlots[] = {
    {"key", [](const std::string& k) { return std::vector<std::string>{"--cert", fixture("leaf.pem"), "--key", k}; }},
    {"body", [](const std::string& k) { return std::vector<std::string>{"--cert", k}; }},
    {"chain", [](const std::string& k) { return std::vector<std::string>{"--cert", fixture("leaf.pem"), "--chain", k}; }},
    // the same file as body and key at once
    {"body+key", [](const std::string& k) { return std::vector<std::string>{"--cert", k, "--key", k}; }},
};

// "" when text holds no key material, else what it holds.
std::string find_leak(const std::string& text, const std::vector<std::string>& firsts, const std::vector<std::string>& secrets) {
    for (const std::string& s : firsts) {
        if (text.find(s) != std::string::npos) return "the key line '" + s + "'";
    }
    for (const std::string& s : secrets) {
        if (text.find(s) != std::string::npos) return "the key line '" + s + "'";
        for (std::size_t i = 0; i + kWindow <= s.size(); ++i) {
            const std::string piece = s.substr(i, kWindow);
            if (text.find(piece) != std::string::npos) return "'" + piece + "' from the key line '" + s + "'";
        }
    }
    return {};
}

void check_no_leak(const std::string& format) {
    int checked = 0;
    for (const KeyFile& kf : key_files()) {
        std::vector<std::string> firsts;
        const std::vector<std::string> secrets = secret_lines(read_file(kf.path), firsts);
        ASSERT_FALSE(secrets.empty() && firsts.empty()) << "no private-key base64 found in " << kf.path;
        for (const Slot& slot : kSlots) {
            std::vector<std::string> args = {"check"};
            for (auto& a : slot.args(kf.path)) args.push_back(a);
            for (const std::string& a : {std::string{"--at"}, kAt, std::string{"--format"}, format, std::string{"-v"}}) {
                args.push_back(a);
            }
            const RunResult r = run_certcheck(args, 30);
            ++checked;
            EXPECT_FALSE(r.timed_out) << kf.path << " as " << slot.name;
            EXPECT_TRUE(r.exit_code >= 0 && r.exit_code <= 2) << kf.path << " as " << slot.name << ": exit " << r.exit_code;
            for (const auto& [stream, text] : {std::pair<const char*, const std::string&>{"stdout", r.out},
                                               std::pair<const char*, const std::string&>{"stderr", r.err}}) {
                const std::string leak = find_leak(text, firsts, secrets);
                EXPECT_TRUE(leak.empty()) << kf.path << " as " << slot.name << " (--format " << format << " -v): " << stream
                                          << " contains " << leak;
            }
        }
    }
    EXPECT_GE(checked, 80);
}

TEST(NoKeyMaterial, TextVerbose) { check_no_leak("text"); }

TEST(NoKeyMaterial, JsonVerbose) { check_no_leak("json"); }

// The extraction above finds the key lines (so the tests cannot pass by finding nothing).
TEST(NoKeyMaterial, SecretLinesAreFound) {
    std::vector<std::string> firsts;
    const auto lines = secret_lines(read_file(fixture("leaf.key")), firsts);
    EXPECT_EQ(firsts.size(), 1U);
    EXPECT_GE(lines.size(), 20U);
    const auto enc = secret_lines(read_file(fixture("leaf-enc-legacy.key")), firsts);
    EXPECT_GE(enc.size(), 20U);  // Proc-Type and DEK-Info skipped, ciphertext kept
    std::vector<std::string> none;
    EXPECT_TRUE(secret_lines(read_file(fixture("leaf.pem")), none).empty());
    EXPECT_TRUE(none.empty());
}

// The leak finder sees a whole line, a piece of a line, and nothing in a clean text.
TEST(NoKeyMaterial, LeakFinderWorks) {
    std::vector<std::string> firsts;
    const auto lines = secret_lines(read_file(fixture("leaf.key")), firsts);
    ASSERT_GE(lines.size(), 5U);
    EXPECT_FALSE(find_leak("error: line 4 is " + lines[3] + "\n", firsts, lines).empty());
    EXPECT_FALSE(find_leak("near '" + lines[2].substr(7, 30) + "'", firsts, lines).empty());
    EXPECT_FALSE(find_leak(firsts[0], firsts, lines).empty());
    EXPECT_TRUE(find_leak("leaf.key:1: pass: one RSA PRIVATE KEY block at line 1 [key-pem]\n", firsts, lines).empty());
}

}  // namespace
}  // namespace certcheck::test
