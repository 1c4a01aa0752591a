// Renderers for CI: ndjson, junit, sarif and github (structure, escaping, counts, determinism).
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "certcheck/render.hpp"

namespace certcheck::test {
namespace {

using Json = nlohmann::ordered_json;

// Two subjects: a failing one (an error, a warning, a pass, a not-applicable) and a passing one.
Report sample() {
    Report r;
    r.version = "9.9.9";
    r.profile = "iam-server";
    r.checked_at = "2030-01-01T00:00:00Z";
    SubjectReport s;
    s.name = "site/cert.pem";
    s.inputs.cert = "site/cert.pem";
    s.inputs.key = "site/key.pem";
    s.inputs.chain = "site/chain.pem";
    s.verdict = Verdict::Fail;
    s.findings.push_back(Finding{"body-pem", Status::Pass, "PEM", std::nullopt, "site/cert.pem", std::nullopt});
    s.findings.push_back(Finding{"key-size", Status::Warn, "1024-bit RSA key", "use 2048 bits", "site/key.pem", 1});
    s.findings.push_back(Finding{"chain-order", Status::Error, "out of order", "reorder it", "site/chain.pem", 31});
    s.findings.push_back(Finding{"request-name", Status::NotApplicable, "no --name given", std::nullopt, std::nullopt, std::nullopt});
    r.subjects.push_back(s);
    SubjectReport ok;
    ok.name = "/abs/good.pem";
    ok.inputs.cert = "/abs/good.pem";
    ok.verdict = Verdict::Pass;
    ok.findings.push_back(Finding{"body-pem", Status::Pass, "PEM", std::nullopt, "/abs/good.pem", std::nullopt});
    ok.findings.push_back(Finding{"request-name", Status::NotApplicable, "no --name given", std::nullopt, std::nullopt, std::nullopt});
    r.subjects.push_back(ok);
    return r;
}

// A subject that could not be checked.
SubjectReport errored() {
    SubjectReport e;
    e.name = "broken.pem";
    e.inputs.cert = "broken.pem";
    e.verdict = Verdict::Error;
    e.error = "cannot read broken.pem: permission denied";
    return e;
}

std::string rendered(const Report& r, Format f) {
    std::ostringstream out;
    render(r, f, out, RenderOptions{});
    return out.str();
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RenderFormats, ParseFormatKnowsEveryName) {
    EXPECT_EQ(parse_format("text"), Format::Text);
    EXPECT_EQ(parse_format("json"), Format::Json);
    EXPECT_EQ(parse_format("ndjson"), Format::Ndjson);
    EXPECT_EQ(parse_format("junit"), Format::Junit);
    EXPECT_EQ(parse_format("sarif"), Format::Sarif);
    EXPECT_EQ(parse_format("github"), Format::Github);
    EXPECT_EQ(parse_format("xml"), std::nullopt);
    EXPECT_EQ(parse_format("JSON"), std::nullopt);
}

TEST(RenderFormats, EveryFormatIsDeterministic) {
    Report r = sample();
    r.subjects.push_back(errored());
    for (const Format f : {Format::Json, Format::Ndjson, Format::Junit, Format::Sarif, Format::Github}) {
        EXPECT_EQ(rendered(r, f), rendered(r, f)) << static_cast<int>(f);
    }
}

// --- ndjson ---

TEST(RenderNdjson, OneCompactSubjectObjectPerLineWithRunFields) {
    const Report r = sample();
    const std::string text = rendered(r, Format::Ndjson);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    const auto ls = lines(text);
    ASSERT_EQ(ls.size(), 2U) << text;

    std::ostringstream json;
    render_json(r, json);
    const auto doc = Json::parse(json.str());
    for (std::size_t i = 0; i < ls.size(); ++i) {
        Json line = Json::parse(ls[i]);
        std::vector<std::string> keys;
        for (const auto& [k, v] : line.items()) keys.push_back(k);
        EXPECT_EQ(keys, (std::vector<std::string>{"name", "inputs", "verdict", "error", "findings", "certificates", "files", "profile", "checked_at"}));
        EXPECT_EQ(line["profile"], "iam-server");
        EXPECT_EQ(line["checked_at"], "2030-01-01T00:00:00Z");
        line.erase("profile");
        line.erase("checked_at");
        EXPECT_EQ(line, doc["subjects"][i]) << "the same subject object as the json format";
    }
}

TEST(RenderNdjson, StreamingOneSubjectMatchesTheWholeRun) {
    const Report r = sample();
    std::ostringstream streamed;
    for (const SubjectReport& s : r.subjects) render_ndjson_subject(s, r, streamed);
    EXPECT_EQ(streamed.str(), rendered(r, Format::Ndjson));

    Report empty = sample();
    empty.subjects.clear();
    EXPECT_EQ(rendered(empty, Format::Ndjson), "");
}

TEST(RenderNdjson, NewlinesAndBadUtf8StayOnOneLine) {
    Report r = sample();
    r.subjects.resize(1);
    r.subjects[0].findings[2].message = "line one\nline two\r\x01 \xff\xfe bad";
    const std::string text = rendered(r, Format::Ndjson);
    EXPECT_EQ(lines(text).size(), 1U) << text;
    const auto line = Json::parse(text);
    EXPECT_EQ(line["findings"][2]["message"], "line one\nline two\r\x01 \xEF\xBF\xBD\xEF\xBF\xBD bad");
}

TEST(RenderNdjson, Utf8IsKeptWhenWellFormedAndReplacedWhenNot) {
    Report r = sample();
    r.subjects.resize(1);
    const std::string fffd = "\xEF\xBF\xBD";
    struct Case {
        std::string in;
        std::string out;
    };
    const std::vector<Case> cases = {
        {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"},  // 2, 3, 4 bytes
        {"over\xC0\xAFlong", "over" + fffd + fffd + "long"},                                         // overlong '/'
        {"sur\xED\xA0\x80rogate", "sur" + fffd + fffd + fffd + "rogate"},                            // U+D800
        {"cut\xE2\x82", "cut" + fffd + fffd},                                                        // truncated at the end
        {"big\xF4\x90\x80\x80", "big" + fffd + fffd + fffd + fffd},                                  // above U+10FFFF
        {"q\"b\\s\x7f", "q\"b\\s\x7f"},
    };
    for (const Case& c : cases) {
        r.subjects[0].name = c.in;
        const std::string text = rendered(r, Format::Ndjson);
        const auto line = Json::parse(text);  // throws on invalid JSON or UTF-8
        EXPECT_EQ(line["name"], c.out) << text;
    }
}

// --- junit ---

TEST(RenderJunit, SuitePerSubjectCasePerFinding) {
    const std::string x = rendered(sample(), Format::Junit);
    EXPECT_EQ(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", 0), 0U) << x;
    EXPECT_TRUE(x.ends_with("</testsuites>\n")) << x;
    EXPECT_EQ(count(x, "<testsuite "), 2U);
    EXPECT_EQ(count(x, "<testcase "), 6U);
    EXPECT_TRUE(has(x,
                    "<testsuite name=\"site/cert.pem\" package=\"certcheck.iam-server\" id=\"0\" "
                    "timestamp=\"2030-01-01T00:00:00\" hostname=\"localhost\" tests=\"4\" failures=\"1\" "
                    "errors=\"0\" skipped=\"1\" time=\"0\">"))
        << x;
    EXPECT_TRUE(has(x,
                    "<testsuite name=\"/abs/good.pem\" package=\"certcheck.iam-server\" id=\"1\" "
                    "timestamp=\"2030-01-01T00:00:00\" hostname=\"localhost\" tests=\"2\" failures=\"0\" "
                    "errors=\"0\" skipped=\"1\" time=\"0\">"))
        << x;
    EXPECT_TRUE(has(x, "<testcase name=\"body-pem\" classname=\"certcheck.iam-server\" time=\"0\"/>")) << x;
    EXPECT_TRUE(has(x,
                    "<testcase name=\"chain-order\" classname=\"certcheck.iam-server\" time=\"0\">\n"
                    "      <failure message=\"out of order\" type=\"error\">out of order\nat site/chain.pem:31\n"
                    "hint: reorder it</failure>\n    </testcase>"))
        << x;
    EXPECT_TRUE(has(x,
                    "<testcase name=\"request-name\" classname=\"certcheck.iam-server\" time=\"0\">\n"
                    "      <skipped message=\"no --name given\"/>\n    </testcase>"))
        << x;
    EXPECT_TRUE(has(x, "<property name=\"key\" value=\"site/key.pem\"/>")) << x;
    EXPECT_EQ(count(x, "<properties>"), 2U);
    EXPECT_EQ(count(x, "<system-err></system-err>"), 2U);
}

TEST(RenderJunit, WarningPassesBelowFailOnAndFailsAtIt) {
    Report r = sample();
    std::string x = rendered(r, Format::Junit);
    EXPECT_TRUE(has(x, "<testcase name=\"key-size\" classname=\"certcheck.iam-server\" time=\"0\"/>")) << x;
    EXPECT_TRUE(has(x, "<system-out>warning [key-size]: 1024-bit RSA key\nat site/key.pem:1\nhint: use 2048 bits\n</system-out>"))
        << x;
    EXPECT_FALSE(has(x, "type=\"warning\""));

    r.fail_on = Status::Warn;
    x = rendered(r, Format::Junit);
    EXPECT_TRUE(has(x, "<failure message=\"1024-bit RSA key\" type=\"warning\">1024-bit RSA key\nat site/key.pem:1\nhint: use 2048 bits</failure>"))
        << x;
    EXPECT_TRUE(has(x, "tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"1\"")) << x;
    EXPECT_TRUE(has(x, "<system-out></system-out>")) << x;
}

TEST(RenderJunit, SubjectThatCouldNotBeCheckedIsOneErroredCase) {
    Report r = sample();
    r.subjects = {errored()};
    const std::string x = rendered(r, Format::Junit);
    EXPECT_TRUE(has(x, "tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\"")) << x;
    EXPECT_EQ(count(x, "<testcase "), 1U);
    EXPECT_TRUE(has(x,
                    "<error message=\"cannot read broken.pem: permission denied\" type=\"error\">broken.pem: cannot read "
                    "broken.pem: permission denied</error>"))
        << x;
    EXPECT_TRUE(has(x, "<property name=\"verdict\" value=\"error\"/>")) << x;
}

TEST(RenderJunit, EscapesMarkupAndReplacesWhatXmlCannotHold) {
    Report r = sample();
    r.profile = "p&<>\"'";
    Finding& f = r.subjects[0].findings[2];
    f.message = "a&b <c> \"d\" 'e'\ttab\nnl\rcr \x01\x1f\x7f end";
    f.hint = "x]]>y";
    r.subjects[0].name = "na\"me&";
    r.subjects[0].findings[0].message = "bad utf8 \xC3\x28 \xED\xA0\x80 \xEF\xBF\xBE ok \xC3\xA9";
    r.subjects[0].findings[0].status = Status::Error;
    const std::string x = rendered(r, Format::Junit);
    EXPECT_TRUE(has(x, "classname=\"certcheck.p&amp;&lt;&gt;&quot;&apos;\"")) << x;
    EXPECT_TRUE(has(x, "<testsuite name=\"na&quot;me&amp;\"")) << x;
    // Attribute: tab, newline and CR as character references; C0 controls replaced; DEL allowed.
    EXPECT_TRUE(has(x, "message=\"a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;&#9;tab&#10;nl&#13;cr \xEF\xBF\xBD\xEF\xBF\xBD\x7f end\""))
        << x;
    // Content: quotes as they are, newline and tab kept, CR as a reference, "]]>" broken.
    EXPECT_TRUE(has(x, ">a&amp;b &lt;c&gt; \"d\" 'e'\ttab\nnl&#13;cr \xEF\xBF\xBD\xEF\xBF\xBD\x7f end\nat site/chain.pem:31\nhint: x]]&gt;y</failure>"))
        << x;
    // Malformed UTF-8, a surrogate and U+FFFE become U+FFFD; valid multi-byte characters stay.
    EXPECT_TRUE(has(x, "message=\"bad utf8 \xEF\xBF\xBD( \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD ok \xC3\xA9\"")) << x;
    for (const char c : x) {
        const auto u = static_cast<unsigned char>(c);
        EXPECT_FALSE(u < 0x20 && u != '\n' && u != '\t') << "control character " << static_cast<int>(u);
    }
}

TEST(RenderJunit, NamesAndTimestampsAlwaysFitTheSchema) {
    Report r = sample();
    r.checked_at = "not a time";
    r.profile.clear();
    r.subjects[0].name = "  ";
    r.subjects[0].findings[0].rule.clear();
    const std::string x = rendered(r, Format::Junit);
    EXPECT_TRUE(has(x, "timestamp=\"1970-01-01T00:00:00\"")) << x;
    EXPECT_TRUE(has(x, "<testsuite name=\"site/cert.pem\"")) << x;
    EXPECT_TRUE(has(x, "classname=\"certcheck.default\"")) << x;
    EXPECT_TRUE(has(x, "<testcase name=\"rule\"")) << x;
}

// --- sarif ---

TEST(RenderSarif, LogRunDriverAndRuleCatalogue) {
    const auto doc = Json::parse(rendered(sample(), Format::Sarif));
    EXPECT_EQ(doc["version"], "2.1.0");
    EXPECT_EQ(doc["$schema"], "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
    ASSERT_EQ(doc["runs"].size(), 1U);
    const auto& run = doc["runs"][0];
    const auto& driver = run["tool"]["driver"];
    EXPECT_EQ(driver["name"], "certcheck");
    EXPECT_EQ(driver["version"], "9.9.9");
    EXPECT_FALSE(driver.contains("informationUri")) << "no made-up URL";
    std::vector<std::string> ids;
    for (const auto& rule : driver["rules"]) ids.push_back(rule["id"]);
    // Catalogue order, each rule once, whichever subject it appeared in.
    EXPECT_EQ(ids, (std::vector<std::string>{"body-pem", "key-size", "chain-order", "request-name"}));
    const auto& order = driver["rules"][2];
    EXPECT_EQ(order["defaultConfiguration"]["level"], "error");
    EXPECT_FALSE(order["shortDescription"]["text"].get<std::string>().empty());
    EXPECT_TRUE(has(order["fullDescription"]["text"].get<std::string>(), "Source: ")) << order.dump();
    EXPECT_TRUE(has(order["help"]["text"].get<std::string>(), "How to fix: ")) << order.dump();
    EXPECT_EQ(driver["rules"][1]["defaultConfiguration"]["level"], "warning");
    EXPECT_EQ(run["properties"]["profile"], "iam-server");
    EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
}

TEST(RenderSarif, ResultPerWarningAndErrorWithLocations) {
    const auto doc = Json::parse(rendered(sample(), Format::Sarif));
    const auto& run = doc["runs"][0];
    const auto& results = run["results"];
    ASSERT_EQ(results.size(), 2U) << results.dump(2);
    const auto& warn = results[0];
    EXPECT_EQ(warn["ruleId"], "key-size");
    EXPECT_EQ(warn["level"], "warning");
    EXPECT_EQ(warn["message"]["text"], "1024-bit RSA key (hint: use 2048 bits)");
    const auto& err = results[1];
    EXPECT_EQ(err["ruleId"], "chain-order");
    EXPECT_EQ(err["level"], "error");
    for (const auto& res : results) {
        const int index = res["ruleIndex"];
        EXPECT_EQ(run["tool"]["driver"]["rules"][static_cast<std::size_t>(index)]["id"], res["ruleId"]);
    }
    const auto& phys = err["locations"][0]["physicalLocation"];
    EXPECT_EQ(phys["artifactLocation"], Json::parse(R"({"uri":"site/chain.pem","uriBaseId":"%SRCROOT%"})"));
    EXPECT_EQ(phys["region"], Json::parse(R"({"startLine":31})"));
    EXPECT_EQ(err["properties"]["subject"], "site/cert.pem");
}

TEST(RenderSarif, PathsBecomeUriReferences) {
    Report r = sample();
    r.subjects.resize(1);
    r.subjects[0].findings[1].file = "/etc/ssl/my cert%.pem";
    r.subjects[0].findings[1].line = std::nullopt;
    r.subjects[0].findings[2].file = "c:odd#name?.pem";
    r.subjects[0].findings[2].line = 0;  // no line: no region
    const auto results = Json::parse(rendered(r, Format::Sarif))["runs"][0]["results"];
    const auto& abs = results[0]["locations"][0]["physicalLocation"];
    EXPECT_EQ(abs["artifactLocation"], Json::parse(R"({"uri":"file:///etc/ssl/my%20cert%25.pem"})"));
    EXPECT_FALSE(abs.contains("region"));
    const auto& rel = results[1]["locations"][0]["physicalLocation"];
    EXPECT_EQ(rel["artifactLocation"]["uri"], "c%3Aodd%23name%3F.pem");
    EXPECT_EQ(rel["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_FALSE(rel.contains("region"));
}

TEST(RenderSarif, FindingWithoutFileIsShownOnTheBody) {
    Report r = sample();
    r.subjects.resize(1);
    r.subjects[0].findings[3].status = Status::Error;
    r.subjects[0].findings[3].hint = "name it";
    const auto results = Json::parse(rendered(r, Format::Sarif))["runs"][0]["results"];
    ASSERT_EQ(results.size(), 3U);
    EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "site/cert.pem");
}

TEST(RenderSarif, SubjectThatCouldNotBeCheckedIsANotification) {
    Report r = sample();
    r.subjects.push_back(errored());
    const auto run = Json::parse(rendered(r, Format::Sarif))["runs"][0];
    const auto& inv = run["invocations"][0];
    EXPECT_EQ(inv["executionSuccessful"], false);
    ASSERT_EQ(inv["toolExecutionNotifications"].size(), 1U);
    EXPECT_EQ(inv["toolExecutionNotifications"][0]["level"], "error");
    EXPECT_EQ(inv["toolExecutionNotifications"][0]["message"]["text"], "broken.pem: cannot read broken.pem: permission denied");
    EXPECT_EQ(run["results"].size(), 2U);
}

TEST(RenderSarif, RuleOutsideTheCatalogueStillGetsADescriptor) {
    Report r = sample();
    r.subjects.resize(1);
    r.subjects[0].findings.push_back(Finding{"zz-custom", Status::Warn, "custom", std::nullopt, "x.pem", 2});
    const auto run = Json::parse(rendered(r, Format::Sarif))["runs"][0];
    const auto& rules = run["tool"]["driver"]["rules"];
    EXPECT_EQ(rules.back(), Json::parse(R"({"id":"zz-custom","defaultConfiguration":{"level":"warning"}})"));
    EXPECT_EQ(run["results"].back()["ruleIndex"], rules.size() - 1);
    EXPECT_EQ(run["results"].back()["message"]["text"], "custom");
}

// --- github ---

TEST(RenderGithub, CommandPerWarningAndErrorThenSummary) {
    Report r = sample();
    r.subjects.push_back(errored());
    const auto ls = lines(rendered(r, Format::Github));
    ASSERT_EQ(ls.size(), 4U);
    EXPECT_EQ(ls[0], "::warning file=site/key.pem,line=1,title=certcheck key-size::1024-bit RSA key (hint: use 2048 bits)");
    EXPECT_EQ(ls[1], "::error file=site/chain.pem,line=31,title=certcheck chain-order::out of order (hint: reorder it)");
    EXPECT_EQ(ls[2], "::error file=broken.pem,title=certcheck::broken.pem could not be checked: cannot read broken.pem: permission denied");
    EXPECT_EQ(ls[3], "certcheck: 3 subjects: 1 passed, 1 failed, 1 could not be checked; 1 error, 1 warning (iam-server profile)");
}

TEST(RenderGithub, EscapesDataAndProperties) {
    Report r = sample();
    r.subjects.resize(1);
    Finding& f = r.subjects[0].findings[2];
    f.file = "dir,x/a:b%.pem";
    f.message = "50% done\r\n::error::injected, a:b";
    f.hint = std::nullopt;
    f.rule = "chain-order";
    const auto ls = lines(rendered(r, Format::Github));
    ASSERT_EQ(ls.size(), 3U);
    // CR and LF are shown as \r and \n (safe_text), not encoded as %0D%0A: the annotation itself
    // cannot show a second line that looks like another command.
    EXPECT_EQ(ls[1], "::error file=dir%2Cx/a%3Ab%25.pem,line=31,title=certcheck chain-order::50%25 done\\r\\n::error::injected, a:b");
}

TEST(RenderGithub, ControlsBidiAndSeparatorsAreShownEscaped) {
    Report r = sample();
    r.subjects.resize(1);
    Finding& f = r.subjects[0].findings[2];
    f.file =
        "a\x1b[31m\xe2\x80\xae"
        "b.pem";
    f.message = std::string{"CN=x\xc2\x85y\xe2\x80\xa8z\xe2\x81\xa6w\x07\xff"};
    f.hint = std::nullopt;
    const auto ls = lines(rendered(r, Format::Github));
    ASSERT_EQ(ls.size(), 3U);
    EXPECT_EQ(ls[1], "::error file=a\\x1b[31m\\u202eb.pem,line=31,title=certcheck chain-order::CN=x\\u0085y\\u2028z\\u2066w\\x07\\xff");
}

TEST(RenderText, RolesAnywherePreviewValuesAreEscaped) {
    Report r = sample();
    r.subjects.resize(1);
    r.subjects[0].verdict = Verdict::Pass;
    RolesAnywhereReport ra;
    ra.session.tags.push_back({"x509Subject/CN", "a\n::error::tag\xe2\x80\xae", false, ""});
    ra.session.source_identity = "CN=x\r\n::warning::id";
    ra.session.session_name = "\x1b[2J00ff";
    ra.policy_file = "::error::policy.json";
    r.subjects[0].roles_anywhere = ra;
    const std::string out = rendered(r, Format::Text);
    for (const auto& l : lines(out)) EXPECT_FALSE(l.starts_with("::")) << l;
    EXPECT_TRUE(has(out, "aws:PrincipalTag/x509Subject/CN = a\\n::error::tag\\u202e")) << out;
    EXPECT_TRUE(has(out, "source identity: CN=x\\r\\n::warning::id")) << out;
    EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
}

TEST(RenderText, ValuesCannotStartALineWithAWorkflowCommand) {
    Report r = sample();
    r.subjects.resize(1);
    Finding& f = r.subjects[0].findings[2];
    f.file = "::error::owned\n::warning::x.pem";
    f.message = "bad\n::error file=a::b\x1b]0;title\x07";
    const std::string out = rendered(r, Format::Text);
    for (const auto& l : lines(out)) EXPECT_FALSE(l.starts_with("::")) << l;
    EXPECT_TRUE(has(out, "\\x3a:error::owned\\n::warning::x.pem:31: ")) << out;
    EXPECT_TRUE(has(out, "bad\\n::error file=a::b\\x1b]0;title\\x07")) << out;
    EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
}

TEST(RenderGithub, FindingWithoutFileIsAnnotatedOnTheBody) {
    Report r = sample();
    r.subjects.resize(1);
    r.subjects[0].findings[3].status = Status::Error;
    const auto ls = lines(rendered(r, Format::Github));
    ASSERT_EQ(ls.size(), 4U);
    EXPECT_EQ(ls[2], "::error file=site/cert.pem,title=certcheck request-name::no --name given");
    EXPECT_EQ(ls[3], "certcheck: 1 subject: 0 passed, 1 failed, 0 could not be checked; 2 errors, 1 warning (iam-server profile)");
}

}  // namespace
}  // namespace certcheck::test
