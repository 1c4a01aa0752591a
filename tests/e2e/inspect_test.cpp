// End-to-end: `certcheck inspect` on PEM, DER, PKCS#7 and PKCS#12 fixtures and the pyca vectors.
// Expected values come from OpenSSL reading the same files here, not from inspect's own code.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certcheck/openssl.hpp"
#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};

std::string pyca(const std::string& rel) { return corpus("pyca-cryptography-vectors/" + rel); }

ossl::X509Ptr read_pem_cert(const std::string& path) {
    const std::string pem = read_file(path);
    ossl::BioPtr bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    return ossl::X509Ptr{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)};
}

std::string openssl_fingerprint(X509* x) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    EXPECT_EQ(X509_digest(x, EVP_sha256(), md.data(), &len), 1);
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        if (i > 0) out += ':';
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 0xf];
    }
    return out;
}

nlohmann::json inspect_json(const std::vector<std::string>& files, int expect_exit = 0) {
    std::vector<std::string> args{"inspect", "--format", "json", "--at", kAt};
    args.insert(args.end(), files.begin(), files.end());
    const RunResult r = run_certcheck(args);
    EXPECT_EQ(r.exit_code, expect_exit) << r.out << r.err;
    try {
        return nlohmann::json::parse(r.out);
    } catch (const nlohmann::json::exception& e) {
        ADD_FAILURE() << "not json: " << e.what() << "\n"
                      << r.out << r.err;
        return {};
    }
}

// Neither output of `inspect` (text and json) quotes a line of the key file.
void expect_inspect_hides(const std::string& key_file, const std::string& inspected) {
    for (const char* format : {"text", "json"}) {
        const RunResult r = run_certcheck({"inspect", "--format", format, "--at", kAt, inspected});
        for (const std::string& piece : base64_prefixes(read_file(key_file))) {
            EXPECT_FALSE(has(r.out + r.err, piece)) << format << " output quotes the key:\n"
                                                    << r.out;
        }
        EXPECT_FALSE(has(r.out, "PRIVATE KEY-----")) << r.out;
    }
}

TEST(Inspect, LeafCertificateFacts) {
    const nlohmann::json doc = inspect_json({fixture("leaf.pem")});
    ASSERT_EQ(doc["files"].size(), 1u);
    const auto& file = doc["files"][0];
    EXPECT_EQ(file["format"], "PEM");
    ASSERT_EQ(file["objects"].size(), 1u);
    const auto& o = file["objects"][0];
    EXPECT_EQ(o["type"], "certificate");
    EXPECT_EQ(o["line"], 1);
    const auto& c = o["certificate"];
    const ossl::X509Ptr x = read_pem_cert(fixture("leaf.pem"));
    ASSERT_TRUE(x);
    EXPECT_EQ(c["sha256_fingerprint"], openssl_fingerprint(x.get()));
    EXPECT_EQ(c["subject"], "CN=www.example.com,O=certcheck tests,C=US");
    EXPECT_EQ(c["issuer"], "CN=certcheck Test Intermediate CA,O=certcheck tests,C=US");
    EXPECT_EQ(c["sans"], nlohmann::json({"DNS:www.example.com", "DNS:example.com", "DNS:*.api.example.com"}));
    EXPECT_EQ(c["not_before"], "2025-01-01T00:00:00Z");
    EXPECT_EQ(c["not_after"], "2099-12-31T23:59:59Z");
    // 2030-01-01 to 2099-12-31T23:59:59: 70 years with 17 leap days, minus one second.
    EXPECT_EQ(c["days_left"], 70 * 365 + 17 - 1);
    EXPECT_EQ(c["key_algorithm"], "RSA");
    EXPECT_EQ(c["key_bits"], 2048);
    EXPECT_EQ(c["signature_algorithm"], "sha256WithRSAEncryption");
    EXPECT_EQ(c["ca"], false);
    EXPECT_EQ(c["key_usage"], nlohmann::json({"digitalSignature", "keyEncipherment"}));
    EXPECT_EQ(c["extended_key_usage"], nlohmann::json({"serverAuth"}));
    EXPECT_EQ(c["version"], 3);
    EXPECT_FALSE(c["serial"].get<std::string>().empty());
    EXPECT_FALSE(c["spki_sha256"].get<std::string>().empty());
}

TEST(Inspect, KeyFormatsAndPairingDigest) {
    const nlohmann::json doc = inspect_json({fixture("leaf.key"), fixture("leaf-pkcs8.key"), fixture("leaf-enc-pkcs8.key"),
                                             fixture("leaf-enc-legacy.key"), fixture("ec-leaf.key"), fixture("leaf-key.der"), fixture("leaf.pem")});
    ASSERT_EQ(doc["files"].size(), 7u);
    const auto key = [&](std::size_t i) { return doc["files"][i]["objects"][0]["private_key"]; };
    EXPECT_EQ(key(0)["format"], "PKCS#1");
    EXPECT_EQ(key(0)["algorithm"], "RSA");
    EXPECT_EQ(key(0)["bits"], 2048);
    EXPECT_EQ(key(0)["encrypted"], false);
    EXPECT_EQ(key(1)["format"], "PKCS#8");
    EXPECT_EQ(key(2)["format"], "PKCS#8 (encrypted)");
    EXPECT_EQ(key(2)["encrypted"], true);
    EXPECT_TRUE(key(2)["spki_sha256"].is_null());
    EXPECT_EQ(key(3)["encrypted"], true);
    EXPECT_EQ(key(4)["format"], "SEC1");
    EXPECT_EQ(key(4)["algorithm"], "EC");
    EXPECT_EQ(key(5)["format"], "PKCS#1 (DER)");
    // The key's public half has the certificate's SPKI digest: that is how a pair is recognised.
    const auto cert_spki = doc["files"][6]["objects"][0]["certificate"]["spki_sha256"];
    EXPECT_EQ(key(0)["spki_sha256"], cert_spki);
    EXPECT_EQ(key(1)["spki_sha256"], cert_spki);
    EXPECT_EQ(key(5)["spki_sha256"], cert_spki);
    for (const char* k : {"leaf.key", "leaf-pkcs8.key", "leaf-enc-pkcs8.key", "leaf-enc-legacy.key", "ec-leaf.key"}) {
        expect_inspect_hides(fixture(k), fixture(k));
    }
}

TEST(Inspect, ContainersAndChains) {
    const nlohmann::json doc = inspect_json({fixture("leaf.p7b"), fixture("leaf-p7b.der"), fixture("leaf.der"), fixture("leaf-nopass.p12"),
                                             fixture("leaf.p12"), fixture("chain.pem")});
    const auto& f = doc["files"];
    EXPECT_EQ(f[0]["format"], "PKCS#7");
    EXPECT_EQ(f[0]["objects"].size(), 3u);
    EXPECT_EQ(f[1]["format"], "PKCS#7");
    EXPECT_EQ(f[1]["objects"].size(), 3u);
    EXPECT_EQ(f[2]["format"], "DER");
    EXPECT_EQ(f[2]["objects"][0]["type"], "certificate");
    EXPECT_EQ(f[3]["format"], "PKCS#12");
    ASSERT_EQ(f[3]["objects"].size(), 4u);  // the leaf, the two CA certificates, the key
    EXPECT_EQ(f[3]["objects"][3]["type"], "private-key");
    EXPECT_EQ(f[3]["objects"][3]["private_key"]["format"], "PKCS#12");
    EXPECT_EQ(f[4]["format"], "PKCS#12");
    EXPECT_TRUE(f[4]["objects"].empty());
    ASSERT_EQ(f[4]["problems"].size(), 1u);
    EXPECT_TRUE(has(f[4]["problems"][0], "password-protected")) << f[4];
    EXPECT_EQ(f[5]["objects"][0]["certificate"]["ca"], true);
    EXPECT_EQ(f[5]["objects"][0]["certificate"]["path_length"], 0);
    EXPECT_EQ(f[5]["objects"][1]["certificate"]["self_signed"], true);
    EXPECT_EQ(f[5]["objects"][1]["certificate"]["key_usage"], nlohmann::json({"keyCertSign", "cRLSign"}));
    expect_inspect_hides(fixture("leaf.key"), fixture("leaf-nopass.p12"));
}

// The certificates of a PKCS#7 bundle, in the order OpenSSL reads them from the PEM file.
std::vector<std::string> pkcs7_fingerprints(const std::string& path) {
    const std::string pem = read_file(path);
    ossl::BioPtr bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    ossl::Pkcs7Ptr p7{PEM_read_bio_PKCS7(bio.get(), nullptr, nullptr, nullptr)};
    std::vector<std::string> out;
    if (!p7 || !PKCS7_type_is_signed(p7.get())) {
        ADD_FAILURE() << path << " is not a signed PKCS#7 bundle";
        return out;
    }
    for (int i = 0; i < sk_X509_num(p7->d.sign->cert); ++i) out.push_back(openssl_fingerprint(sk_X509_value(p7->d.sign->cert, i)));
    return out;
}

// Every certificate of a PKCS#7 bundle used to say "(line 1)", the bundle's line; each now says
// which of the bundle's certificates it is (text), and json adds pkcs7_bundle beside the
// unchanged "line". A certificate block before the bundle keeps its own line; a DER bundle has no line.
TEST(Inspect, Pkcs7CertificatesSayWhichOfTheBundleTheyAre) {
    TempDir dir;
    const std::string p7b = dir.path() + "/bundle.p7b";
    const RunResult made = run_program({"openssl", "crl2pkcs7", "-nocrl", "-certfile", fixture("chain.pem"), "-certfile",
                                        fixture("leaf.pem"), "-out", p7b});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::vector<std::string> order = pkcs7_fingerprints(p7b);
    ASSERT_EQ(order.size(), 3u);
    // The leaf's own PEM, then the bundle: the bundle's block starts after the leaf's lines.
    const std::string leaf = read_file(fixture("leaf.pem"));
    const int bundle_line = static_cast<int>(std::count(leaf.begin(), leaf.end(), '\n')) + 1;
    const std::string mixed = dir.write("mixed.pem", leaf + read_file(p7b));

    const RunResult text = run_certcheck({"inspect", "--at", kAt, p7b, mixed, fixture("leaf-p7b.der")});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_FALSE(has(text.out, "certificate (line 1)\n    subject:        CN=certcheck Test Root")) << text.out;
    for (int i = 0; i < 3; ++i) {
        const std::string of = fmt::format("({} of 3 in the PKCS#7 bundle", i + 1);
        EXPECT_TRUE(has(text.out, fmt::format("  [{}] certificate {} at line 1)\n", i, of))) << text.out;
        EXPECT_TRUE(has(text.out, fmt::format("  [{}] certificate {} at line {})\n", i + 1, of, bundle_line))) << text.out;
        EXPECT_TRUE(has(text.out, fmt::format("  [{}] certificate {})\n", i, of))) << "the DER bundle\n"
                                                                                   << text.out;
    }
    EXPECT_TRUE(has(text.out, "mixed.pem: PKCS#7, 4 objects\n  [0] certificate (line 1)\n")) << text.out;

    const nlohmann::json doc = inspect_json({p7b, mixed, fixture("leaf-p7b.der")});
    const auto& bundle = doc["files"][0]["objects"];
    ASSERT_EQ(bundle.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(bundle[i]["line"], 1) << "the existing key keeps its meaning: the bundle's line";
        EXPECT_EQ(bundle[i]["certificate"]["sha256_fingerprint"], order[i]) << i;
        EXPECT_EQ(bundle[i]["pkcs7_bundle"], nlohmann::json({{"position", i + 1}, {"certificates", 3}, {"line", 1}})) << bundle[i];
    }
    const auto& m = doc["files"][1]["objects"];
    ASSERT_EQ(m.size(), 4u);
    EXPECT_EQ(m[0]["line"], 1);
    EXPECT_TRUE(m[0]["pkcs7_bundle"].is_null()) << m[0];
    EXPECT_EQ(m[3]["pkcs7_bundle"], nlohmann::json({{"position", 3}, {"certificates", 3}, {"line", bundle_line}})) << m[3];
    const auto& der = doc["files"][2]["objects"];
    ASSERT_EQ(der.size(), 3u);
    EXPECT_TRUE(der[1]["line"].is_null());
    EXPECT_EQ(der[1]["pkcs7_bundle"], nlohmann::json({{"position", 2}, {"certificates", 3}, {"line", nullptr}})) << der[1];
}

TEST(Inspect, TextFormatListsEveryField) {
    const RunResult r = run_certcheck({"inspect", "--at", kAt, fixture("leaf.pem"), fixture("leaf-enc-pkcs8.key")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* field : {"subject:", "issuer:", "SANs:", "serial:", "validity:", "days left", "public key:     RSA 2048 bits",
                              "signature:      sha256WithRSAEncryption", "SHA-256:", "SPKI SHA-256:", "CA:             CA:false",
                              "key usage:      digitalSignature, keyEncipherment", "format:         PKCS#8 (encrypted)", "encrypted:      yes"}) {
        EXPECT_TRUE(has(r.out, field)) << field << "\n"
                                       << r.out;
    }
}

TEST(Inspect, AnEncryptedKeysMatchIsUnknownNotAMismatch) {
    // Without the passphrase its public key is unknown: "no inspected certificate has this public
    // key" would say the certificate beside it is not its own.
    const RunResult r = run_certcheck({"inspect", "--at", kAt, fixture("leaf.pem"), fixture("leaf-enc-pkcs8.key"), fixture("leaf-enc-legacy.key")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(has(r.out, "no inspected certificate has this public key")) << r.out;
    const std::string unknown = "matches:        unknown until decrypted (give --passphrase-file FILE or --passphrase-env VAR)";
    const std::size_t first = r.out.find(unknown);
    ASSERT_NE(first, std::string::npos) << r.out;
    EXPECT_NE(r.out.find(unknown, first + 1), std::string::npos) << "both encrypted keys:\n"
                                                                 << r.out;
    // With it, the key is matched to its certificate.
    TempDir dir;
    const RunResult d = run_certcheck({"inspect", "--at", kAt, "--passphrase-file", dir.write("pass.txt", "test\n"), fixture("leaf.pem"),
                                       fixture("leaf-enc-pkcs8.key")});
    EXPECT_EQ(d.exit_code, 0) << d.err;
    EXPECT_TRUE(has(d.out, "matches:        " + fixture("leaf.pem") + " [0]")) << d.out;
}

// A CRL (what `aws rolesanywhere import-crl` and `access --crl` take) is described like the other
// objects: its issuer, dates, revoked entries and which inspected CA signed it. A CA publishes its
// CRL in DER (RFC 5280 4.2.1.13): inspect names it and says that Roles Anywhere imports PEM.
TEST(Inspect, CrlFactsPemAndDer) {
    const std::string pem_path = fixture("access/crl/issuing-ca.crl.pem");
    const std::string ca = fixture("access/issuing-ca.pem");
    const std::string pem = read_file(pem_path);
    ossl::BioPtr bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr);
    ASSERT_NE(crl, nullptr);
    unsigned char* der = nullptr;
    const int der_len = i2d_X509_CRL(crl, &der);
    ASSERT_GT(der_len, 0);
    const TempDir dir;
    const std::string der_path = dir.write("issuing-ca.crl", std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(der_len)));
    OPENSSL_free(der);
    X509_CRL_free(crl);

    const nlohmann::json doc = inspect_json({pem_path, der_path, ca});
    ASSERT_EQ(doc["files"].size(), 3u);
    for (std::size_t i : {0u, 1u}) {
        const auto& file = doc["files"][i];
        ASSERT_EQ(file["objects"].size(), 1u) << file;
        const auto& c = file["objects"][0]["crl"];
        ASSERT_TRUE(c.is_object()) << file;
        EXPECT_EQ(c["issuer"], "CN=Example Issuing CA,O=Example Corp,C=US") << c;
        EXPECT_EQ(c["last_update"], "2029-01-01T00:00:00Z");
        EXPECT_EQ(c["next_update"], "2099-12-31T23:59:59Z");
        EXPECT_EQ(c["crl_number"], "4096");
        EXPECT_EQ(c["revoked"], 1);
        EXPECT_EQ(c["signature_algorithm"], "sha256WithRSAEncryption");
        ASSERT_EQ(c["signed_by"].size(), 1u) << c;
        EXPECT_EQ(c["signed_by"][0]["path"], ca);
    }
    EXPECT_EQ(doc["files"][0]["format"], "PEM");
    EXPECT_EQ(doc["files"][1]["format"], "DER");
    ASSERT_EQ(doc["files"][1]["problems"].size(), 1u) << doc["files"][1];
    EXPECT_TRUE(has(doc["files"][1]["problems"][0], "openssl crl -inform DER -in")) << doc["files"][1]["problems"][0];

    const RunResult t = run_certcheck({"inspect", "--at", "2100-01-01T00:00:00Z", der_path});
    EXPECT_EQ(t.exit_code, 0) << t.err;
    for (const char* field : {"issuer:         CN=Example Issuing CA,O=Example Corp,C=US", "last update:    2029-01-01T00:00:00Z",
                              "next update:    2099-12-31T23:59:59Z (passed", "revoked:        1 certificate", "CRL number:     4096",
                              "signed by:      not checked (no inspected certificate is its issuer)"}) {
        EXPECT_TRUE(has(t.out, field)) << field << "\n"
                                       << t.out;
    }
    // Given as a certificate, it is named for what it is.
    const RunResult c = run_certcheck({"check", "--at", kAt, "--cert", der_path, "--only", "body-pem"});
    EXPECT_EQ(c.exit_code, 1) << c.out;
    EXPECT_TRUE(has(c.out, "certificate revocation list (CRL)")) << c.out;
}

TEST(Inspect, UnreadableFileIsExitTwoNamingIt) {
    const RunResult r = run_certcheck({"inspect", fixture("leaf.pem"), "/nonexistent/x.pem"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "/nonexistent/x.pem")) << r.err;
}

TEST(InspectCorpora, PycaPkcs7AndPkcs12) {
    SKIP_WITHOUT_CORPORA();
    const nlohmann::json doc = inspect_json({pyca("pkcs7/amazon-roots.p7b"), pyca("pkcs7/amazon-roots.der"), pyca("pkcs7/isrg.pem"),
                                             pyca("pkcs7/enveloped.pem"), pyca("pkcs12/no-password.p12"), pyca("pkcs12/name-2-3-no-pwd.p12"),
                                             pyca("pkcs12/cert-key-aes256cbc.p12")});
    const auto& f = doc["files"];
    EXPECT_EQ(f[0]["objects"].size(), 2u);
    EXPECT_EQ(f[0]["objects"][0]["certificate"]["key_algorithm"], "EC");
    EXPECT_EQ(f[1]["objects"].size(), 2u);
    EXPECT_EQ(f[2]["format"], "PKCS#7");
    EXPECT_EQ(f[2]["objects"].size(), 1u);
    EXPECT_TRUE(f[3]["objects"].empty());
    EXPECT_FALSE(f[3]["problems"].empty()) << f[3];
    EXPECT_EQ(f[4]["format"], "PKCS#12");
    ASSERT_EQ(f[4]["objects"].size(), 2u);
    EXPECT_EQ(f[4]["objects"][1]["private_key"]["algorithm"], "EC");
    EXPECT_EQ(f[5]["objects"].size(), 4u);
    EXPECT_TRUE(f[6]["objects"].empty());
    EXPECT_TRUE(has(f[6]["problems"][0], "password-protected")) << f[6];
}

TEST(InspectCorpora, PycaEncryptedKeysShowNoMaterial) {
    SKIP_WITHOUT_CORPORA();
    for (const char* k : {"asymmetric/PKCS8/enc-rsa-pkcs8.pem", "asymmetric/Traditional_OpenSSL_Serialization/key1.pem",
                          "asymmetric/PEM_Serialization/ec_private_key_encrypted.pem", "asymmetric/PKCS8/unenc-rsa-pkcs8.pem",
                          "asymmetric/Traditional_OpenSSL_Serialization/testrsa.pem"}) {
        expect_inspect_hides(pyca(k), pyca(k));
    }
    const nlohmann::json doc = inspect_json({pyca("asymmetric/DER_Serialization/enc-rsa-pkcs8.der"), pyca("asymmetric/PKCS8/enc2-rsa-pkcs8.pem")});
    EXPECT_EQ(doc["files"][0]["objects"][0]["private_key"]["encrypted"], true);
    EXPECT_EQ(doc["files"][0]["objects"][0]["private_key"]["format"], "PKCS#8 (encrypted, DER)");
    EXPECT_EQ(doc["files"][1]["objects"][0]["private_key"]["encrypted"], true);
}

}  // namespace
}  // namespace certcheck::test
