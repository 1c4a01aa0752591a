// Renderers: the json shape of SPEC section 3, and the text layout.
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "certcheck/render.hpp"

namespace certcheck::test {
namespace {

Report sample() {
    Report r;
    r.version = "9.9.9";
    r.profile = "iam-server";
    r.checked_at = "2030-01-01T00:00:00Z";
    SubjectReport s;
    s.name = "cert.pem";
    s.inputs.cert = "cert.pem";
    s.inputs.chain = "chain.pem";
    s.verdict = Verdict::Fail;
    s.findings.push_back(Finding{"body-pem", Status::Pass, "PEM", std::nullopt, "cert.pem", std::nullopt});
    s.findings.push_back(Finding{"chain-order", Status::Error, "out of order", "reorder it", "chain.pem", 31});
    s.findings.push_back(Finding{"request-name", Status::NotApplicable, "no --name given", std::nullopt, std::nullopt, std::nullopt});
    r.subjects.push_back(s);
    return r;
}

TEST(RenderJson, ExactShape) {
    std::ostringstream out;
    render_json(sample(), out);
    const auto doc = nlohmann::ordered_json::parse(out.str());
    std::vector<std::string> keys;
    for (const auto& [k, v] : doc.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"tool", "version", "profile", "checked_at", "summary", "subjects"}));
    EXPECT_EQ(doc["tool"], "certcheck");
    EXPECT_EQ(doc["summary"], nlohmann::ordered_json::parse(R"({"subjects":1,"passed":0,"failed":1,"errors":0})"));
    const auto& s = doc["subjects"][0];
    keys.clear();
    for (const auto& [k, v] : s.items()) keys.push_back(k);
    // The SPEC section 3 keys, then the inventory keys added after them (docs/formats.md).
    EXPECT_EQ(keys, (std::vector<std::string>{"name", "inputs", "verdict", "error", "findings", "certificates", "files"}));
    EXPECT_TRUE(s["inputs"]["key"].is_null());
    EXPECT_EQ(s["inputs"]["chain"], "chain.pem");
    EXPECT_EQ(s["verdict"], "fail");
    EXPECT_TRUE(s["error"].is_null());
    const auto& f = s["findings"][1];
    keys.clear();
    for (const auto& [k, v] : f.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"rule", "status", "message", "hint", "file", "line"}));
    EXPECT_EQ(f["status"], "error");
    EXPECT_EQ(f["line"], 31);
    EXPECT_EQ(s["findings"][2]["status"], "not-applicable");
    EXPECT_TRUE(s["findings"][2]["file"].is_null());
    EXPECT_TRUE(s["findings"][0]["hint"].is_null());
}

TEST(RenderJson, Deterministic) {
    std::ostringstream a;
    std::ostringstream b;
    render_json(sample(), a);
    render_json(sample(), b);
    EXPECT_EQ(a.str(), b.str());
}

TEST(RenderText, FindingLinesHintsAndSummary) {
    std::ostringstream out;
    render_text(sample(), out, RenderOptions{});
    const std::string t = out.str();
    EXPECT_NE(t.find("chain.pem:31: error: out of order [chain-order]\n    hint: reorder it\n"), std::string::npos) << t;
    EXPECT_EQ(t.find("[body-pem]"), std::string::npos) << "passes are listed only with -v";
    EXPECT_NE(t.find("FAIL cert.pem: 1 error, 0 warnings, 1 passed, 1 not applicable"), std::string::npos) << t;
    EXPECT_EQ(t.find('\033'), std::string::npos) << "no colour unless asked";
}

TEST(RenderText, VerboseQuietAndColour) {
    std::ostringstream verbose;
    render_text(sample(), verbose, RenderOptions{false, true, false});
    EXPECT_NE(verbose.str().find("cert.pem: pass: PEM [body-pem]"), std::string::npos) << verbose.str();
    EXPECT_NE(verbose.str().find("certcheck: not-applicable: no --name given [request-name]"), std::string::npos);

    std::ostringstream quiet;
    render_text(sample(), quiet, RenderOptions{false, false, true});
    EXPECT_EQ(quiet.str(), "chain.pem:31: error: out of order [chain-order]\n");

    std::ostringstream colour;
    render_text(sample(), colour, RenderOptions{true, false, false});
    EXPECT_NE(colour.str().find("\033[31merror\033[0m"), std::string::npos);
}

TEST(RenderText, PassPrintsTheNextCommand) {
    Report r = sample();
    r.subjects[0].verdict = Verdict::Pass;
    r.subjects[0].findings.erase(r.subjects[0].findings.begin() + 1);
    r.subjects[0].next_command = "aws iam upload-server-certificate --server-certificate-name x";
    std::ostringstream out;
    render_text(r, out, RenderOptions{});
    EXPECT_NE(out.str().find("PASS cert.pem"), std::string::npos);
    EXPECT_NE(out.str().find("next: aws iam upload-server-certificate --server-certificate-name x\n"), std::string::npos);
}

}  // namespace
}  // namespace certcheck::test
