// End-to-end: the certcheck binary on the pyca/cryptography vectors (../shared/corpora/pyca-cryptography-vectors):
// key formats in the key slot (key-pem / key-unencrypted / key-rsa-pkcs1 per the corpus README) and
// certificate-body mistakes (bundles, PKCS#7, PKCS#12, CSRs, text around the PEM).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/in_process.hpp"
#include "support/process.hpp"
#include "support/report.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

using nlohmann::json;

const std::string kAt = "2026-11-24T00:00:00Z";
// x509/v1_cert.pem is valid 1995-06-19T23:33:12Z .. 1995-07-17T23:33:12Z.
const std::string kV1At = "1995-07-01T00:00:00Z";
constexpr int kTimeout = 20;

std::string py(const std::string& rel) { return corpus("pyca-cryptography-vectors/" + rel); }
std::string asym(const std::string& rel) { return py("asymmetric/" + rel); }
std::string x509(const std::string& rel) { return py("x509/" + rel); }

// A self-signed RSA-4096 CA valid 2020..2048: a body whose own rules all pass at kAt.
std::string neutral_body() { return x509("custom/ca/rsa_ca.pem"); }

// Runs `check ARGS --format json` (ARGS must include --at) and parses the report.
// `check ARGS --format json` in-process (the core's check pipeline, support/in_process.hpp);
// check_json_binary runs the certcheck binary, for the tests that keep this corpus going through it.
Checked check_json(std::vector<std::string> args) {
    Checked c = check_json_in_process(std::move(args));
    EXPECT_TRUE(c.run.exit_code == 0 || c.run.exit_code == 1 || c.run.exit_code == 2) << c.context();
    return c;
}

Checked check_json_binary(std::vector<std::string> args) {
    Checked c = check_json_report(std::move(args), kTimeout);
    EXPECT_TRUE(c.run.exit_code == 0 || c.run.exit_code == 1 || c.run.exit_code == 2) << c.context();
    return c;
}

// ---------------------------------------------------------------------------------------------
// Key formats in the key slot, with a neutral body. "*" = not asserted.

struct KeyCase {
    const char* file;  // under asymmetric/
    const char* key_pem;
    const char* key_unencrypted;
    const char* key_rsa_pkcs1;
};

// clang-format off
const KeyCase kKeyCases[] = {
    // file                                                         key-pem  unencrypted rsa-pkcs1
    // PKCS#1 RSA, unencrypted: the one accepted format (the key is tiny and belongs to v1_cert.pem).
    {"Traditional_OpenSSL_Serialization/testrsa.pem",               "pass",  "pass",  "pass"},
    // Encrypted: key-unencrypted fails, without a prompt.
    {"PEM_Serialization/rsa_private_key.pem",                       "*",     "error", "*"},
    {"Traditional_OpenSSL_Serialization/key1.pem",                  "*",     "error", "*"},
    {"Traditional_OpenSSL_Serialization/key2.pem",                  "*",     "error", "*"},
    {"Traditional_OpenSSL_Serialization/testrsa-encrypted.pem",     "*",     "error", "*"},
    {"Traditional_OpenSSL_Serialization/key1-no-dek-info.pem",      "*",     "error", "*"},
    {"Traditional_OpenSSL_Serialization/key1-malformed-dek-info.pem","*",    "error", "*"},
    {"Traditional_OpenSSL_Serialization/key1-malformed-iv.pem",     "*",     "error", "*"},
    {"Traditional_OpenSSL_Serialization/key1-short-iv.pem",         "*",     "error", "*"},
    {"PKCS8/enc-rsa-pkcs8.pem",                                     "*",     "error", "*"},
    {"PKCS8/enc2-rsa-pkcs8.pem",                                    "*",     "error", "*"},
    {"PKCS8/enc-rsa-pkcs8-pbkdf2-0iter.pem",                        "*",     "error", "*"},
    {"PKCS8/bad-encryption-oid.pem",                                "*",     "error", "*"},
    {"PKCS8/ec_private_key_encrypted.pem",                          "*",     "error", "*"},
    {"PEM_Serialization/ec_private_key_encrypted.pem",              "*",     "error", "*"},
    {"PEM_Serialization/dsa_private_key.pem",                       "*",     "error", "*"},
    {"Ed25519/ed25519-pkcs8-enc.pem",                               "*",     "error", "*"},
    // PKCS#8 RSA: readable, but not the PKCS#1 form IAM documents.
    {"PKCS8/unenc-rsa-pkcs8.pem",                                   "*",     "pass",  "error"},
    {"PKCS8/rsa_pss_2048.pem",                                      "pass",  "pass",  "error"},
    {"PKCS8/rsa_pss_2048_hash_mask_salt.pem",                       "pass",  "pass",  "error"},
    // Not RSA.
    {"PKCS8/ec_private_key.pem",                                    "pass",  "pass",  "error"},
    {"PEM_Serialization/ec_private_key.pem",                        "pass",  "pass",  "error"},
    {"PKCS8/ecc_private_with_rfc5915_ext.pem",                      "pass",  "pass",  "error"},
    {"PKCS8/unenc-dsa-pkcs8.pem",                                   "pass",  "pass",  "error"},
    {"Traditional_OpenSSL_Serialization/dsa.1024.pem",              "pass",  "pass",  "error"},
    {"Traditional_OpenSSL_Serialization/dsa.2048.pem",              "pass",  "pass",  "error"},
    {"PEM_Serialization/dsa_4096.pem",                              "pass",  "pass",  "error"},
    {"Ed25519/ed25519-pkcs8.pem",                                   "pass",  "pass",  "error"},
    {"Ed448/ed448-pkcs8.pem",                                       "pass",  "pass",  "error"},
    {"X25519/x25519-pkcs8.pem",                                     "pass",  "pass",  "error"},
    // Not a PEM private key at all.
    {"PKCS8/wrong-pem-delimiter-rsa.pem",                           "error", "*",     "*"},
    {"PKCS8/bad-oid-dsa-key.pem",                                   "error", "*",     "*"},
    {"PEM_Serialization/rsa_public_key.pem",                        "error", "*",     "*"},
    {"public/PKCS1/rsa.pub.pem",                                    "error", "*",     "*"},
    {"PKCS8/unenc-rsa-pkcs8.pub.pem",                               "error", "*",     "*"},
    {"Ed25519/ed25519-pub.pem",                                     "error", "*",     "*"},
    {"PEM_Serialization/ec_public_key.pem",                         "error", "*",     "*"},
    {"PEM_Serialization/rsa_wrong_delimiter_public_key.pem",        "error", "*",     "*"},
    {"PEM_Serialization/ec_public_key_rsa_delimiter.pem",           "error", "*",     "*"},
    {"PEM_Serialization/dsaparam.pem",                              "error", "*",     "*"},
    {"DER_Serialization/testrsa.der",                               "error", "*",     "*"},
    {"DER_Serialization/unenc-rsa-pkcs8.der",                       "error", "*",     "*"},
    {"DER_Serialization/enc-rsa-pkcs8.der",                         "error", "*",     "*"},
    {"DER_Serialization/ec_private_key.der",                        "error", "*",     "*"},
    {"OpenSSH/rsa-nopsw.key",                                       "error", "*",     "*"},
    {"OpenSSH/ecdsa-nopsw.key",                                     "error", "*",     "*"},
    {"OpenSSH/rsa-psw.key",                                         "error", "*",     "*"},
    {"OpenSSH/rsa-nopsw.key.pub",                                   "error", "*",     "*"},
    // Mathematically invalid PKCS#1 (q = 2): only "no crash, no hang" is asserted.
    {"PEM_Serialization/rsa-bad-1025-q-is-2.pem",                   "*",     "*",     "*"},
};
// clang-format on

class PycaKey : public ::testing::TestWithParam<KeyCase> {};

TEST_P(PycaKey, KeyRuleVerdicts) {
    SKIP_WITHOUT_CORPORA();
    const KeyCase& tc = GetParam();
    const Checked c = check_json({"--cert", neutral_body(), "--key", asym(tc.file), "--at", kAt});
    ASSERT_FALSE(c.status.empty()) << c.context();
    // Every case fails: if not on format, then on key-matches-cert (no key here belongs to rsa_ca.pem).
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    const std::pair<const char*, const char*> expected[] = {
        {"key-pem", tc.key_pem}, {"key-unencrypted", tc.key_unencrypted}, {"key-rsa-pkcs1", tc.key_rsa_pkcs1}};
    for (const auto& [rule, want] : expected) {
        if (std::string{want} == "*") continue;
        EXPECT_EQ(c.st(rule), want) << rule << ": " << c.msg(rule) << "\n"
                                    << c.describe;
    }
    // Whatever the format, the body's own rules are unaffected.
    EXPECT_EQ(c.st("body-pem"), "pass") << c.describe;
    EXPECT_EQ(c.st("body-validity"), "pass") << c.describe;
    // Never a passphrase prompt.
    std::string all = c.run.out + c.run.err;
    std::transform(all.begin(), all.end(), all.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    EXPECT_EQ(all.find("enter pem pass"), std::string::npos) << c.context();
    EXPECT_EQ(all.find("enter pass phrase"), std::string::npos) << c.context();
}

std::string key_case_name(const ::testing::TestParamInfo<KeyCase>& info) {
    std::string n = info.param.file;
    for (char& ch : n) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    }
    return n;
}

INSTANTIATE_TEST_SUITE_P(Asymmetric, PycaKey, ::testing::ValuesIn(kKeyCases), key_case_name);

// Every key file of the tree is in the table above (so that a new vector is not silently skipped).
TEST(PycaKeyTable, CoversEveryKeyFile) {
    SKIP_WITHOUT_CORPORA();
    std::vector<std::string> missing;
    for (const auto& e : std::filesystem::recursive_directory_iterator(py("asymmetric"))) {
        if (!e.is_regular_file() || e.path().filename() == "README.txt") continue;
        const std::string rel = std::filesystem::relative(e.path(), py("asymmetric")).string();
        const bool listed = std::any_of(std::begin(kKeyCases), std::end(kKeyCases),
                                        [&](const KeyCase& k) { return rel == k.file; });
        if (!listed && rel != "PEM_Serialization/README.txt") missing.push_back(rel);
    }
    EXPECT_TRUE(missing.empty()) << "not in kKeyCases: " << ::testing::PrintToString(missing);
}

TEST(PycaKeyMessages, EncryptedOpenSshKeyIsNotCalledUnencrypted) {
    SKIP_WITHOUT_CORPORA();
    // rsa-psw.key is an OpenSSH key protected with a passphrase (bcrypt KDF, aes256-ctr). Through the
    // binary, like the next encrypted-key test: no prompt, under a timeout.
    const Checked c = check_json_binary({"--cert", neutral_body(), "--key", asym("OpenSSH/rsa-psw.key"), "--at", kAt});
    EXPECT_EQ(c.st("key-pem"), "error") << c.msg("key-pem");
    EXPECT_NE(c.st("key-unencrypted"), "pass") << "key-unencrypted says: " << c.msg("key-unencrypted");
}

TEST(PycaKeyMessages, OpenSshKeyGetsAConvertHint) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", neutral_body(), "--key", asym("OpenSSH/rsa-nopsw.key"), "--at", kAt});
    EXPECT_EQ(c.st("key-pem"), "error");
    EXPECT_NE(c.msg("key-pem").find("OpenSSH"), std::string::npos) << c.msg("key-pem");
    EXPECT_FALSE(c.hint.at("key-pem").empty());
}

TEST(PycaKeyMessages, EncryptedKeyMessageSaysEncrypted) {
    SKIP_WITHOUT_CORPORA();
    for (const char* f : {"PEM_Serialization/rsa_private_key.pem", "PKCS8/enc2-rsa-pkcs8.pem",
                          "Traditional_OpenSSL_Serialization/key1-malformed-dek-info.pem"}) {
        const Checked c = check_json_binary({"--cert", neutral_body(), "--key", asym(f), "--at", kAt});
        EXPECT_NE(c.msg("key-unencrypted").find("encrypted"), std::string::npos) << f << ": " << c.msg("key-unencrypted");
    }
}

// ---------------------------------------------------------------------------------------------
// Keys with their own certificates.

TEST(PycaKeyPairs, V1CertWithPkcs1Key) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("v1_cert.pem"), "--key",
                                  asym("Traditional_OpenSSL_Serialization/testrsa.pem"), "--at", kV1At});
    EXPECT_EQ(c.st("body-pem"), "pass") << c.msg("body-pem");
    EXPECT_EQ(c.st("body-validity"), "pass") << c.msg("body-validity");
    EXPECT_EQ(c.st("key-pem"), "pass") << c.msg("key-pem");
    EXPECT_EQ(c.st("key-unencrypted"), "pass");
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "pass") << c.msg("key-rsa-pkcs1");
    EXPECT_EQ(c.st("key-size"), "warn") << c.msg("key-size");  // 512 bits
    EXPECT_EQ(c.st("key-matches-cert"), "pass") << c.msg("key-matches-cert");
}

// v1_cert.pem's outer signatureAlgorithm is the bare `md5` OID (the TBS one says md5WithRSAEncryption).
TEST(PycaKeyPairs, V1CertMd5SignatureWarns) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("v1_cert.pem"), "--at", kV1At});
    EXPECT_EQ(c.st("body-signature-algorithm"), "warn") << c.msg("body-signature-algorithm");
}

TEST(PycaKeyPairs, V1CertWithDerKey) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("v1_cert.pem"), "--key", asym("DER_Serialization/testrsa.der"), "--at", kV1At});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("key-pem"), "error") << c.msg("key-pem");
}

TEST(PycaKeyPairs, RsaCaWithPkcs8Key) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("custom/ca/rsa_ca.pem"), "--key", x509("custom/ca/rsa_key.pem"), "--at", kAt});
    EXPECT_EQ(c.run.exit_code, 1) << c.context();
    EXPECT_EQ(c.st("key-pem"), "pass") << c.msg("key-pem");
    EXPECT_EQ(c.st("key-unencrypted"), "pass");
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "error") << c.msg("key-rsa-pkcs1");
    EXPECT_NE(c.msg("key-rsa-pkcs1").find("PKCS#8"), std::string::npos) << c.msg("key-rsa-pkcs1");
    const std::string& hint = c.hint.at("key-rsa-pkcs1");
    EXPECT_TRUE(hint.find("-traditional") != std::string::npos || hint.find("certcheck fix") != std::string::npos) << hint;
    EXPECT_EQ(c.st("key-size"), "pass") << c.msg("key-size");
    EXPECT_EQ(c.st("key-matches-cert"), "pass") << c.msg("key-matches-cert");
}

TEST(PycaKeyPairs, EcCaWithPkcs8Key) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("custom/ca/ca.pem"), "--key", x509("custom/ca/ca_key.pem"), "--at", kAt});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("key-pem"), "pass");
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "error") << c.msg("key-rsa-pkcs1");
    EXPECT_NE(c.msg("key-rsa-pkcs1").find("RSA"), std::string::npos) << c.msg("key-rsa-pkcs1");
    EXPECT_EQ(c.st("key-matches-cert"), "pass") << c.msg("key-matches-cert");
}

TEST(PycaKeyPairs, RsaPssCertWithItsKey) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("custom/rsa_pss_cert.pem"), "--key", asym("PKCS8/rsa_pss_2048.pem"), "--at", kAt});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("body-validity"), "pass");
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "error") << c.msg("key-rsa-pkcs1");
    EXPECT_EQ(c.st("key-matches-cert"), "pass") << c.msg("key-matches-cert");
}

// PKITS: the full valid path (EE + GoodCA + TrustAnchor), with the PKCS#1 and the PKCS#8 key.
TEST(PycaKeyPairs, PkitsValidPath) {
    SKIP_WITHOUT_CORPORA();
    const std::string chain = write_temp("pkits-chain.pem", read_file(x509("PKITS_derived/GoodCACert.cert.pem")) +
                                                                read_file(x509("PKITS_derived/TrustAnchorRootCertificate.cert.pem")));
    const std::string ee = x509("PKITS_derived/ValidCertificatePathTest1EE.cert.pem");
    const Checked trad = check_json({"--cert", ee, "--key", x509("PKITS_derived/ValidCertificatePathTest1EE.key.traditional.pem"),
                                     "--chain", chain, "--at", kAt});
    EXPECT_EQ(trad.run.exit_code, 0) << trad.context();
    for (const char* rule : {"body-pem", "body-validity", "key-pem", "key-rsa-pkcs1", "key-matches-cert", "chain-pem",
                             "chain-order", "chain-no-leaf", "chain-no-extra", "chain-validity", "chain-complete"}) {
        EXPECT_EQ(trad.st(rule), "pass") << rule << ": " << trad.msg(rule);
    }
    const Checked pk8 = check_json({"--cert", ee, "--key", x509("PKITS_derived/ValidCertificatePathTest1EE.key.pkcs8.pem"),
                                    "--chain", chain, "--at", kAt});
    EXPECT_EQ(pk8.st("key-rsa-pkcs1"), "error") << pk8.msg("key-rsa-pkcs1");
    EXPECT_EQ(pk8.st("key-matches-cert"), "pass") << pk8.msg("key-matches-cert");
}

// ---------------------------------------------------------------------------------------------
// Certificate bodies (x509/, pkcs7/, pkcs12/).

TEST(PycaBody, ChainInBodyIsNotASingleCert) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("cryptography.io.chain.pem"), "--at", "2016-06-01T00:00:00Z"});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("body-pem"), "pass") << c.msg("body-pem");
    EXPECT_EQ(c.st("body-single-cert"), "error") << c.msg("body-single-cert");
    EXPECT_EQ(c.st("body-validity"), "pass") << c.msg("body-validity");
}

TEST(PycaBody, LeafInChainFile) {
    SKIP_WITHOUT_CORPORA();
    const Checked bad = check_json({"--cert", x509("cryptography.io.pem"), "--chain", x509("cryptography.io.chain.pem"), "--at",
                                    "2016-06-01T00:00:00Z", "--trust-store", fixture("root-ca.pem")});
    EXPECT_EQ(bad.run.exit_code, 1);
    EXPECT_EQ(bad.st("chain-no-leaf"), "error") << bad.msg("chain-no-leaf");
    const Checked good = check_json({"--cert", x509("cryptography.io.pem"), "--chain", x509("rapidssl_sha256_ca_g3.pem"), "--at",
                                     "2016-06-01T00:00:00Z", "--trust-store", fixture("root-ca.pem")});
    EXPECT_EQ(good.st("chain-no-leaf"), "pass") << good.msg("chain-no-leaf");
    EXPECT_EQ(good.st("chain-order"), "pass") << good.msg("chain-order");
    EXPECT_EQ(good.st("chain-no-extra"), "pass") << good.msg("chain-no-extra");
    EXPECT_EQ(good.st("chain-complete"), "warn") << good.msg("chain-complete");  // GeoTrust Global CA is not given
}

TEST(PycaBody, ExpiredAtPinnedClock) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("cryptography.io.pem"), "--at", kAt});
    EXPECT_EQ(c.st("body-pem"), "pass");
    EXPECT_EQ(c.st("body-single-cert"), "pass");
    EXPECT_EQ(c.st("body-validity"), "error") << c.msg("body-validity");
}

TEST(PycaBody, Pkcs7BodiesFailBodyPem) {
    SKIP_WITHOUT_CORPORA();
    for (const char* f : {"pkcs7/isrg.pem", "pkcs7/amazon-roots.p7b", "pkcs7/amazon-roots.der", "pkcs7/enveloped.pem"}) {
        const Checked c = check_json({"--cert", py(f), "--at", kAt});
        EXPECT_EQ(c.run.exit_code, 1) << c.context();
        EXPECT_EQ(c.st("body-pem"), "error") << f << ": " << c.msg("body-pem");
        EXPECT_NE(c.msg("body-pem").find("PKCS#7"), std::string::npos) << f << ": " << c.msg("body-pem");
    }
}

TEST(PycaBody, Pkcs12BodiesFailBodyPem) {
    SKIP_WITHOUT_CORPORA();
    for (const auto& e : std::filesystem::directory_iterator(py("pkcs12"))) {
        const Checked c = check_json({"--cert", e.path().string(), "--at", kAt});
        EXPECT_EQ(c.run.exit_code, 1) << c.context();
        EXPECT_EQ(c.st("body-pem"), "error") << e.path() << ": " << c.msg("body-pem");
        EXPECT_NE(c.msg("body-pem").find("PKCS#12"), std::string::npos) << e.path() << ": " << c.msg("body-pem");
    }
}

TEST(PycaBody, CsrBodiesFailBodyPem) {
    SKIP_WITHOUT_CORPORA();
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(x509("requests"))) {
        ++n;
        const Checked c = check_json({"--cert", e.path().string(), "--at", kAt});
        EXPECT_EQ(c.run.exit_code, 1) << c.context();
        EXPECT_EQ(c.st("body-pem"), "error") << e.path() << ": " << c.msg("body-pem");
        EXPECT_NE(c.msg("body-pem").find("signing request"), std::string::npos) << e.path() << ": " << c.msg("body-pem");
        EXPECT_EQ(c.st("body-single-cert"), "error") << e.path();
    }
    EXPECT_EQ(n, 7);
}

TEST(PycaBody, GarbageAroundCertFailsBodyPem) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("cryptography.io.with_garbage.pem"), "--at", "2016-06-01T00:00:00Z"});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("body-pem"), "error") << c.msg("body-pem");
    EXPECT_EQ(c.doc["subjects"][0]["findings"][0]["line"], 1) << c.context();
}

TEST(PycaBody, OldHeaderFailsBodyPem) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("cryptography.io.old_header.pem"), "--at", "2016-06-01T00:00:00Z"});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("body-pem"), "error") << c.msg("body-pem");
    EXPECT_NE(c.msg("body-pem").find("X509 CERTIFICATE"), std::string::npos) << c.msg("body-pem");
}

TEST(PycaBody, Pkcs12NodesOutputFailsBodyPem) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", x509("PKITS_derived/ValidCertificatePathTest1EE.p12-nodes-output.pem"), "--at", kAt});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("body-pem"), "error") << c.msg("body-pem");
    EXPECT_NE(c.msg("body-pem").find("Bag Attributes"), std::string::npos) << c.msg("body-pem");
}

TEST(PycaBody, PkitsValidityCases) {
    SKIP_WITHOUT_CORPORA();
    const std::pair<const char*, const char*> cases[] = {
        {"PKITS_derived/InvalidEEnotAfterDateTest6EE.cert.pem", "error"},
        {"PKITS_derived/InvalidEEnotBeforeDateTest2EE.cert.pem", "error"},
        {"PKITS_derived/ValidGeneralizedTimenotAfterDateTest8EE.cert.pem", "pass"},
        {"PKITS_derived/ValidCertificatePathTest1EE.cert.pem", "pass"},
    };
    for (const auto& [f, want] : cases) {
        const Checked c = check_json({"--cert", x509(f), "--at", kAt});
        EXPECT_EQ(c.st("body-validity"), want) << f << ": " << c.msg("body-validity");
    }
}

TEST(PycaBody, WeakSignatureAlgorithmsWarn) {
    SKIP_WITHOUT_CORPORA();
    // MD2-signed VeriSign root (valid 1996..2028) and a SHA-1 DSA certificate.
    for (const char* f : {"verisign_md2_root.pem", "PKITS_derived/ValidDSASignaturesTest4EE.cert.pem"}) {
        const Checked c = check_json({"--cert", x509(f), "--at", kAt});
        EXPECT_EQ(c.st("body-signature-algorithm"), "warn") << f << ": " << c.msg("body-signature-algorithm");
    }
}

// Every file of x509/ (PEM, DER, PKITS DER, odd encodings) as the body: a json report with every rule,
// exit 0 or 1, no crash, no hang.
TEST(PycaBody, EveryX509FileGivesAReport) {
    SKIP_WITHOUT_CORPORA();
    const RunResult rules = run_certcheck({"rules", "--profile", "iam-server", "--format", "json"}, kTimeout);
    const std::size_t n_rules = json::parse(rules.out).size();
    int n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(x509(""))) {
        if (!e.is_regular_file()) continue;
        ++n;
        const Checked c = check_json({"--cert", e.path().string(), "--at", kAt});
        EXPECT_TRUE(c.run.exit_code == 0 || c.run.exit_code == 1) << c.context();
        EXPECT_EQ(c.status.size(), n_rules) << c.context();
    }
    EXPECT_GT(n, 100);
}

}  // namespace
}  // namespace certcheck::test
