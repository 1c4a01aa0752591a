// End-to-end: the certcheck binary on the cfssl bundler corpus (../shared/corpora/cfssl-bundler),
// asserting the verdicts of its README (chain variants, body and key cases) and the json report shape.
//
// The corpus's derived/chain-*.pem files are byte concatenations of upstream files that lack a final
// newline, so 11 of the 14 hold a glued "-----END CERTIFICATE----------BEGIN CERTIFICATE-----" line
// (OpenSSL refuses such a file: "bad end line"). The verdict table is about chain ordering, so it runs
// on copies in which only that glue is split onto two lines; RawGluedChainFilesFailChainPem checks
// what certcheck says about the files as shipped.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
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
constexpr int kTimeout = 30;

std::string cf(const std::string& rel) { return corpus("cfssl-bundler/" + rel); }
std::string td(const std::string& name) { return cf("testdata/" + name); }

const std::string kGlue = "-----END CERTIFICATE----------BEGIN CERTIFICATE-----";

// derived/NAME with every glued END/BEGIN line split in two; nothing else changes.
std::string normalised_chain(const std::string& name) {
    std::string text = read_file(cf("derived/" + name));
    for (std::size_t pos = text.find(kGlue); pos != std::string::npos; pos = text.find(kGlue, pos)) {
        text.replace(pos, kGlue.size(), "-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----");
        pos += kGlue.size();
    }
    return write_temp(name, text);
}

// `check ARGS --at kAt --trust-store ca.pem --format json`, in-process (the core's check pipeline,
// support/in_process.hpp), and its report. The tests that use run_certcheck or
// check_json_binary keep this corpus going through the binary as well.
Checked check_json(std::vector<std::string> args) {
    for (const std::string& a : {std::string{"--at"}, kAt, std::string{"--trust-store"}, td("ca.pem")}) args.push_back(a);
    return check_json_in_process(std::move(args));
}

// The same through the certcheck binary.
Checked check_json_binary(std::vector<std::string> args) {
    for (const std::string& a : {std::string{"--at"}, kAt, std::string{"--trust-store"}, td("ca.pem")}) args.push_back(a);
    return check_json_report(std::move(args), kTimeout);
}

std::vector<std::string> leaf2048_with_chain(const std::string& chain_file) {
    return {"--cert", td("cfssl-leaf-rsa2048.pem"), "--key", td("cfssl-leaf-rsa2048.key"), "--chain", chain_file};
}

Checked check_leaf2048_with_chain(const std::string& chain_file) { return check_json(leaf2048_with_chain(chain_file)); }

// ---------------------------------------------------------------------------------------------
// Chain variants (derived/), per the README's verdict table.

// "*" = not asserted (the README gives no verdict for that rule on this file).
struct ChainCase {
    const char* file;
    int exit_code;
    const char* no_leaf;
    const char* order;
    const char* no_extra;
    const char* validity;
    const char* complete;
    const char* sigalg;  // body-signature-algorithm: inter-L1.pem and inter-L2-direct.pem are SHA-1 signed
};

// clang-format off
const ChainCase kChainCases[] = {
    // file                                     exit no-leaf  order    no-extra validity complete sigalg
    {"chain-ok.pem",                              0, "pass",  "pass",  "pass",  "pass",  "pass",  "warn"},
    {"chain-ok-no-root.pem",                      0, "pass",  "pass",  "pass",  "pass",  "pass",  "warn"},
    {"chain-reversed.pem",                        1, "pass",  "error", "pass",  "pass",  "pass",  "warn"},
    {"chain-intermediates-swapped.pem",           1, "pass",  "error", "pass",  "pass",  "pass",  "warn"},
    // A missing intermediate is missing for every rule: chain-complete warns (the path from the
    // leaf stops), even though the file's last certificate is a root.
    {"chain-missing-issuing-intermediate.pem",    1, "pass",  "error", "*",     "pass",  "warn",  "warn"},
    {"chain-missing-middle-intermediate.pem",     1, "pass",  "error", "*",     "pass",  "warn",  "pass"},
    {"chain-with-leaf-first.pem",                 1, "error", "*",     "*",     "pass",  "pass",  "warn"},
    {"chain-with-unrelated-cert.pem",             1, "pass",  "error", "error", "error", "pass",  "warn"},
    {"chain-duplicate-intermediate.pem",          1, "pass",  "*",     "error", "pass",  "pass",  "warn"},
    {"chain-cross-signed-short-path.pem",         0, "pass",  "pass",  "pass",  "pass",  "pass",  "warn"},
    {"chain-both-cross-signed-paths.pem",         1, "pass",  "error", "*",     "pass",  "pass",  "warn"},
    {"chain-sha1-intermediate.pem",               0, "pass",  "pass",  "pass",  "pass",  "pass",  "warn"},
    {"chain-expired-intermediate.pem",            1, "pass",  "pass",  "pass",  "error", "pass",  "pass"},
    {"chain-root-only.pem",                       1, "pass",  "error", "*",     "pass",  "warn",  "pass"},
};
// clang-format on

class CfsslChain : public ::testing::TestWithParam<ChainCase> {};

TEST_P(CfsslChain, VerdictsMatchReadme) {
    SKIP_WITHOUT_CORPORA();
    const ChainCase& tc = GetParam();
    const Checked c = check_leaf2048_with_chain(normalised_chain(tc.file));
    const std::string ctx = c.describe + "\nstdout: " + c.run.out + "\nstderr: " + c.run.err;
    EXPECT_EQ(c.run.exit_code, tc.exit_code) << ctx;
    // The body, key and chain encoding are fine in every variant.
    for (const char* rule : {"body-pem", "body-single-cert", "body-validity", "key-pem", "key-unencrypted", "key-rsa-pkcs1",
                             "key-matches-cert", "chain-pem", "chain-present"}) {
        EXPECT_EQ(c.st(rule), "pass") << rule << "\n"
                                      << ctx;
    }
    const std::pair<const char*, const char*> expected[] = {
        {"chain-no-leaf", tc.no_leaf},
        {"chain-order", tc.order},
        {"chain-no-extra", tc.no_extra},
        {"chain-validity", tc.validity},
        {"chain-complete", tc.complete},
        {"body-signature-algorithm", tc.sigalg},
    };
    for (const auto& [rule, want] : expected) {
        if (std::string{want} == "*") continue;
        EXPECT_EQ(c.st(rule), want) << rule << ": " << c.msg(rule) << "\n"
                                    << ctx;
    }
    EXPECT_EQ(c.doc["subjects"][0]["verdict"], tc.exit_code == 0 ? "pass" : "fail") << ctx;
}

std::string chain_case_name(const ::testing::TestParamInfo<ChainCase>& info) {
    std::string n = info.param.file;
    n = n.substr(0, n.find('.'));
    for (char& ch : n) {
        if (ch == '-') ch = '_';
    }
    return n;
}

INSTANTIATE_TEST_SUITE_P(Derived, CfsslChain, ::testing::ValuesIn(kChainCases), chain_case_name);

TEST(CfsslChainMessages, OrderErrorNamesFirstBadIndex) {
    SKIP_WITHOUT_CORPORA();
    const Checked reversed = check_leaf2048_with_chain(normalised_chain("chain-reversed.pem"));
    EXPECT_NE(reversed.msg("chain-order").find("index 0"), std::string::npos) << reversed.msg("chain-order");
    const Checked swapped = check_leaf2048_with_chain(normalised_chain("chain-intermediates-swapped.pem"));
    EXPECT_NE(swapped.msg("chain-order").find("index 0"), std::string::npos) << swapped.msg("chain-order");
}

TEST(CfsslChainMessages, ExpiredIntermediateIsNamed) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_leaf2048_with_chain(normalised_chain("chain-expired-intermediate.pem"));
    EXPECT_NE(c.msg("chain-validity").find("chain[1]"), std::string::npos) << c.msg("chain-validity");
    EXPECT_NE(c.msg("chain-validity").find("2014"), std::string::npos) << c.msg("chain-validity");
}

TEST(CfsslChainMessages, Sha1IntermediateIsNamed) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_leaf2048_with_chain(normalised_chain("chain-sha1-intermediate.pem"));
    EXPECT_NE(c.msg("body-signature-algorithm").find("sha1"), std::string::npos) << c.msg("body-signature-algorithm");
    EXPECT_NE(c.msg("body-signature-algorithm").find("chain[1]"), std::string::npos) << c.msg("body-signature-algorithm");
}

// Without the CA in the trust store, a chain that stops below the root cannot be completed.
TEST(CfsslChainFiles, NoRootChainIsIncompleteWithAnUnrelatedTrustStore) {
    SKIP_WITHOUT_CORPORA();
    const std::vector<std::string> args = {"check", "--cert", td("cfssl-leaf-rsa2048.pem"),
                                           "--key", td("cfssl-leaf-rsa2048.key"),
                                           "--chain", normalised_chain("chain-ok-no-root.pem"),
                                           "--format", "json",
                                           "--at", kAt,
                                           "--trust-store", fixture("root-ca.pem")};
    const RunResult r = run_certcheck(args, kTimeout);
    ASSERT_FALSE(r.timed_out);
    const json doc = json::parse(r.out);
    for (const auto& f : doc["subjects"][0]["findings"]) {
        if (f["rule"] == "chain-complete") {
            EXPECT_EQ(f["status"], "warn") << f.dump();
        }
        if (f["rule"] == "chain-order") {
            EXPECT_EQ(f["status"], "pass") << f.dump();
        }
    }
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // chain-complete is a warning
}

// The derived files as shipped: 11 of them hold a glued END/BEGIN line, which OpenSSL rejects.
TEST(CfsslChainFiles, RawGluedChainFilesFailChainPem) {
    SKIP_WITHOUT_CORPORA();
    int glued = 0;
    for (const auto& entry : std::filesystem::directory_iterator(cf("derived"))) {
        const std::string path = entry.path().string();
        if (read_file(path).find(kGlue) == std::string::npos) continue;
        ++glued;
        const Checked c = check_leaf2048_with_chain(path);
        EXPECT_EQ(c.run.exit_code, 1) << c.describe << "\n"
                                      << c.run.out << c.run.err;
        EXPECT_EQ(c.st("chain-pem"), "error") << c.describe << ": " << c.msg("chain-pem");
        EXPECT_EQ(c.st("body-pem"), "pass") << c.describe;
        EXPECT_EQ(c.st("key-matches-cert"), "pass") << c.describe;
    }
    EXPECT_EQ(glued, 11);
}

// ---------------------------------------------------------------------------------------------
// Body cases.

TEST(CfsslBody, PartialBundleIsNotASingleCert) {
    SKIP_WITHOUT_CORPORA();
    for (const char* name : {"partial-bundle.pem", "reverse-partial-bundle.pem", "bad-bundle.pem"}) {
        const Checked c = check_json({"--cert", td(name)});
        EXPECT_EQ(c.run.exit_code, 1) << c.describe;
        EXPECT_EQ(c.st("body-pem"), "pass") << c.describe;
        EXPECT_EQ(c.st("body-single-cert"), "error") << c.describe << ": " << c.msg("body-single-cert");
        EXPECT_NE(c.msg("body-single-cert").find('2'), std::string::npos) << c.msg("body-single-cert");
    }
}

TEST(CfsslBody, EmptyFileFailsBodyPem) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("empty.pem")});
    EXPECT_EQ(c.run.exit_code, 1) << c.describe << c.run.err;
    EXPECT_EQ(c.st("body-pem"), "error") << c.msg("body-pem");
}

TEST(CfsslBody, CsrFailsBodyPem) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("cfssl-leaf-rsa2048.csr"), "--key", td("cfssl-leaf-rsa2048.key")});
    EXPECT_EQ(c.run.exit_code, 1) << c.describe;
    EXPECT_EQ(c.st("body-pem"), "error") << c.msg("body-pem");
    EXPECT_NE(c.msg("body-pem").find("REQUEST"), std::string::npos) << c.msg("body-pem");
}

TEST(CfsslBody, ExpiredLeafFailsBodyValidity) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("cfssl-leaf-rsa3072.pem"), "--key", td("cfssl-leaf-rsa3072.key"), "--chain",
                                  normalised_chain("chain-ok.pem")});
    EXPECT_EQ(c.run.exit_code, 1) << c.describe;
    EXPECT_EQ(c.st("body-validity"), "error") << c.msg("body-validity");
    EXPECT_NE(c.msg("body-validity").find("2020-05-07"), std::string::npos) << c.msg("body-validity");
    EXPECT_EQ(c.st("body-pem"), "pass");
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "pass");
    EXPECT_EQ(c.st("key-matches-cert"), "pass");
    EXPECT_EQ(c.st("chain-order"), "pass");
}

TEST(CfsslBody, ExpiredLeafPassesValidityBeforeItsNotAfter) {
    SKIP_WITHOUT_CORPORA();
    const std::vector<std::string> args = {"check", "--cert", td("cfssl-leaf-rsa3072.pem"), "--format", "json",
                                           "--at", "2020-01-01T00:00:00Z"};
    const RunResult r = run_certcheck(args, kTimeout);
    const json doc = json::parse(r.out);
    for (const auto& f : doc["subjects"][0]["findings"]) {
        if (f["rule"] == "body-validity") {
            EXPECT_EQ(f["status"], "pass") << f.dump();
        }
    }
}

TEST(CfsslBody, CrlfBundleWarnsLineEndings) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("forcebundle.pem")});
    EXPECT_EQ(c.run.exit_code, 1) << c.describe;
    EXPECT_EQ(c.st("pem-line-endings"), "warn") << c.msg("pem-line-endings");
    EXPECT_EQ(c.st("body-single-cert"), "error") << c.msg("body-single-cert");
    EXPECT_EQ(c.st("body-validity"), "error") << c.msg("body-validity");  // expired 2015
}

TEST(CfsslBody, DsaSelfSignedExpired) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("dsa2048.pem"), "--key", td("dsa2048.key")});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("body-validity"), "error") << c.msg("body-validity");
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "error") << c.msg("key-rsa-pkcs1");
    EXPECT_EQ(c.st("key-matches-cert"), "pass") << c.msg("key-matches-cert");
}

// ---------------------------------------------------------------------------------------------
// Key cases.

TEST(CfsslKey, HappyPathRsa4096) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("cfssl-leaf-rsa4096.pem"), "--key", td("cfssl-leaf-rsa4096.key"), "--chain",
                                  normalised_chain("chain-ok.pem")});
    EXPECT_EQ(c.run.exit_code, 0) << c.describe << "\n"
                                  << c.run.out;
    for (const char* rule : {"body-pem", "body-single-cert", "body-validity", "key-pem", "key-unencrypted", "key-rsa-pkcs1",
                             "key-size", "key-matches-cert", "chain-order", "chain-no-leaf", "chain-no-extra"}) {
        EXPECT_EQ(c.st(rule), "pass") << rule << ": " << c.msg(rule);
    }
}

TEST(CfsslKey, EcdsaKeysFailRsaPkcs1ButMatch) {
    SKIP_WITHOUT_CORPORA();
    for (const std::string n : {"256", "384", "521"}) {
        const Checked c = check_json({"--cert", td("cfssl-leaf-ecdsa" + n + ".pem"), "--key", td("cfssl-leaf-ecdsa" + n + ".key"),
                                      "--chain", normalised_chain("chain-ok.pem")});
        EXPECT_EQ(c.run.exit_code, 1) << c.describe;
        EXPECT_EQ(c.st("key-pem"), "pass") << c.describe << ": " << c.msg("key-pem");
        EXPECT_EQ(c.st("key-unencrypted"), "pass") << c.describe;
        EXPECT_EQ(c.st("key-rsa-pkcs1"), "error") << c.describe << ": " << c.msg("key-rsa-pkcs1");
        EXPECT_EQ(c.st("key-matches-cert"), "pass") << c.describe << ": " << c.msg("key-matches-cert");
        EXPECT_EQ(c.st("body-validity"), "pass") << c.describe;
        EXPECT_EQ(c.st("chain-order"), "pass") << c.describe << ": " << c.msg("chain-order");
    }
}

TEST(CfsslKey, WrongRsaKeyFailsKeyMatchesCert) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("cfssl-leaf-rsa2048.pem"), "--key", td("cfssl-leaf-rsa4096.key"), "--chain",
                                  normalised_chain("chain-ok.pem")});
    EXPECT_EQ(c.run.exit_code, 1) << c.describe;
    EXPECT_EQ(c.st("key-pem"), "pass");
    EXPECT_EQ(c.st("key-rsa-pkcs1"), "pass");
    EXPECT_EQ(c.st("key-matches-cert"), "error") << c.msg("key-matches-cert");
    // The key is 4096 bits and the certificate's key 2048: the message must not say they are the same size.
    EXPECT_EQ(c.msg("key-matches-cert").find("both are RSA 2048"), std::string::npos) << c.msg("key-matches-cert");
}

TEST(CfsslKey, SmallCaKeyWarnsSize) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("ca.pem"), "--key", td("ca.key")});
    EXPECT_EQ(c.run.exit_code, 0) << c.describe;
    EXPECT_EQ(c.st("key-size"), "warn") << c.msg("key-size");
    EXPECT_EQ(c.st("key-matches-cert"), "pass");
    EXPECT_EQ(c.st("chain-present"), "pass") << c.msg("chain-present");  // self-signed, no chain needed
}

TEST(CfsslKey, EmptyKeyFailsKeyPem) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("cfssl-leaf-rsa2048.pem"), "--key", td("empty.pem")});
    EXPECT_EQ(c.run.exit_code, 1);
    EXPECT_EQ(c.st("key-pem"), "error") << c.msg("key-pem");
}

// ---------------------------------------------------------------------------------------------
// The json report shape.

TEST(CfsslJson, ReportShape) {
    SKIP_WITHOUT_CORPORA();
    const std::string chain = normalised_chain("chain-ok.pem");
    const Checked c = check_json_binary(leaf2048_with_chain(chain));
    const json& d = c.doc;
    ASSERT_TRUE(d.is_object()) << c.run.out;
    const std::set<std::string> top = {"tool", "version", "profile", "checked_at", "summary", "subjects"};
    for (const auto& k : top) EXPECT_TRUE(d.contains(k)) << k;
    for (auto it = d.begin(); it != d.end(); ++it) EXPECT_TRUE(top.count(it.key()) == 1) << "unexpected key " << it.key();
    EXPECT_EQ(d["tool"], "certcheck");
    ASSERT_TRUE(d["version"].is_string());
    EXPECT_FALSE(d["version"].get<std::string>().empty());
    EXPECT_EQ(d["profile"], "iam-server");
    EXPECT_EQ(d["checked_at"], kAt);

    const json& s = d["summary"];
    ASSERT_TRUE(s.is_object());
    EXPECT_EQ(s.size(), 4U);
    EXPECT_EQ(s["subjects"], 1);
    EXPECT_EQ(s["passed"], 1);
    EXPECT_EQ(s["failed"], 0);
    EXPECT_EQ(s["errors"], 0);

    ASSERT_TRUE(d["subjects"].is_array());
    ASSERT_EQ(d["subjects"].size(), 1U);
    const json& sub = d["subjects"][0];
    for (const char* k : {"name", "inputs", "verdict", "error", "findings"}) EXPECT_TRUE(sub.contains(k)) << k;
    EXPECT_TRUE(sub["name"].is_string());
    EXPECT_EQ(sub["inputs"]["cert"], td("cfssl-leaf-rsa2048.pem"));
    EXPECT_EQ(sub["inputs"]["key"], td("cfssl-leaf-rsa2048.key"));
    EXPECT_EQ(sub["inputs"]["chain"], chain);
    EXPECT_EQ(sub["verdict"], "pass");
    EXPECT_TRUE(sub["error"].is_null());
    ASSERT_TRUE(sub["findings"].is_array());
    const std::set<std::string> statuses = {"pass", "warn", "error", "not-applicable"};
    for (const auto& f : sub["findings"]) {
        EXPECT_EQ(f.size(), 6U) << f.dump();
        EXPECT_TRUE(f["rule"].is_string()) << f.dump();
        EXPECT_TRUE(f["status"].is_string() && statuses.count(f["status"].get<std::string>()) == 1) << f.dump();
        EXPECT_TRUE(f["message"].is_string()) << f.dump();
        EXPECT_TRUE(f["hint"].is_string() || f["hint"].is_null()) << f.dump();
        EXPECT_TRUE(f["file"].is_string() || f["file"].is_null()) << f.dump();
        EXPECT_TRUE(f.contains("line") && (f["line"].is_number_integer() || f["line"].is_null())) << f.dump();
    }
}

TEST(CfsslJson, NullInputsAndFailSummary) {
    SKIP_WITHOUT_CORPORA();
    const Checked c = check_json({"--cert", td("partial-bundle.pem")});
    const json& sub = c.doc["subjects"][0];
    EXPECT_TRUE(sub["inputs"]["key"].is_null()) << sub["inputs"].dump();
    EXPECT_TRUE(sub["inputs"]["chain"].is_null()) << sub["inputs"].dump();
    EXPECT_EQ(sub["verdict"], "fail");
    EXPECT_EQ(c.doc["summary"]["failed"], 1);
    EXPECT_EQ(c.doc["summary"]["passed"], 0);
    for (const auto& f : sub["findings"]) {
        if (f["status"] == "error" || f["status"] == "warn") {
            EXPECT_TRUE(f["hint"].is_string()) << "a failing finding has a hint: " << f.dump();
        }
    }
}

TEST(CfsslJson, EveryIamServerRuleOnceInCatalogueOrder) {
    SKIP_WITHOUT_CORPORA();
    const RunResult rules = run_certcheck({"rules", "--profile", "iam-server", "--format", "json"}, kTimeout);
    ASSERT_EQ(rules.exit_code, 0) << rules.err;
    const json catalogue = json::parse(rules.out);
    ASSERT_TRUE(catalogue.is_array());
    std::vector<std::string> want;
    for (const auto& r : catalogue) want.push_back(r["id"].get<std::string>());
    ASSERT_FALSE(want.empty());

    // Several inputs, so that the order does not depend on which rules fail.
    const std::vector<Checked> runs = {
        check_leaf2048_with_chain(normalised_chain("chain-ok.pem")),
        check_leaf2048_with_chain(normalised_chain("chain-reversed.pem")),
        check_json({"--cert", td("empty.pem")}),
        check_json({"--cert", td("forcebundle.pem"), "--key", td("cfssl-leaf-ecdsa256.key")}),
    };
    for (const Checked& c : runs) {
        std::vector<std::string> got;
        for (const auto& f : c.doc["subjects"][0]["findings"]) got.push_back(f["rule"].get<std::string>());
        EXPECT_EQ(got, want) << c.describe;
    }
}

}  // namespace
}  // namespace certcheck::test
