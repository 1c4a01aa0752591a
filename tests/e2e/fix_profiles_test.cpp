// End-to-end: `certcheck fix` under every profile (iam-server, cloudfront, acm, iam-signing,
// roles-anywhere) with the upload options (--name, --path, --user-name), one test per kind of
// change line, --format json, and scan --user-name. Inputs are the fixtures of testdata/gen.sh and
// gen-profiles.sh, or files put together from them at run time; --at is fixed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;
const std::string kAt{kTestAt};

std::string prof(const std::string& name) { return fixture("profiles/" + name); }

// fix with the test's time; `extra` after the inputs.
RunResult run_fix(const std::string& cert, const std::string& key, const std::string& out, std::vector<std::string> extra) {
    std::vector<std::string> args{"fix", "--cert", cert, "--key", key, "--out", out, "--at", kAt};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_certcheck(args);
}

// The json document fix printed (a failed parse fails the test and returns null).
nlohmann::json parsed(const RunResult& r) {
    const auto doc = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << "not json:\n"
                                     << r.out << r.err;
    return doc.is_discarded() ? nlohmann::json{} : doc;
}

bool has_change(const nlohmann::json& doc, const std::string& file, const std::string& kind) {
    if (!doc.contains("changes")) return false;
    for (const auto& c : doc["changes"]) {
        if (c.value("file", "") == file && c.value("kind", "") == kind) return true;
    }
    return false;
}

// Neither stream quotes a line of any of the key files.
void expect_no_key_text(const RunResult& r, const std::vector<std::string>& key_files) {
    for (const std::string& k : key_files) {
        if (!fs::exists(k)) continue;
        for (const std::string& piece : base64_prefixes(read_file(k))) {
            EXPECT_FALSE(has(r.out, piece)) << "stdout quotes " << k;
            EXPECT_FALSE(has(r.err, piece)) << "stderr quotes " << k;
        }
    }
}

// ---------------------------------------------------------------- cloudfront

TEST(FixProfiles, CloudfrontWithoutPathSaysWhichOptionToAdd) {
    TempDir tmp("certcheck-fixp");
    const RunResult r = run_fix(fixture("leaf.pem"), fixture("leaf.key"), tmp.path() + "/out",
                                {"--chain", fixture("chain.pem"), "--profile", "cloudfront", "--trust-store", fixture("root-ca.pem")});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.err, "no --path given")) << r.err;
    EXPECT_TRUE(has(r.err, "[cloudfront-path]; to fix: give the path you will upload with: --path /cloudfront/NAME/")) << r.err;
    EXPECT_TRUE(has(r.err, "nothing was written")) << r.err;
    EXPECT_FALSE(fs::exists(tmp.path() + "/out"));

    const RunResult wrong = run_fix(fixture("leaf.pem"), fixture("leaf.key"), tmp.path() + "/out",
                                    {"--chain", fixture("chain.pem"), "--profile", "cloudfront", "--path", "/prod/", "--trust-store",
                                     fixture("root-ca.pem")});
    EXPECT_EQ(wrong.exit_code, 1) << wrong.out << wrong.err;
    EXPECT_TRUE(has(wrong.err, "the path '/prod/' does not begin with /cloudfront/")) << wrong.err;
    EXPECT_TRUE(has(wrong.err, "upload with --path /cloudfront/NAME/")) << wrong.err;
    EXPECT_FALSE(fs::exists(tmp.path() + "/out"));
}

TEST(FixProfiles, CloudfrontWithCloudfrontPathFinishes) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    const RunResult r = run_fix(fixture("leaf.pem"), fixture("leaf.key"), out,
                                {"--chain", fixture("chain.pem"), "--profile", "cloudfront", "--path", "/cloudfront/example/",
                                 "--name", "example-site", "--trust-store", fixture("root-ca.pem")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "check (cloudfront): PASS")) << r.out;
    EXPECT_TRUE(has(r.out, "chain: left out the root CN=certcheck Test Root CA (this profile wants intermediates only)")) << r.out;
    EXPECT_TRUE(has(r.out,
                    "next: aws iam upload-server-certificate --server-certificate-name example-site --path /cloudfront/example/ "
                    "--certificate-body file://" +
                        out + "/cert.pem"))
        << r.out;
    EXPECT_EQ(read_file(out + "/chain.pem"), read_file(fixture("inter-ca.pem")));
    const RunResult again = run_certcheck({"check", "--profile", "cloudfront", "--path", "/cloudfront/example/", "--cert", out + "/cert.pem",
                                           "--key", out + "/key.pem", "--chain", out + "/chain.pem", "--at", kAt, "--trust-store",
                                           fixture("root-ca.pem")});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

// An EC P-256 key is CloudFront's other accepted form: PKCS#8 becomes SEC1.
TEST(FixProfiles, CloudfrontEcKeyWrittenAsSec1) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    const RunResult r = run_fix(fixture("ec-leaf.pem"), fixture("ec-leaf-pkcs8.key"), out,
                                {"--chain", fixture("chain.pem"), "--profile", "cloudfront", "--path", "/cloudfront/ec/", "--trust-store",
                                 fixture("root-ca.pem"), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto doc = parsed(r);
    EXPECT_TRUE(has_change(doc, "key", "key-pkcs8-to-sec1")) << doc.dump(2);
    EXPECT_TRUE(read_file(out + "/key.pem").starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
}

// ---------------------------------------------------------------- iam-server

TEST(FixProfiles, IamServerCarriesNameAndPathAndChecksThem) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    const RunResult r = run_fix(fixture("leaf.pem"), fixture("leaf.key"), out,
                                {"--chain", fixture("chain.pem"), "--name", "www-2099", "--path", "/prod/", "--trust-store",
                                 fixture("root-ca.pem")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "next: aws iam upload-server-certificate --server-certificate-name www-2099 --path /prod/ ")) << r.out;

    const RunResult bad_name = run_fix(fixture("leaf.pem"), fixture("leaf.key"), tmp.path() + "/out2",
                                       {"--chain", fixture("chain.pem"), "--name", "my cert", "--trust-store", fixture("root-ca.pem")});
    EXPECT_EQ(bad_name.exit_code, 1) << bad_name.out << bad_name.err;
    EXPECT_TRUE(has(bad_name.err, "--name has byte 0x20 at position 3")) << bad_name.err;
    EXPECT_TRUE(has(bad_name.err, "[request-name]")) << bad_name.err;
    const RunResult bad_path = run_fix(fixture("leaf.pem"), fixture("leaf.key"), tmp.path() + "/out2",
                                       {"--chain", fixture("chain.pem"), "--path", "prod", "--trust-store", fixture("root-ca.pem")});
    EXPECT_EQ(bad_path.exit_code, 1) << bad_path.out << bad_path.err;
    EXPECT_TRUE(has(bad_path.err, "--path must start with '/' [request-path]")) << bad_path.err;
    EXPECT_FALSE(fs::exists(tmp.path() + "/out2"));
}

// ---------------------------------------------------------------- acm

TEST(FixProfiles, AcmKeepsAPrivateRootLastAndPrintsTheImportCommand) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    // The trust store does not hold the test root: it is a private CA, so its root stays last (acm-chain-order).
    const RunResult r = run_fix(fixture("leaf.pem"), fixture("leaf-pkcs8.key"), out,
                                {"--chain", fixture("chain-reversed.pem"), "--profile", "acm", "--trust-store", fixture("other-root.pem")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "check (acm): PASS")) << r.out;
    EXPECT_TRUE(has(r.out, "chain: reordered into issuing order: CN=certcheck Test Intermediate CA, CN=certcheck Test Root CA")) << r.out;
    EXPECT_TRUE(has(r.out, "next: aws acm import-certificate --certificate fileb://" + out + "/cert.pem --private-key fileb://" + out +
                               "/key.pem --certificate-chain fileb://" + out + "/chain.pem"))
        << r.out;
    EXPECT_EQ(read_file(out + "/chain.pem"), read_file(fixture("chain.pem")));
    const RunResult again = run_certcheck({"check", "--profile", "acm", "--cert", out + "/cert.pem", "--key", out + "/key.pem", "--chain",
                                           out + "/chain.pem", "--at", kAt, "--trust-store", fixture("other-root.pem")});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

TEST(FixProfiles, AcmRefusesAnEcLeafUnderAnRsaCa) {
    TempDir tmp("certcheck-fixp");
    const RunResult r = run_fix(prof("acm-secp384r1.pem"), prof("acm-secp384r1.key"), tmp.path() + "/out",
                                {"--chain", fixture("chain.pem"), "--profile", "acm", "--trust-store", fixture("root-ca.pem")});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.err, "[acm-issuer-key-algorithm]")) << r.err;
    EXPECT_FALSE(fs::exists(tmp.path() + "/out"));
}

// ---------------------------------------------------------------- iam-signing

TEST(FixProfiles, IamSigningCarriesTheUserNameAndWritesNoChain) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    const RunResult r = run_fix(fixture("leaf.pem"), fixture("leaf-pkcs8.key"), out,
                                {"--chain", fixture("chain.pem"), "--profile", "iam-signing", "--user-name", "alice@example.com"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "chain: wrote no chain.pem: iam-signing uploads the certificate alone")) << r.out;
    EXPECT_TRUE(has(r.out, "next: aws iam upload-signing-certificate --user-name alice@example.com --certificate-body file://" + out +
                               "/cert.pem"))
        << r.out;
    EXPECT_FALSE(fs::exists(out + "/chain.pem"));
    EXPECT_TRUE(fs::exists(out + "/key.pem"));

    // Without --user-name the command says USER and a note says why.
    const RunResult no_user = run_fix(fixture("leaf.pem"), fixture("leaf.key"), tmp.path() + "/out2", {"--profile", "iam-signing"});
    ASSERT_EQ(no_user.exit_code, 0) << no_user.out << no_user.err;
    EXPECT_TRUE(has(no_user.out, "--user-name USER")) << no_user.out;
    EXPECT_TRUE(has(no_user.out, "note: no --user-name was given")) << no_user.out;
}

TEST(FixProfiles, UserNameIsValidatedAsCheckValidatesIt) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    const RunResult bad = run_fix(fixture("leaf.pem"), fixture("leaf.key"), out, {"--profile", "iam-signing", "--user-name", "bad name"});
    EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
    EXPECT_TRUE(has(bad.err, "--user-name has byte 0x20 at position 4")) << bad.err;
    const RunResult long_name =
        run_fix(fixture("leaf.pem"), fixture("leaf.key"), out, {"--profile", "iam-signing", "--user-name", std::string(129, 'a')});
    EXPECT_EQ(long_name.exit_code, 2) << long_name.out << long_name.err;
    const RunResult wrong_profile = run_fix(fixture("leaf.pem"), fixture("leaf.key"), out, {"--user-name", "alice"});
    EXPECT_EQ(wrong_profile.exit_code, 2) << wrong_profile.out << wrong_profile.err;
    EXPECT_TRUE(has(wrong_profile.err, "use it with --profile iam-signing, not iam-server")) << wrong_profile.err;
    const RunResult name = run_fix(fixture("leaf.pem"), fixture("leaf.key"), out, {"--profile", "iam-signing", "--name", "x"});
    EXPECT_EQ(name.exit_code, 2) << name.out << name.err;
    EXPECT_TRUE(has(name.err, "--profile iam-signing takes the IAM user with --user-name")) << name.err;
    EXPECT_FALSE(fs::exists(out));
}

// ---------------------------------------------------------------- roles-anywhere

TEST(FixProfiles, RolesAnywhereBuildsTheChainTowardTheAnchor) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    // The chain as given holds the anchor (the root) in the wrong place; the system store is never asked.
    const RunResult r = run_fix(prof("ra-leaf.pem"), prof("ra-leaf.key"), out,
                                {"--chain", fixture("chain-reversed.pem"), "--profile", "roles-anywhere", "--trust-anchor",
                                 prof("ra-anchor.pem"), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto doc = parsed(r);
    EXPECT_EQ(doc["profile"], "roles-anywhere");
    EXPECT_TRUE(has_change(doc, "chain", "anchor-removed")) << doc.dump(2);
    EXPECT_EQ(doc["check"]["verdict"], "pass");
    EXPECT_EQ(read_file(out + "/chain.pem"), read_file(fixture("inter-ca.pem")));
    const std::string next = doc["next_command"].get<std::string>();
    EXPECT_TRUE(has(next, "aws_signing_helper credential-process --certificate " + out + "/cert.pem --intermediates " + out +
                              "/chain.pem --private-key " + out + "/key.pem"))
        << next;
    EXPECT_TRUE(doc["check"].value("not_checked", nlohmann::json::array()).empty()) << doc["check"].dump(2);
    const RunResult again = run_certcheck({"check", "--profile", "roles-anywhere", "--cert", out + "/cert.pem", "--key", out + "/key.pem",
                                           "--chain", out + "/chain.pem", "--trust-anchor", prof("ra-anchor.pem"), "--at", kAt});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

// An intermediate registered as the anchor: nothing lies between it and the leaf, so no chain.pem.
TEST(FixProfiles, RolesAnywhereIntermediateAnchorNeedsNoChainFile) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    const RunResult r = run_fix(prof("ra-leaf.pem"), prof("ra-leaf.key"), out,
                                {"--chain", fixture("chain.pem"), "--profile", "roles-anywhere", "--trust-anchor", fixture("inter-ca.pem")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_FALSE(fs::exists(out + "/chain.pem"));
    EXPECT_TRUE(has(r.out, "chain: left out the trust anchor CN=certcheck Test Intermediate CA")) << r.out;
    EXPECT_TRUE(has(r.out, "chain: dropped CN=certcheck Test Root CA (not on the leaf's issuing path)")) << r.out;
    EXPECT_TRUE(has(r.out, "next: aws_signing_helper credential-process --certificate " + out + "/cert.pem --private-key ")) << r.out;
}

TEST(FixProfiles, RolesAnywhereWithoutAnchorSaysWhatWasNotChecked) {
    TempDir tmp("certcheck-fixp");
    const std::string out = tmp.path() + "/out";
    const RunResult r = run_fix(prof("ra-leaf.pem"), prof("ra-leaf.key"), out, {"--chain", fixture("chain.pem"), "--profile", "roles-anywhere"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "note: no --trust-anchor was given: chain.pem is the path found in your inputs")) << r.out;
    EXPECT_TRUE(has(r.out, "not checked: no --trust-anchor was given, so the path to a Roles Anywhere trust anchor was not checked")) << r.out;
    EXPECT_TRUE(has(r.out, "chain: left out the root CN=certcheck Test Root CA")) << r.out;
    EXPECT_EQ(read_file(out + "/chain.pem"), read_file(fixture("inter-ca.pem")));
}

TEST(FixProfiles, RolesAnywhereRefusesAPathThatMissesTheAnchor) {
    TempDir tmp("certcheck-fixp");
    const RunResult other = run_fix(prof("ra-leaf.pem"), prof("ra-leaf.key"), tmp.path() + "/out",
                                    {"--chain", fixture("chain.pem"), "--profile", "roles-anywhere", "--trust-anchor", fixture("other-root.pem")});
    EXPECT_EQ(other.exit_code, 1) << other.out << other.err;
    EXPECT_TRUE(has(other.err, "which is not a certificate of the trust anchor")) << other.err;
    EXPECT_TRUE(has(other.err, "[ra-chain-to-anchor]")) << other.err;
    // The intermediate is nowhere: the system store is not an issuer source under roles-anywhere.
    const RunResult missing = run_fix(prof("ra-leaf.pem"), prof("ra-leaf.key"), tmp.path() + "/out",
                                      {"--profile", "roles-anywhere", "--trust-anchor", prof("ra-anchor.pem"), "--trust-store",
                                       fixture("chain.pem")});
    EXPECT_EQ(missing.exit_code, 1) << missing.out << missing.err;
    EXPECT_TRUE(has(missing.err, "nor --trust-anchor")) << missing.err;
    EXPECT_FALSE(fs::exists(tmp.path() + "/out"));
}

// ---------------------------------------------------------------- one test per kind of change

struct KindCase {
    const char* name;
    std::string cert;
    std::string key;
    std::vector<std::string> extra;  // --chain, --profile, ...
    std::string file;                // the change's file
    std::string kind;
    std::string text;  // a piece of its text
};

std::vector<KindCase> kind_cases() {
    const TempDir& t = temp_dir();
    const std::string leaf = read_file(fixture("leaf.pem"));
    const std::string key = read_file(fixture("leaf.key"));
    const std::string chain = fixture("chain.pem");
    const std::string store = fixture("root-ca.pem");
    const std::string indented = t.write("kind-indented.pem", "  " + leaf);
    const std::string with_csr = t.write("kind-with-csr.pem", leaf + read_file(fixture("csr.pem")));
    const std::string key_with_cert = t.write("kind-key-with-cert.key", key + leaf);
    const std::string alternate = t.write("kind-alternate.pem", read_file(fixture("expired-inter.pem")) + read_file(chain));
    const std::string pass = t.write("kind-pass.txt", "test\n");
    std::string glued = read_file(chain);
    glued.replace(glued.find("-----END CERTIFICATE-----\n") + 25, 1, "");
    const std::string joined = t.write("kind-joined.pem", glued);
    return {
        {"der", fixture("leaf.der"), fixture("leaf.key"), {"--chain", chain}, "cert", "from-der", "converted DER (binary) to PEM"},
        {"pkcs7", fixture("leaf-p7b.der"), fixture("leaf.key"), {}, "cert", "from-pkcs7", "extracted 3 certificates from PKCS#7"},
        {"pkcs12", fixture("leaf.p12"), fixture("leaf.p12"), {"--passphrase-file", pass}, "cert", "from-pkcs12", "extracted from the PKCS#12"},
        {"utf16", fixture("leaf-utf16.pem"), fixture("leaf.key"), {"--chain", chain}, "cert", "from-utf16", "converted UTF-16 (little-endian) text to ASCII PEM"},
        {"bom", fixture("leaf-bom.pem"), fixture("leaf.key"), {"--chain", chain}, "cert", "bom-removed", "removed the UTF-8 byte-order mark"},
        {"leading_blanks", indented, fixture("leaf.key"), {"--chain", chain}, "cert", "leading-bytes-removed", "removed the blanks before -----BEGIN (line 1)"},
        {"crlf", fixture("leaf-crlf.pem"), fixture("leaf-crlf.key"), {"--chain", chain}, "key", "crlf-to-lf", "converted CRLF line endings to LF"},
        {"trailing_whitespace", fixture("leaf-trailing-space.pem"), fixture("leaf.key"), {"--chain", chain}, "cert", "trailing-whitespace-removed", "removed trailing whitespace"},
        {"text_outside_blocks", fixture("leaf-bag-attributes.pem"), fixture("leaf.key"), {"--chain", chain}, "cert", "text-removed", "stripped 'Bag Attributes'"},
        {"rewritten_block", fixture("leaf-tab-indented.pem"), fixture("leaf.key"), {"--chain", chain}, "cert", "pem-rewritten", "rewrote the certificate block (line 1) as standard PEM"},
        {"key_block_in_cert_file", fixture("leaf-with-key.pem"), fixture("leaf.key"), {"--chain", chain}, "cert", "private-key-removed", "removed a private-key block (line 24) from the certificate file"},
        {"combined_file", fixture("leaf-with-key.pem"), fixture("leaf-with-key.pem"), {"--chain", chain}, "cert", "private-key-removed", "moved the private key (line 24) out of the certificate file into key.pem"},
        {"csr_block", with_csr, fixture("leaf.key"), {"--chain", chain}, "cert", "other-block-removed", "removed the CERTIFICATE REQUEST block"},
        {"cert_in_key_file", fixture("leaf.pem"), key_with_cert, {"--chain", chain}, "key", "certificates-removed", "left out 1 certificate found in the key file"},
        {"joined_lines", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", joined}, "chain", "joined-lines-split", "put the END and the next BEGIN that shared line"},
        {"fullchain", fixture("fullchain.pem"), fixture("leaf.key"), {}, "cert", "leaf-kept-alone", "kept the leaf CN=www.example.com alone"},
        {"decrypted", fixture("leaf.pem"), fixture("leaf-enc-legacy.key"), {"--chain", chain, "--passphrase-file", pass}, "key", "key-decrypted", "decrypted (OpenSSL legacy PEM encryption)"},
        {"pkcs8_to_pkcs1", fixture("leaf.pem"), fixture("leaf-pkcs8.key"), {"--chain", chain}, "key", "key-pkcs8-to-pkcs1", "converted PKCS#8 to PKCS#1"},
        {"der_key", fixture("leaf.pem"), fixture("leaf-key.der"), {"--chain", chain}, "key", "from-der", "converted DER (binary) to PEM"},
        {"two_keys", fixture("leaf.pem"), fixture("two-keys.key"), {"--chain", chain}, "key", "other-keys-removed", "kept the one key that matches the certificate (2 keys in"},
        {"reordered", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", fixture("chain-reversed.pem")}, "chain", "chain-reordered", "reordered into issuing order"},
        {"root", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", chain}, "chain", "root-removed", "left out the root CN=certcheck Test Root CA"},
        {"leaf_copy", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", fixture("chain-with-leaf.pem")}, "chain", "leaf-copy-removed", "dropped the leaf certificate"},
        {"duplicate", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", fixture("chain-duplicate.pem")}, "chain", "duplicate-removed", "dropped a duplicate of CN=certcheck Test Intermediate CA"},
        {"unrelated", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", fixture("chain-unrelated.pem")}, "chain", "unrelated-removed", "dropped CN=Unrelated Root CA (not on the leaf's issuing path)"},
        {"alternate", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", alternate}, "chain", "alternate-removed", "this one is not valid at the checked time"},
        {"moved_from_cert", fixture("fullchain.pem"), fixture("leaf.key"), {}, "chain", "moved-from-cert", "moved CN=certcheck Test Intermediate CA from the certificate file into the chain"},
        {"from_trust_store", fixture("leaf.pem"), fixture("leaf.key"), {"--trust-store", chain}, "chain", "added-from-trust-store", "added CN=certcheck Test Intermediate CA from the trust store"},
        {"from_bundle", fixture("leaf.pem"), fixture("leaf.key"), {"--bundle", fixture("chain-unrelated.pem")}, "chain", "added-from-bundle", "added CN=certcheck Test Intermediate CA from --bundle"},
        {"anchor", fixture("profiles/ra-leaf.pem"), fixture("profiles/ra-leaf.key"), {"--chain", chain, "--profile", "roles-anywhere", "--trust-anchor", fixture("profiles/ra-anchor.pem")}, "chain", "anchor-removed", "left out the trust anchor CN=certcheck Test Root CA"},
        {"no_chain_for_signing", fixture("leaf.pem"), fixture("leaf.key"), {"--chain", chain, "--profile", "iam-signing"}, "chain", "chain-not-written", "wrote no chain.pem"},
    };
}

class FixChangeKinds : public ::testing::TestWithParam<KindCase> {};

TEST_P(FixChangeKinds, EachChangeIsReported) {
    const KindCase& c = GetParam();
    TempDir tmp("certcheck-fixk");
    std::vector<std::string> extra = c.extra;
    if (std::find(extra.begin(), extra.end(), "--trust-store") == extra.end()) extra.insert(extra.end(), {"--trust-store", fixture("root-ca.pem")});
    extra.insert(extra.end(), {"--format", "json"});
    const RunResult r = run_fix(c.cert, c.key, tmp.path() + "/out", extra);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto doc = parsed(r);
    ASSERT_TRUE(has_change(doc, c.file, c.kind)) << "no " << c.file << " change of kind " << c.kind << " in\n"
                                                 << doc["changes"].dump(2);
    bool text_found = false;
    for (const auto& ch : doc["changes"]) {
        if (ch["kind"] == c.kind && has(ch["text"].get<std::string>(), c.text)) text_found = true;
    }
    EXPECT_TRUE(text_found) << "'" << c.text << "' in\n"
                            << doc["changes"].dump(2);
    expect_no_key_text(r, {c.key, tmp.path() + "/out/key.pem"});

    // The text report has the same line, and never says nothing changed.
    extra.resize(extra.size() - 2);
    const RunResult text = run_fix(c.cert, c.key, tmp.path() + "/text", extra);
    ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
    EXPECT_TRUE(has(text.out, "  " + c.file + ": ")) << text.out;
    EXPECT_TRUE(has(text.out, c.text)) << text.out;
    EXPECT_FALSE(has(text.out, "no changes were needed")) << text.out;
    // Each change is reported once, by its own kind: no block is said to be rewritten for it.
    if (c.kind != "pem-rewritten") {
        EXPECT_FALSE(has_change(doc, c.file, "pem-rewritten")) << doc["changes"].dump(2);
    }
}

INSTANTIATE_TEST_SUITE_P(Kinds, FixChangeKinds, ::testing::ValuesIn(kind_cases()),
                         [](const auto& param_info) { return std::string{param_info.param.name}; });

TEST(FixChanges, UpLoadReadyInputsNeedNoChange) {
    TempDir tmp("certcheck-fixk");
    const RunResult r = run_fix(fixture("leaf.pem"), fixture("leaf.key"), tmp.path() + "/out",
                                {"--chain", fixture("chain-no-root.pem"), "--trust-store", fixture("root-ca.pem"), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(parsed(r)["changes"].empty()) << r.out;
    const RunResult text = run_fix(fixture("leaf.pem"), fixture("leaf.key"), tmp.path() + "/text",
                                   {"--chain", fixture("chain-no-root.pem"), "--trust-store", fixture("root-ca.pem")});
    EXPECT_TRUE(has(text.out, "no changes were needed")) << text.out;
}

// ---------------------------------------------------------------- --format json

TEST(FixJson, TheDocumentHasItsFieldsAndNoKeyMaterial) {
    TempDir tmp("certcheck-fixj");
    const std::string out = tmp.path() + "/out";
    const std::string pass = tmp.write("pass.txt", "test\n");
    const RunResult r = run_fix(fixture("fullchain.pem"), fixture("leaf-enc-pkcs8.key"), out,
                                {"--passphrase-file", pass, "--trust-store", fixture("root-ca.pem"), "--format", "json", "--path", "/web/"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const auto doc = parsed(r);
    EXPECT_EQ(doc["tool"], "certcheck");
    EXPECT_EQ(doc["command"], "fix");
    EXPECT_EQ(doc["profile"], "iam-server");
    EXPECT_EQ(doc["checked_at"], kAt);
    EXPECT_EQ(doc["out"], out);
    EXPECT_EQ(doc["verdict"], "pass");
    ASSERT_EQ(doc["written"].size(), 3u);
    EXPECT_EQ(doc["written"][0]["file"], "cert");
    EXPECT_EQ(doc["written"][0]["path"], out + "/cert.pem");
    EXPECT_EQ(doc["written"][1]["file"], "key");
    EXPECT_EQ(doc["written"][2]["file"], "chain");
    ASSERT_FALSE(doc["changes"].empty());
    for (const auto& c : doc["changes"]) {
        ASSERT_TRUE(c["file"].is_string() && c["kind"].is_string() && c["text"].is_string()) << c.dump();
        EXPECT_TRUE(c["file"] == "cert" || c["file"] == "key" || c["file"] == "chain") << c.dump();
        EXPECT_EQ(c["kind"].get<std::string>().find(' '), std::string::npos) << c.dump();
    }
    EXPECT_TRUE(has_change(doc, "key", "key-decrypted"));
    EXPECT_TRUE(has_change(doc, "key", "key-pkcs8-to-pkcs1"));
    EXPECT_TRUE(has_change(doc, "cert", "leaf-kept-alone"));
    EXPECT_TRUE(has_change(doc, "chain", "moved-from-cert"));
    EXPECT_TRUE(doc["problems"].empty());
    EXPECT_EQ(doc["check"]["verdict"], "pass");
    EXPECT_EQ(doc["check"]["inputs"]["key"], out + "/key.pem");
    EXPECT_TRUE(has(doc["next_command"].get<std::string>(), "--path /web/")) << doc["next_command"];
    expect_no_key_text(r, {fixture("leaf-enc-pkcs8.key"), fixture("leaf.key"), out + "/key.pem"});
    EXPECT_FALSE(has(r.out, "PRIVATE KEY-----")) << r.out;
}

TEST(FixJson, ARefusalIsADocumentToo) {
    TempDir tmp("certcheck-fixj");
    const RunResult r = run_fix(fixture("leaf-with-key.pem"), fixture("other.key"), tmp.path() + "/out",
                                {"--chain", fixture("chain.pem"), "--trust-store", fixture("root-ca.pem"), "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const auto doc = parsed(r);
    EXPECT_EQ(doc["verdict"], "not-written");
    EXPECT_TRUE(doc["written"].empty());
    EXPECT_TRUE(doc["check"].is_null());
    EXPECT_TRUE(doc["next_command"].is_null());
    ASSERT_EQ(doc["problems"].size(), 1u);
    EXPECT_TRUE(has(doc["problems"][0].get<std::string>(), "does not match the certificate CN=www.example.com")) << doc["problems"];
    expect_no_key_text(r, {fixture("other.key"), fixture("leaf-with-key.pem"), fixture("leaf.key")});
    EXPECT_FALSE(fs::exists(tmp.path() + "/out"));
}

// ---------------------------------------------------------------- scan --user-name

TEST(ScanUserName, CarriedIntoEverySigningCommandAndValidated) {
    TempDir tmp("certcheck-scanu");
    (void)tmp.write("alice.pem", read_file(fixture("leaf.pem")));
    (void)tmp.write("alice.key", read_file(fixture("leaf.key")));
    const RunResult r = run_certcheck({"scan", tmp.path(), "--profile", "iam-signing", "--user-name", "alice", "--at", kAt});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "next: aws iam upload-signing-certificate --user-name alice --certificate-body file://" + tmp.path() + "/alice.pem"))
        << r.out;
    EXPECT_FALSE(has(r.out, "no --user-name was given")) << r.out;
    const RunResult bad = run_certcheck({"scan", tmp.path(), "--profile", "iam-signing", "--user-name", "a/b", "--at", kAt});
    EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
    EXPECT_TRUE(has(bad.err, "--user-name has '/' at position 2")) << bad.err;
    const RunResult wrong = run_certcheck({"scan", tmp.path(), "--user-name", "alice", "--at", kAt});
    EXPECT_EQ(wrong.exit_code, 2) << wrong.out << wrong.err;
    EXPECT_TRUE(has(wrong.err, "use it with --profile iam-signing, not iam-server")) << wrong.err;
}

}  // namespace
}  // namespace certcheck::test
