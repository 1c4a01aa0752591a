// host-match: pass (exact, wildcard, IP, trailing dot, IDN), fail (wildcard too shallow/deep, missing name, IP), not-applicable.
#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

// leaf.pem: SAN www.example.com, example.com, *.api.example.com.
Finding hosts(std::initializer_list<const char*> names, const std::string& cert = fixture("leaf.pem")) {
    Request r;
    for (const char* n : names) r.hosts.emplace_back(n);
    return run_rule("host-match", load(cert, std::nullopt, std::nullopt, r));
}

TEST(HostMatch, PassesOnNamesInTheSan) {
    const Finding f = hosts({"www.example.com", "example.com"});
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "2 host names are covered")) << f.message;
    EXPECT_FALSE(f.hint.has_value());
    // DNS names compare without regard to case.
    EXPECT_EQ(hosts({"WWW.Example.COM"}).status, Status::Pass);
}

TEST(HostMatch, WildcardCoversExactlyOneLeftmostLabel) {
    EXPECT_EQ(hosts({"a.api.example.com"}).status, Status::Pass);
    EXPECT_EQ(hosts({"xn--bcher-kva.api.example.com"}).status, Status::Pass);

    const Finding bare = hosts({"api.example.com"});
    EXPECT_EQ(bare.status, Status::Error);
    EXPECT_TRUE(has(bare.message, "api.example.com not covered")) << bare.message;

    const Finding deep = hosts({"x.y.api.example.com"});
    EXPECT_EQ(deep.status, Status::Error);
    EXPECT_TRUE(has(deep.message, "x.y.api.example.com")) << deep.message;

    // The wildcard is only in *.api: it does not cover other subdomains of example.com.
    EXPECT_EQ(hosts({"a.example.com"}).status, Status::Error);
}

TEST(HostMatch, FailsOnAMissingNameListingTheSan) {
    const Finding f = hosts({"www.example.com", "shop.example.org"});
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_EQ(f.line, 1);
    EXPECT_TRUE(has(f.message, "shop.example.org not covered")) << f.message;
    EXPECT_EQ(f.message.substr(0, f.message.find(" not covered")), "shop.example.org") << f.message;  // only the missing one
    EXPECT_TRUE(has(f.message, "www.example.com, example.com, *.api.example.com")) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "subjectAltName")) << *f.hint;
}

TEST(HostMatch, TrailingDotIsTheSameName) {
    EXPECT_EQ(hosts({"www.example.com.", "a.api.example.com."}).status, Status::Pass);
    const Finding twice = hosts({"www.example.com.."});
    EXPECT_EQ(twice.status, Status::Error);
    EXPECT_TRUE(has(twice.message, "www.example.com.. (a name with an empty label)")) << twice.message;
    EXPECT_EQ(hosts({"shop.example.com."}).status, Status::Error);
}

TEST(HostMatch, UnicodeNamesMatchAsALabels) {
    // *.api.example.com covers the A-label of bücher.api.example.com, given in Unicode or upper case.
    EXPECT_EQ(hosts({"bücher.api.example.com"}).status, Status::Pass);
    EXPECT_EQ(hosts({"BÜCHER.api.example.com."}).status, Status::Pass);
    const Finding other = hosts({"bücher.example.com"});
    EXPECT_EQ(other.status, Status::Error);
    EXPECT_TRUE(has(other.message, "bücher.example.com (xn--bcher-kva.example.com) not covered")) << other.message;
    // Not a valid IDN (a label of a disallowed code point): named with libidn2's reason.
    const Finding bad = hosts({"a\u2488.api.example.com"});
    EXPECT_EQ(bad.status, Status::Error);
    EXPECT_TRUE(has(bad.message, "not a valid internationalised domain name")) << bad.message;
}

TEST(HostMatch, ListsEveryMissingName) {
    const Finding f = hosts({"one.example.net", "www.example.com", "two.example.net"});
    EXPECT_EQ(f.status, Status::Error);
    EXPECT_TRUE(has(f.message, "one.example.net, two.example.net not covered")) << f.message;
}

TEST(HostMatch, ChecksTheBodyNotTheChain) {
    // self-signed.pem names selfsigned.example.com; leaf.pem does not, whatever chain comes with it.
    EXPECT_EQ(hosts({"selfsigned.example.com"}, fixture("self-signed.pem")).status, Status::Pass);
    Request r;
    r.hosts.emplace_back("selfsigned.example.com");
    const Material m = load(fixture("leaf.pem"), std::nullopt, fixture("self-signed.pem"), r);
    EXPECT_EQ(run_rule("host-match", m).status, Status::Error);
}

TEST(HostMatch, IpAddressesMatchIpSansOnly) {
    // leaf.pem has no IP SAN.
    const Finding none = hosts({"192.0.2.10"});
    EXPECT_EQ(none.status, Status::Error);
    EXPECT_TRUE(has(none.message, "192.0.2.10")) << none.message;
    EXPECT_EQ(hosts({"2001:db8::1"}).status, Status::Error);

    if (!corpora_available()) GTEST_SKIP() << "shared corpora not available";
    // BoringSSL's multi-root-A-by-B.pem: an RSA key block, then a certificate with SAN IP:127.0.0.1.
    const std::string file = read_file(corpus("boringssl-pki/path_builder/multi-root-A-by-B.pem"));
    const std::string begin = "-----BEGIN CERTIFICATE-----";
    const std::string end = "-----END CERTIFICATE-----\n";
    const auto from = file.find(begin);
    ASSERT_NE(from, std::string::npos);
    const std::string cert = file.substr(from, file.find(end, from) + end.size() - from);
    auto ip = [&](const char* host) {
        Request r;
        r.hosts.emplace_back(host);
        return run_rule("host-match", load_bytes(cert, std::nullopt, std::nullopt, r));
    };
    EXPECT_EQ(ip("127.0.0.1").status, Status::Pass) << ip("127.0.0.1").message;
    EXPECT_EQ(ip("127.0.0.2").status, Status::Error);
    EXPECT_EQ(ip("::1").status, Status::Error);
}

// `openssl req -x509` with the given subjectAltName (or none), as a Material asked about `host`.
Finding req_x509(const TempDir& dir, const std::string& san, const char* host) {
    std::vector<std::string> argv{"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                  "-keyout", dir.path() + "/k.pem", "-out", dir.path() + "/c.pem", "-days", "30", "-subj", "/CN=10.0.0.1"};
    if (!san.empty()) argv.insert(argv.end(), {"-addext", "subjectAltName=" + san});
    const RunResult made = run_program(argv);
    EXPECT_EQ(made.exit_code, 0) << made.err;
    Request r;
    r.hosts.emplace_back(host);
    return run_rule("host-match", load(dir.path() + "/c.pem", std::nullopt, std::nullopt, r));
}

TEST(HostMatch, AFailureListsTheIpSansAndSaysWhenThereIsNoSanAtAll) {
    TempDir dir;
    // The CN is an address, the SANs are others: the message lists the ones it has.
    const Finding ip = req_x509(dir, "IP:127.0.0.1,IP:::1", "10.0.0.1");
    EXPECT_EQ(ip.status, Status::Error);
    EXPECT_TRUE(has(ip.message, "10.0.0.1 not covered by CN=10.0.0.1 (its DNS names: no DNS names; its IP addresses: 127.0.0.1, "))
        << ip.message;
    // An IPv6 address as a URL writes it is that address.
    EXPECT_EQ(req_x509(dir, "IP:127.0.0.1,IP:::1", "[::1]").status, Status::Pass);
    // No subjectAltName: the CN is not matched, and the message says why.
    const Finding cn = req_x509(dir, "", "10.0.0.1");
    EXPECT_EQ(cn.status, Status::Error);
    EXPECT_TRUE(has(cn.message, "(its DNS names: none: it has no subjectAltName extension, and clients do not match the subject CN)"))
        << cn.message;
}

TEST(HostMatch, NotApplicableWithoutHostsOrABody) {
    const Finding f = run_rule("host-match", load(fixture("leaf.pem")));
    EXPECT_EQ(f.status, Status::NotApplicable);
    EXPECT_TRUE(has(f.message, "no --host")) << f.message;
    EXPECT_EQ(hosts({"www.example.com"}, fixture("garbage.bin")).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
