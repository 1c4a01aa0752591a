// End-to-end: the command line explains itself (issue 14 item 6) and inspect's additions (item 7),
// through the certcheck binary on fixtures and on files made here with openssl.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};

nlohmann::json parse_json(const RunResult& r) {
    try {
        return nlohmann::json::parse(r.out);
    } catch (const nlohmann::json::exception& e) {
        ADD_FAILURE() << "not json: " << e.what() << "\n"
                      << r.out << r.err;
        return {};
    }
}

// The run failed as a usage error whose message holds `part`.
void expect_usage_error(const RunResult& r, const std::string& part) {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(has(r.err, part)) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

// --- did you mean ---------------------------------------------------------------------------

TEST(CommandLine, UnknownCommandSuggestsTheNearest) {
    expect_usage_error(run_certcheck({"chek"}), "unknown command 'chek'; did you mean 'check'?");
    expect_usage_error(run_certcheck({"inspcet", fixture("leaf.pem")}), "did you mean 'inspect'?");
    // Nothing near: no suggestion, still named.
    const RunResult far = run_certcheck({"frobnicate"});
    expect_usage_error(far, "unknown command 'frobnicate'");
    EXPECT_FALSE(has(far.err, "did you mean")) << far.err;
}

TEST(CommandLine, UnknownOptionSuggestsTheNearest) {
    expect_usage_error(run_certcheck({"check", "--cert", fixture("leaf.pem"), "--profle", "acm", "--at", kAt}),
                       "check: unknown option '--profle'; did you mean '--profile'?");
    // Named before CLI11's "--out is required": the typo is the problem.
    expect_usage_error(run_certcheck({"fix", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--ot", "/tmp/x"}),
                       "fix: unknown option '--ot'; did you mean '--out'?");
    expect_usage_error(run_certcheck({"--no-confg", "rules"}), "unknown option '--no-confg'; did you mean '--no-config'?");
    // --name=value form.
    expect_usage_error(run_certcheck({"scan", "--exclud=*.json", fixture("")}), "did you mean '--exclude'?");
}

TEST(CommandLine, UnknownProfileSuggestsTheNearest) {
    expect_usage_error(run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--profile", "clodfront", "--at", kAt}),
                       "unknown profile 'clodfront'; did you mean 'cloudfront'?");
    expect_usage_error(run_certcheck({"rules", "--profile", "clodfront"}), "did you mean 'cloudfront'?");
    expect_usage_error(run_certcheck({"scan", "--no-config", "--profile", "acn", fixture("leaf.pem"), "--at", kAt}),
                       "did you mean 'acm'?");
}

// --- help --------------------------------------------------------------------------------------

TEST(CommandLine, HelpCommandIsDashDashHelp) {
    const RunResult top = run_certcheck({"help"});
    EXPECT_EQ(top.exit_code, 0) << top.err;
    EXPECT_EQ(top.out, run_certcheck({"--help"}).out);
    EXPECT_TRUE(has(top.out, "Subcommands:")) << top.out;
    for (const char* cmd : {"check", "scan", "fix", "inspect", "endpoint", "access", "exporter", "merge", "rules", "profiles"}) {
        const RunResult h = run_certcheck({"help", cmd});
        EXPECT_EQ(h.exit_code, 0) << cmd << h.err;
        EXPECT_EQ(h.out, run_certcheck({cmd, "--help"}).out) << cmd;
        EXPECT_TRUE(has(h.out, std::string{"certcheck "} + cmd)) << h.out;
    }
    expect_usage_error(run_certcheck({"help", "chek"}), "help: unknown command 'chek'; did you mean 'check'?");
    expect_usage_error(run_certcheck({"help", "check", "scan"}), "at most one COMMAND");
}

// --- --no-config after every command -----------------------------------------------------------

TEST(CommandLine, NoConfigIsAcceptedAfterEveryCommand) {
    for (const char* cmd : {"check", "scan", "fix", "inspect", "endpoint", "access", "exporter", "merge", "rules", "profiles"}) {
        const RunResult r = run_certcheck({cmd, "--no-config", "--help"});
        EXPECT_EQ(r.exit_code, 0) << cmd << ": " << r.err;
    }
    // And real runs of commands that read no configuration file.
    EXPECT_EQ(run_certcheck({"rules", "--no-config", "--format", "ids"}).exit_code, 0);
    EXPECT_EQ(run_certcheck({"profiles", "--no-config"}).exit_code, 0);
    const RunResult inspect = run_certcheck({"inspect", "--no-config", "--at", kAt, fixture("leaf.pem")});
    EXPECT_EQ(inspect.exit_code, 0) << inspect.err;
    EXPECT_TRUE(has(inspect.out, "certificate (line 1)")) << inspect.out;
    // check still honours it: a broken .certcheck.toml in the working directory is not read.
    TempDir dir;
    dir.write(".certcheck.toml", "this is not toml = = =\n");
    const std::vector<std::string> args{"check", "--cert", fixture("leaf.pem"), "--at", kAt};
    EXPECT_EQ(run_certcheck(args, 60, {}, dir.path()).exit_code, 2);
    std::vector<std::string> without = args;
    without.emplace_back("--no-config");
    const RunResult r = run_certcheck(without, 60, {}, dir.path());
    EXPECT_NE(r.exit_code, 2) << r.err;
}

// --- repeated single-valued options ------------------------------------------------------------

TEST(CommandLine, RepeatedSingleValuedOptionIsNamedWithBothValues) {
    expect_usage_error(run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--profile", "acm", "--profile",
                                      "iam-server", "--at", kAt}),
                       "--profile was given twice ('acm' and 'iam-server'); it takes one value");
    expect_usage_error(run_certcheck({"inspect", "--at", kAt, "--at", "2031-01-01", fixture("leaf.pem")}),
                       "--at was given twice ('2030-01-01T00:00:00Z' and '2031-01-01')");
    // A repeatable option stays repeatable.
    const RunResult r = run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--at", kAt, "--host",
                                       "www.example.com", "--host", "example.com", "--only", "host-match"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// --- list options take one value each (the CLI11 defect) ---------------------------------------

TEST(CommandLine, ListOptionsDoNotSwallowTheFollowingPath) {
    TempDir dir;
    std::filesystem::copy_file(fixture("leaf.pem"), dir.path() + "/leaf.pem");
    std::filesystem::copy_file(fixture("leaf.key"), dir.path() + "/leaf.key");
    std::filesystem::copy_file(fixture("chain.pem"), dir.path() + "/chain.pem");
    for (const std::vector<std::string>& opt : std::vector<std::vector<std::string>>{
             {"--exclude", "*.json"}, {"--include", "*.pem"}, {"--skip", "host-match"}, {"--only", "body-pem"}}) {
        std::vector<std::string> args{"scan", "--no-config", "--at", kAt, "--format", "json"};
        args.insert(args.end(), opt.begin(), opt.end());
        args.push_back(dir.path());
        const RunResult r = run_certcheck(args);
        EXPECT_EQ(r.exit_code, 0) << opt[0] << ": " << r.out << r.err;
        const nlohmann::json j = parse_json(r);
        ASSERT_TRUE(j.contains("subjects")) << opt[0];
        EXPECT_EQ(j["subjects"].size(), 1u) << opt[0] << r.out;
    }
    // check's --host before another option's value keeps its one value.
    const RunResult host = run_certcheck({"check", "--no-config", "--host", "www.example.com", "--cert", fixture("leaf.pem"),
                                          "--at", kAt, "--only", "host-match"});
    EXPECT_EQ(host.exit_code, 0) << host.out << host.err;
}

// --- colour ------------------------------------------------------------------------------------

// certcheck on a pseudo-terminal (util-linux script), with the given environment settings.
RunResult on_terminal(const std::string& env) {
    const std::string cmd = "env -u NO_COLOR " + env + " " + std::string{CERTCHECK_BINARY} + " check --no-config --cert " +
                            fixture("leaf.pem") + " --key " + fixture("other.key") + " --at " + kAt;
    return run_program({"script", "-qec", cmd, "/dev/null"});
}

TEST(CommandLine, NoColourWithTermDumbOrNoColor) {
    const RunResult colour = on_terminal("TERM=xterm");
    EXPECT_EQ(colour.exit_code, 1) << colour.out << colour.err;
    EXPECT_TRUE(has(colour.out, "\033[31m")) << "a terminal gets colour: " << colour.out;
    for (const char* env : {"TERM=dumb", "TERM=xterm NO_COLOR=1"}) {
        const RunResult r = on_terminal(env);
        EXPECT_EQ(r.exit_code, 1) << env << r.out << r.err;
        EXPECT_TRUE(has(r.out, "[key-matches-cert]")) << env << r.out;
        EXPECT_FALSE(has(r.out, "\033[")) << env << ": " << r.out;
    }
}

// --- leap seconds in --at ----------------------------------------------------------------------

TEST(CommandLine, LeapSecondInAtIsTheInstantAfter) {
    for (const char* at : {"2026-12-31T23:59:60Z", "2026-12-31T15:59:60-08:00"}) {
        const RunResult r = run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--only", "body-validity",
                                           "--at", at, "--format", "json"});
        EXPECT_EQ(r.exit_code, 0) << at << r.err;
        EXPECT_EQ(parse_json(r).value("checked_at", ""), "2027-01-01T00:00:00Z") << at;
    }
    // leaf.pem's notAfter is 2099-12-31T23:59:59Z: valid then, expired during the leap second after it.
    const auto validity = [](const std::string& at) {
        return run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--only", "body-validity", "--at", at});
    };
    EXPECT_EQ(validity("2099-12-31T23:59:59Z").exit_code, 0);
    const RunResult leap = validity("2099-12-31T23:59:60Z");
    EXPECT_EQ(leap.exit_code, 1) << leap.out << leap.err;
    EXPECT_TRUE(has(leap.out, "expired on 2099-12-31T23:59:59Z")) << leap.out;
    // Second 60 anywhere else is not a leap second.
    expect_usage_error(validity("2026-12-30T23:59:60Z"), "a leap second is 23:59:60 UTC on the last day of a month");
    expect_usage_error(validity("2026-12-31T12:00:60Z"), "is not an RFC 3339 time");
    // inspect reads --at the same way.
    EXPECT_EQ(run_certcheck({"inspect", "--at", "2026-06-30T23:59:60Z", fixture("leaf.pem")}).exit_code, 0);
}

// --- json: absent inputs are null ---------------------------------------------------------------

TEST(CommandLine, AbsentInputsAreJsonNull) {
    const RunResult r = run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--at", kAt, "--format", "json"});
    const nlohmann::json j = parse_json(r);
    ASSERT_EQ(j["subjects"].size(), 1u);
    const nlohmann::json& in = j["subjects"][0]["inputs"];
    EXPECT_EQ(in["cert"], fixture("leaf.pem"));
    EXPECT_TRUE(in["key"].is_null()) << in;
    EXPECT_TRUE(in["chain"].is_null()) << in;
    EXPECT_TRUE(j["subjects"][0]["error"].is_null());
    // ndjson and a scan subject without chain the same way; no "" anywhere for an absent value.
    TempDir dir;
    std::filesystem::copy_file(fixture("leaf.pem"), dir.path() + "/leaf.pem");
    std::filesystem::copy_file(fixture("leaf.key"), dir.path() + "/leaf.key");
    const RunResult s = run_certcheck({"scan", "--no-config", dir.path(), "--at", kAt, "--format", "ndjson"});
    const nlohmann::json line = nlohmann::json::parse(s.out.substr(0, s.out.find('\n')));
    EXPECT_EQ(line["inputs"]["key"], dir.path() + "/leaf.key");
    EXPECT_TRUE(line["inputs"]["chain"].is_null()) << line["inputs"];
    EXPECT_FALSE(has(r.out, "\"\"")) << r.out;
    EXPECT_FALSE(has(s.out, "\"\"")) << s.out;
}

// --- host-match: trailing dot and IDN ------------------------------------------------------------

// A self-signed certificate for the IDN bücher.example (as its A-label) and www.example.com.
struct IdnCert {
    TempDir dir;
    std::string pem = dir.path() + "/idn.pem";
    IdnCert() {
        const RunResult r = run_program({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.path() + "/idn.key",
                                         "-out", pem, "-subj", "/CN=xn--bcher-kva.example", "-addext",
                                         "subjectAltName=DNS:xn--bcher-kva.example,DNS:www.example.com", "-days", "36500"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
    }
    [[nodiscard]] RunResult host(const std::string& name) const {
        return run_certcheck({"check", "--no-config", "--cert", pem, "--only", "host-match", "--host", name, "--at", "2030-01-01T00:00:00Z"});
    }
};

TEST(CommandLine, HostMatchTrailingDotAndIdn) {
    const IdnCert c;
    for (const char* ok : {"www.example.com", "www.example.com.", "xn--bcher-kva.example", "bücher.example", "Bücher.example",
                           "bücher.example."}) {
        const RunResult r = c.host(ok);
        EXPECT_EQ(r.exit_code, 0) << ok << ": " << r.out << r.err;
    }
    const RunResult other = c.host("bächer.example");
    EXPECT_EQ(other.exit_code, 1) << other.out << other.err;
    EXPECT_TRUE(has(other.out, "bächer.example (xn--bcher-gra.example) not covered")) << other.out;
    for (const char* bad : {"www.example.com..", "."}) {
        const RunResult r = c.host(bad);
        EXPECT_EQ(r.exit_code, 1) << bad << r.out;
        EXPECT_TRUE(has(r.out, "empty label")) << r.out;
    }
    // The fixture leaf through the same rule: the trailing dot on a name it lacks still fails.
    const RunResult miss = run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--only", "host-match", "--host",
                                          "other.example.", "--at", kAt});
    EXPECT_EQ(miss.exit_code, 1) << miss.out;
}

// An empty or blank host name is a usage error naming the option, before any rule runs (it used
// to reach host-match and fail as "(a name with an empty label) not covered"); endpoint's
// --servername likewise (its NAME@TARGET form already refused an empty NAME).
TEST(CommandLine, EmptyHostNameIsAUsageError) {
    for (const char* blank : {"", " ", "\t"}) {
        const RunResult r = run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--host", "www.example.com", "--host",
                                           blank, "--at", kAt});
        expect_usage_error(r, "certcheck: error: --host: ");
        EXPECT_TRUE(has(r.err, *blank == '\0' ? "the value is empty" : "is only white space")) << r.err;
        EXPECT_FALSE(has(r.err, "empty label")) << r.err;
        const RunResult aws = run_certcheck({"check", "--no-config", "--aws-json", source_path("testdata/aws-json/describe-certificate.json"),
                                             "--host", blank, "--at", kAt});
        expect_usage_error(aws, "certcheck: error: --host: ");
        const RunResult e = run_certcheck({"endpoint", "--no-config", "127.0.0.1:1", "--servername", blank, "--timeout", "1", "--at", kAt});
        expect_usage_error(e, "certcheck: error: --servername: ");
        EXPECT_FALSE(has(e.err, "connect")) << e.err;
    }
    // The control: the same command with only the real name passes host-match.
    const RunResult ok = run_certcheck({"check", "--no-config", "--cert", fixture("leaf.pem"), "--only", "host-match", "--host",
                                        "www.example.com", "--at", kAt});
    EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
}

// --- inspect -----------------------------------------------------------------------------------

TEST(InspectPassphrase, OpensPkcs12WithFileOrEnvironment) {
    const std::string p12 = fixture("leaf.p12");  // passphrase "test"
    const RunResult locked = run_certcheck({"inspect", "--at", kAt, "--format", "json", p12});
    EXPECT_EQ(locked.exit_code, 0) << locked.err;
    const nlohmann::json lj = parse_json(locked);
    EXPECT_TRUE(lj["files"][0]["objects"].empty());
    EXPECT_TRUE(has(locked.out, "--passphrase-file")) << locked.out;

    const std::string leaf_spki = parse_json(run_certcheck({"inspect", "--at", kAt, "--format", "json", fixture("leaf.pem")}))
        ["files"][0]["objects"][0]["certificate"]["spki_sha256"];
    ASSERT_FALSE(leaf_spki.empty());
    TempDir dir;
    const std::string pass = dir.write("pass.txt", "test\n");
    for (const std::vector<std::string>& how : std::vector<std::vector<std::string>>{{"--passphrase-file", pass}, {"--passphrase-env", "P12_PASS"}}) {
        std::vector<std::string> args{"inspect", "--at", kAt, "--format", "json", p12};
        args.insert(args.end(), how.begin(), how.end());
        const RunResult r = run_certcheck(args, 60, {"P12_PASS=test"});
        EXPECT_EQ(r.exit_code, 0) << how[0] << r.err;
        const nlohmann::json j = parse_json(r);
        const nlohmann::json& objects = j["files"][0]["objects"];
        ASSERT_EQ(objects.size(), 4u) << r.out;
        EXPECT_EQ(objects[0]["certificate"]["subject"], "CN=www.example.com,O=certcheck tests,C=US");
        EXPECT_EQ(objects[0]["certificate"]["spki_sha256"], leaf_spki);
        EXPECT_EQ(objects[3]["type"], "private-key");
        EXPECT_EQ(objects[3]["private_key"]["spki_sha256"], leaf_spki);
        EXPECT_EQ(objects[3]["matching_certificates"][0]["object"], 0);
        for (const std::string& piece : base64_prefixes(read_file(fixture("leaf.key")))) {
            EXPECT_FALSE(has(r.out, piece)) << "key material in the output";
        }
    }
    const std::string wrong = dir.write("wrong.txt", "nope\n");
    const RunResult bad = run_certcheck({"inspect", "--at", kAt, p12, "--passphrase-file", wrong});
    EXPECT_EQ(bad.exit_code, 0) << bad.err;
    EXPECT_TRUE(has(bad.out, "wrong passphrase")) << bad.out;
    expect_usage_error(run_certcheck({"inspect", p12, "--passphrase-env", "CERTCHECK_NO_SUCH_VAR"}), "the variable is not set");
    expect_usage_error(run_certcheck({"inspect", p12, "--passphrase-env", "P", "--passphrase-file", pass}), "excludes");
}

TEST(InspectObjects, CsrAndPublicKeyDescribedAndMatched) {
    TempDir dir;
    const std::string csr = dir.path() + "/req.pem";
    const RunResult made = run_program({"openssl", "req", "-new", "-key", fixture("leaf.key"), "-subj", "/CN=www.example.com",
                                        "-addext", "subjectAltName=DNS:www.example.com,DNS:example.com", "-out", csr});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const RunResult r = run_certcheck({"inspect", "--at", kAt, "--format", "json", csr, fixture("leaf-pub.pem"), fixture("leaf.pem"),
                                       fixture("other.key")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json j = parse_json(r);
    const std::string leaf_spki = j["files"][2]["objects"][0]["certificate"]["spki_sha256"];
    const nlohmann::json& req = j["files"][0]["objects"][0];
    EXPECT_EQ(req["type"], "CERTIFICATE REQUEST");
    EXPECT_EQ(req["certificate_request"]["subject"], "CN=www.example.com");
    EXPECT_EQ(req["certificate_request"]["sans"], nlohmann::json::array({"DNS:www.example.com", "DNS:example.com"}));
    EXPECT_EQ(req["certificate_request"]["signature_valid"], true);
    EXPECT_EQ(req["certificate_request"]["public_key"]["algorithm"], "RSA");
    EXPECT_EQ(req["certificate_request"]["public_key"]["bits"], 2048);
    EXPECT_EQ(req["certificate_request"]["public_key"]["spki_sha256"], leaf_spki);
    EXPECT_EQ(req["matching_certificates"][0]["path"], fixture("leaf.pem"));
    const nlohmann::json& pub = j["files"][1]["objects"][0];
    EXPECT_EQ(pub["type"], "PUBLIC KEY");
    EXPECT_EQ(pub["public_key"]["spki_sha256"], leaf_spki);
    EXPECT_EQ(pub["matching_certificates"].size(), 1u);
    // other.key belongs to no inspected certificate.
    EXPECT_TRUE(j["files"][3]["objects"][0]["matching_certificates"].empty());

    const RunResult text = run_certcheck({"inspect", "--at", kAt, csr, fixture("leaf.pem")});
    EXPECT_TRUE(has(text.out, "SANs:           DNS:www.example.com, DNS:example.com")) << text.out;
    EXPECT_TRUE(has(text.out, "signature:      sha256WithRSAEncryption (verifies)")) << text.out;
    EXPECT_TRUE(has(text.out, "SPKI SHA-256:   " + leaf_spki)) << text.out;
    EXPECT_TRUE(has(text.out, "matches:        " + fixture("leaf.pem") + " [0]")) << text.out;

    // A DER CSR too.
    const std::string der = dir.path() + "/req.der";
    ASSERT_EQ(run_program({"openssl", "req", "-in", csr, "-outform", "DER", "-out", der}).exit_code, 0);
    const nlohmann::json dj = parse_json(run_certcheck({"inspect", "--at", kAt, "--format", "json", der}));
    EXPECT_EQ(dj["files"][0]["objects"][0]["certificate_request"]["public_key"]["spki_sha256"], leaf_spki);
}

TEST(InspectObjects, Utf16AndByteOrderMarkFlagged) {
    const nlohmann::json j = parse_json(run_certcheck({"inspect", "--at", kAt, "--format", "json", fixture("leaf-utf16.pem"),
                                                       fixture("leaf-bom.pem"), fixture("leaf.pem")}));
    ASSERT_EQ(j["files"].size(), 3u);
    EXPECT_EQ(j["files"][0]["utf16"], true);
    EXPECT_TRUE(has(j["files"][0]["problems"].dump(), "UTF-16")) << j["files"][0];
    EXPECT_EQ(j["files"][1]["utf8_bom"], true);
    EXPECT_TRUE(has(j["files"][1]["problems"].dump(), "byte-order mark")) << j["files"][1];
    EXPECT_EQ(j["files"][2]["utf16"], false);
    EXPECT_EQ(j["files"][2]["utf8_bom"], false);
    EXPECT_TRUE(j["files"][2]["problems"].empty());
    const RunResult text = run_certcheck({"inspect", "--at", kAt, fixture("leaf-utf16.pem")});
    EXPECT_TRUE(has(text.out, "problem: the file is UTF-16 text")) << text.out;
}

}  // namespace
}  // namespace certcheck::test
