// --fetch-missing: certificates whose AIA caIssuers URL points at python3's http.server on
// 127.0.0.1 are issued at test time; endpoint reports the fetched intermediate, fix writes it
// into chain.pem; DER, PEM and PKCS#7 answers, a wrong certificate, an oversized answer and a
// silent server are handled within their limits.
#include <chrono>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "support/report.hpp"
#include "support/servers.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

void sh(const std::string& cmd) {
    const int rc = std::system(("set -e; { " + cmd + "; } >/dev/null 2>&1").c_str());
    ASSERT_EQ(rc, 0) << cmd;
}

// A root, an intermediate (published under web/ as DER, PEM and PKCS#7) and leaves whose AIA
// URLs name those files, all issued by `openssl ca` with fixed dates (2025-01-01 to 2099-12-31),
// so the tests judge validity at a fixed --at (kTestAt), never at the present.
class AiaPki {
public:
    AiaPki() : web_(dir_.path() + "/web") {
        sh("mkdir -p '" + web_ + "'");
        http_ = std::make_unique<HttpServer>(web_);
        base_ = "http://127.0.0.1:" + std::to_string(http_->port());
        const std::string d = dir_.path();
        sh("cd '" + d +
           "' && mkdir -p newcerts && : > index.txt && echo 1000 > serial && printf '%s\\n' '[ca]' 'default_ca = ca' "
           "'[ca]' 'database = index.txt' 'new_certs_dir = newcerts' 'serial = serial' 'default_md = sha256' 'policy = any' "
           "'unique_subject = no' 'copy_extensions = none' '[any]' 'commonName = optional' > ca.cnf && "
           "printf 'basicConstraints=critical,CA:true\\nkeyUsage=critical,keyCertSign,cRLSign\\n' > ca.ext");
        sh("cd '" + d + "' && openssl req -new -newkey rsa:2048 -nodes -keyout root.key -out root.csr -subj '/CN=AIA Test Root'");
        issue("root.csr", "root.pem", "", "root.key", "ca.ext");
        sh("cd '" + d + "' && openssl req -new -newkey rsa:2048 -nodes -keyout inter.key -out inter.csr -subj '/CN=AIA Test Intermediate'");
        issue("inter.csr", "inter.pem", "root.pem", "root.key", "ca.ext");
        sh("cd '" + d + "' && openssl req -new -newkey rsa:2048 -nodes -keyout other.key -out other.csr -subj '/CN=AIA Test Intermediate'");
        issue("other.csr", "other.pem", "", "other.key", "ca.ext");
        sh("cd '" + d +
           "' && openssl x509 -in inter.pem -outform DER -out web/inter.der && cp inter.pem web/inter.pem && "
           "openssl crl2pkcs7 -nocrl -certfile inter.pem -outform DER -out web/inter.p7c && "
           "openssl x509 -in other.pem -outform DER -out web/other.der && head -c 2000000 /dev/zero > web/huge.der");
    }
    [[nodiscard]] bool ready() const { return http_->ready(); }
    [[nodiscard]] std::string path(const std::string& name) const { return dir_.path() + "/" + name; }
    [[nodiscard]] const std::string& base() const { return base_; }
    // leaf-NAME.pem / .key for www.example.com, issued by the intermediate, AIA caIssuers = url.
    std::string leaf(const std::string& name, const std::string& url) {
        sh("cd '" + dir_.path() + "' && printf 'subjectAltName=DNS:www.example.com\\nauthorityInfoAccess=caIssuers;URI:" + url +
           "\\n' > " + name + ".ext && openssl req -new -newkey rsa:2048 -nodes -keyout k.pem -out " + name +
           ".csr -subj '/CN=www.example.com' && openssl rsa -in k.pem -traditional -out leaf-" + name + ".key");
        issue(name + ".csr", "leaf-" + name + ".pem", "inter.pem", "inter.key", name + ".ext");
        return path("leaf-" + name + ".pem");
    }

private:
    // Signs csr with the issuer ("" for self-signed), valid 2025-01-01 to 2099-12-31.
    void issue(const std::string& csr, const std::string& out, const std::string& issuer, const std::string& key, const std::string& ext) {
        sh("cd '" + dir_.path() + "' && openssl ca -config ca.cnf -batch -notext -startdate 20250101000000Z -enddate 20991231235959Z " +
           (issuer.empty() ? std::string{"-selfsign"} : "-cert " + issuer) + " -keyfile " + key + " -extfile " + ext + " -in " + csr +
           " -out " + out);
    }

    TempDir dir_;
    std::string web_;
    std::unique_ptr<HttpServer> http_;
    std::string base_;
};

Checked endpoint_check(const std::string& target, const AiaPki& pki, std::vector<std::string> more) {
    std::vector<std::string> args{target, "--at", std::string{kTestAt}, "--servername", "www.example.com", "--trust-store", pki.path("root.pem"),
                                  "--timeout", "3", "--only", "endpoint-chain-complete"};
    args.insert(args.end(), more.begin(), more.end());
    return command_json_report("endpoint", args, 60);
}

TEST(FetchMissing, EndpointReportsTheFetchedIntermediateInEachFormat) {
    AiaPki pki;
    ASSERT_TRUE(pki.ready());
    for (const std::string file : {"inter.der", "inter.pem", "inter.p7c"}) {
        const std::string name = file.substr(file.find('.') + 1);
        const std::string cert = pki.leaf(name, pki.base() + "/" + file);
        const TlsServer srv{cert, pki.path("leaf-" + name + ".key")};  // no chain: the intermediate is missing
        ASSERT_TRUE(srv.ready());
        const Checked plain = endpoint_check(srv.target(), pki, {});
        EXPECT_EQ(plain.st("endpoint-chain-complete"), "error") << plain.context();
        EXPECT_FALSE(has(plain.msg("endpoint-chain-complete"), "fetched")) << plain.msg("endpoint-chain-complete");
        const Checked fetched = endpoint_check(srv.target(), pki, {"--fetch-missing"});
        EXPECT_EQ(fetched.run.exit_code, 1) << fetched.context();
        EXPECT_EQ(fetched.st("endpoint-chain-complete"), "error") << "fetched is not served: " << fetched.context();
        EXPECT_TRUE(has(fetched.msg("endpoint-chain-complete"),
                        "fetched CN=AIA Test Intermediate from " + pki.base() + "/" + file + " (signature verified)"))
            << file << ": " << fetched.msg("endpoint-chain-complete");
    }
}

TEST(FetchMissing, AWrongCertificateAnOversizedAnswerAndASilentServerAreNotUsed) {
    AiaPki pki;
    ASSERT_TRUE(pki.ready());
    const SilentListener silent;
    const struct {
        std::string url;
        std::string expect;
    } cases[] = {
        {pki.base() + "/other.der", "did not issue"},
        {pki.base() + "/huge.der", "larger than"},
        {pki.base() + "/missing.der", "404"},
        {"http://127.0.0.1:" + std::to_string(silent.port()) + "/inter.der", "within the timeout"},
    };
    int n = 0;
    for (const auto& c : cases) {
        const std::string name = "bad" + std::to_string(n++);
        const std::string cert = pki.leaf(name, c.url);
        const TlsServer srv{cert, pki.path("leaf-" + name + ".key")};
        ASSERT_TRUE(srv.ready());
        const auto start = std::chrono::steady_clock::now();
        const Checked r = endpoint_check(srv.target(), pki, {"--fetch-missing"});
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
        EXPECT_EQ(r.st("endpoint-chain-complete"), "error") << r.context();
        EXPECT_FALSE(has(r.msg("endpoint-chain-complete"), "(signature verified)")) << r.msg("endpoint-chain-complete");
        EXPECT_TRUE(has(r.msg("endpoint-chain-complete"), c.expect)) << c.url << ": " << r.msg("endpoint-chain-complete");
    }
}

TEST(FetchMissing, FixWritesTheFetchedIntermediateIntoChainPem) {
    AiaPki pki;
    ASSERT_TRUE(pki.ready());
    const std::string cert = pki.leaf("fix", pki.base() + "/inter.der");
    const TempDir out;
    const std::vector<std::string> base{"fix", "--cert", cert, "--key", pki.path("leaf-fix.key"), "--trust-store",
                                        pki.path("root.pem"), "--at", std::string{kTestAt}};
    std::vector<std::string> without = base;
    without.insert(without.end(), {"--out", out.path() + "/a"});
    const RunResult no = run_certcheck(without, 60);
    EXPECT_EQ(no.exit_code, 1) << no.out << no.err;
    EXPECT_TRUE(has(no.out + no.err, "--fetch-missing")) << no.out << no.err;

    std::vector<std::string> with = base;
    with.insert(with.end(), {"--out", out.path() + "/b", "--fetch-missing"});
    const RunResult yes = run_certcheck(with, 60);
    EXPECT_EQ(yes.exit_code, 0) << yes.out << yes.err;
    EXPECT_TRUE(has(yes.out, "fetched CN=AIA Test Intermediate from " + pki.base() + "/inter.der")) << yes.out;
    EXPECT_EQ(read_file(out.path() + "/b/chain.pem"), read_file(pki.path("inter.pem")));
}

}  // namespace
}  // namespace certcheck::test

namespace certcheck::test {
namespace {

TEST(FetchMissing, CheckReportsWhatTheAiaUrlSupplies) {
    AiaPki pki;
    ASSERT_TRUE(pki.ready());
    const std::string cert = pki.leaf("check", pki.base() + "/inter.p7c");
    // No chain: chain-present names the intermediate the leaf's AIA URL supplies (PKCS#7 here).
    const Checked none = check_json_report({"--cert", cert, "--at", std::string{kTestAt}, "--fetch-missing", "--only", "chain-present"}, 60);
    EXPECT_EQ(none.st("chain-present"), "warn") << none.context();
    EXPECT_TRUE(has(none.msg("chain-present"), "fetched CN=AIA Test Intermediate from " + pki.base() + "/inter.p7c"))
        << none.msg("chain-present");
    const Checked off = check_json_report({"--cert", cert, "--at", std::string{kTestAt}, "--only", "chain-present"}, 60);
    EXPECT_FALSE(has(off.msg("chain-present"), "fetched")) << off.msg("chain-present");
}

}  // namespace
}  // namespace certcheck::test
