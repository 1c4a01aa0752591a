// End-to-end: the junit and sarif reports of the certcheck binary validate against the published
// schemas vendored in tests/schemas (xmllint for JUnit.xsd, python3-jsonschema for SARIF 2.1.0);
// ndjson and github reports have their line shapes. Needs libxml2-utils and python3-jsonschema
// (cmake/install-deps.sh installs them).
#include <sys/wait.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "certcheck/render.hpp"
#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};

struct Shell {
    int status = -1;
    std::string output;  // stdout and stderr
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (const char c : s) q += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
    return q + "'";
}

Shell shell(const std::string& command) {
    Shell r;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return r;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

bool have(const std::string& tool_check) { return shell(tool_check).status == 0; }

#define REQUIRE_VALIDATORS()                                                                                             \
    ASSERT_TRUE(have("command -v xmllint")) << "xmllint is missing: run cmake/install-deps.sh (libxml2-utils)";          \
    ASSERT_TRUE(have("python3 -c 'import jsonschema'")) << "python3's jsonschema is missing: run cmake/install-deps.sh " \
                                                           "(python3-jsonschema)"

// xmllint against tests/schemas/JUnit.xsd; "" when valid, else xmllint's complaint.
std::string junit_problems(const std::string& xml, const std::string& name) {
    const std::string file = write_temp(name + ".xml", xml);
    const Shell r = shell("xmllint --noout --schema " + quote(source_path("tests/schemas/JUnit.xsd")) + " " + quote(file));
    return r.status == 0 ? std::string{} : r.output + "\n" + xml;
}

// jsonschema against tests/schemas/sarif-schema-2.1.0.json (draft-04, as its $schema says).
std::string sarif_problems(const std::string& json, const std::string& name) {
    const std::string file = write_temp(name + ".sarif", json);
    const std::string script =
        "import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[2]))\n"
        "cls = jsonschema.validators.validator_for(schema)\n"
        "cls.check_schema(schema)\n"
        "cls(schema, format_checker=jsonschema.FormatChecker()).validate(json.load(open(sys.argv[1])))\n";
    const Shell r = shell("python3 -c " + quote(script) + " " + quote(file) + " " +
                          quote(source_path("tests/schemas/sarif-schema-2.1.0.json")));
    return r.status == 0 ? std::string{} : r.output + "\n" + json;
}

struct Case {
    std::string name;
    std::vector<std::string> args;
    int exit_code;
};

std::vector<Case> cases() {
    return {
        {"failing", {"--cert", fixture("fullchain.pem"), "--key", fixture("leaf-pkcs8.key"), "--chain", fixture("chain-reversed.pem"), "--at", kAt}, 1},
        {"passing", {"--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain", fixture("chain.pem"), "--at", kAt, "--name", "www-example"}, 0},
        {"warning", {"--cert", fixture("rsa1024-leaf.pem"), "--key", fixture("rsa1024-leaf.key"), "--chain", fixture("chain.pem"), "--at", kAt}, 0},
        {"warning-fails", {"--cert", fixture("rsa1024-leaf.pem"), "--key", fixture("rsa1024-leaf.key"), "--chain", fixture("chain.pem"), "--at", kAt, "--fail-on", "warn"}, 1},
        {"garbage", {"--cert", fixture("garbage.bin"), "--at", kAt}, 1},
    };
}

RunResult check(const Case& c, const std::string& format) {
    std::vector<std::string> args{"check"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"--format", format});
    return run_certcheck(args);
}

TEST(FormatsSchema, JunitFromTheBinaryValidates) {
    REQUIRE_VALIDATORS();
    for (const Case& c : cases()) {
        const RunResult r = check(c, "junit");
        EXPECT_EQ(r.exit_code, c.exit_code) << c.name << r.err;
        EXPECT_TRUE(r.err.empty()) << c.name << r.err;
        EXPECT_EQ(junit_problems(r.out, "check-" + c.name), "") << c.name;
    }
}

TEST(FormatsSchema, SarifFromTheBinaryValidates) {
    REQUIRE_VALIDATORS();
    for (const Case& c : cases()) {
        const RunResult r = check(c, "sarif");
        EXPECT_EQ(r.exit_code, c.exit_code) << c.name << r.err;
        EXPECT_TRUE(r.err.empty()) << c.name << r.err;
        EXPECT_EQ(sarif_problems(r.out, "check-" + c.name), "") << c.name;
        const auto doc = nlohmann::json::parse(r.out);
        EXPECT_EQ(doc["runs"][0]["results"].empty(), c.name == "passing") << c.name;
    }
}

TEST(FormatsSchema, OutputFileHoldsTheSameReport) {
    const Case c = cases()[0];
    const std::string path = temp_dir().path() + "/report.xml";
    std::vector<std::string> args{"check"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"--format", "junit", "--output", path});
    const RunResult r = run_certcheck(args);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(read_file(path), check(c, "junit").out);
}

// A report no single `check` produces: several subjects, one that could not be checked, and
// text XML and JSON must escape (markup, control characters, malformed UTF-8, odd paths).
Report hostile() {
    Report r;
    r.version = "0.0.0";
    r.profile = "iam-server";
    r.checked_at = "2030-01-01T00:00:00Z";
    r.fail_on = Status::Warn;
    SubjectReport s;
    s.name = "dir with space/<cert>&\"'.pem";
    s.inputs.cert = s.name;
    s.inputs.key = "/abs path/key%.pem";
    s.verdict = Verdict::Fail;
    s.findings.push_back(Finding{"body-pem", Status::Pass, "PEM", std::nullopt, s.name, std::nullopt});
    s.findings.push_back(Finding{"key-size", Status::Warn, "tab\there\nnew line\r\x01\x02\x1b[31m ]]> \xff\xfe", "h&int <x>", "/abs path/key%.pem", 1});
    s.findings.push_back(Finding{"chain-order", Status::Error, "CN=caf\xC3\xA9, O=\"x\"", "reorder: a, b", "c:odd#?.pem", 7});
    s.findings.push_back(Finding{"request-name", Status::NotApplicable, "no --name given", std::nullopt, std::nullopt, std::nullopt});
    s.findings.push_back(Finding{"zz-unknown", Status::Error, "a rule this build does not know", std::nullopt, std::nullopt, std::nullopt});
    r.subjects.push_back(s);
    SubjectReport e;
    e.name = "broken\x01.pem";
    e.inputs.cert = e.name;
    e.verdict = Verdict::Error;
    e.error = "cannot read: \xC3";
    r.subjects.push_back(e);
    SubjectReport ok;
    ok.name = "ok.pem";
    ok.inputs.cert = "ok.pem";
    ok.findings.push_back(Finding{"body-pem", Status::Pass, "PEM", std::nullopt, "ok.pem", std::nullopt});
    r.subjects.push_back(ok);
    return r;
}

TEST(FormatsSchema, HostileMultiSubjectReportStillValidates) {
    REQUIRE_VALIDATORS();
    std::ostringstream junit;
    render_junit(hostile(), junit);
    EXPECT_EQ(junit_problems(junit.str(), "hostile"), "");
    std::ostringstream sarif;
    render_sarif(hostile(), sarif);
    EXPECT_EQ(sarif_problems(sarif.str(), "hostile"), "");

    Report empty = hostile();
    empty.subjects.clear();
    std::ostringstream junit_empty;
    render_junit(empty, junit_empty);
    EXPECT_EQ(junit_problems(junit_empty.str(), "empty"), "");
    std::ostringstream sarif_empty;
    render_sarif(empty, sarif_empty);
    EXPECT_EQ(sarif_problems(sarif_empty.str(), "empty"), "");
}

// The validators do reject: without this, a validator that accepts everything would pass.
TEST(FormatsSchema, ValidatorsRejectInvalidDocuments) {
    REQUIRE_VALIDATORS();
    std::ostringstream junit;
    render_junit(hostile(), junit);
    std::string broken = junit.str();
    broken.replace(broken.find(" hostname=\"localhost\""), 21, "");
    EXPECT_NE(junit_problems(broken, "broken"), "");

    std::ostringstream sarif;
    render_sarif(hostile(), sarif);
    auto doc = nlohmann::ordered_json::parse(sarif.str());
    doc["runs"][0]["results"][0]["level"] = "fatal";
    EXPECT_NE(sarif_problems(doc.dump(), "broken"), "");
}

TEST(FormatsLines, NdjsonAndGithubFromTheBinary) {
    const Case c = cases()[0];
    const RunResult nd = check(c, "ndjson");
    EXPECT_EQ(nd.exit_code, 1) << nd.err;
    std::istringstream in(nd.out);
    int n = 0;
    for (std::string line; std::getline(in, line); ++n) {
        const auto obj = nlohmann::json::parse(line);
        EXPECT_EQ(obj["profile"], "iam-server");
        EXPECT_EQ(obj["checked_at"], kAt);
        EXPECT_EQ(obj["verdict"], "fail");
    }
    EXPECT_EQ(n, 1) << nd.out;

    const RunResult gh = check(c, "github");
    EXPECT_EQ(gh.exit_code, 1) << gh.err;
    std::istringstream gin(gh.out);
    std::vector<std::string> lines;
    for (std::string line; std::getline(gin, line);) lines.push_back(line);
    ASSERT_EQ(lines.size(), 4U) << gh.out;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_EQ(lines[i].rfind("::error file=", 0), 0U) << lines[i];
    EXPECT_EQ(lines.back().rfind("certcheck: 1 subject: 0 passed, 1 failed", 0), 0U) << lines.back();
}

TEST(FormatsLines, UnknownFormatIsAUsageError) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--format", "xml"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("sarif"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace certcheck::test
