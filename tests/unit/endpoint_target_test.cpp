// parse_target: the target forms certcheck endpoint accepts, and the ones it refuses with a reason.
#include <gtest/gtest.h>

#include "endpoint/endpoint.hpp"

namespace certcheck {
namespace {

EndpointTarget parsed(std::string_view text) {
    std::string why;
    auto t = parse_target(text, why);
    EXPECT_TRUE(t.has_value()) << text << ": " << why;
    return t.value_or(EndpointTarget{});
}

std::string refused(std::string_view text) {
    std::string why;
    EXPECT_FALSE(parse_target(text, why).has_value()) << text;
    return why;
}

TEST(EndpointTarget, Forms) {
    EXPECT_EQ(parsed("example.com").label(), "example.com:443");
    EXPECT_EQ(parsed("example.com:8443").port, 8443);
    EXPECT_EQ(parsed("127.0.0.1:8443").label(), "127.0.0.1:8443");
    EXPECT_TRUE(parsed("127.0.0.1").ip_literal);
    EXPECT_EQ(parsed("[::1]:8443").label(), "[::1]:8443");
    EXPECT_EQ(parsed("[::1]").port, 443);
    EXPECT_EQ(parsed("::1").host, "::1");
    EXPECT_EQ(parsed("https://www.example.com/path?q=1").label(), "www.example.com:443");
    EXPECT_EQ(parsed("HTTPS://www.example.com:444").port, 444);
    EXPECT_FALSE(parsed("www.example.com").ip_literal);
}

TEST(EndpointTarget, NameAtTargetSendsThatNameToThatAddress) {
    const EndpointTarget t = parsed("www.example.com@10.0.0.7:8443");
    EXPECT_EQ(t.host, "10.0.0.7");
    EXPECT_EQ(t.port, 8443);
    EXPECT_TRUE(t.ip_literal);
    EXPECT_EQ(t.servername, "www.example.com");
    EXPECT_EQ(t.label(), "www.example.com@10.0.0.7:8443");
    EXPECT_EQ(t.text, "www.example.com@10.0.0.7:8443");
    EXPECT_EQ(parsed("www.example.com@[::1]:443").label(), "www.example.com@[::1]:443");
    EXPECT_EQ(parsed("www.example.com@https://lb.example.net/x").host, "lb.example.net");
    // The target's own name wins over --servername; without one, --servername, then the host.
    TlsSettings settings;
    settings.servername = "other.example.com";
    EXPECT_EQ(server_name(t, settings), "www.example.com");
    EXPECT_EQ(server_name(parsed("10.0.0.7"), settings), "other.example.com");
    EXPECT_EQ(server_name(parsed("shop.example.com"), TlsSettings{}), "shop.example.com");
    EXPECT_FALSE(parsed("10.0.0.7").servername.has_value());
}

TEST(EndpointTarget, RefusedWithAReason) {
    EXPECT_NE(refused("http://example.com").find("https://"), std::string::npos);
    EXPECT_NE(refused("example.com:0").find("port"), std::string::npos);
    EXPECT_NE(refused("example.com:99999").find("port"), std::string::npos);
    EXPECT_NE(refused("example.com:").find("port"), std::string::npos);
    EXPECT_NE(refused("[::1").find(']'), std::string::npos);
    EXPECT_NE(refused("[example.com]:443").find("IPv6"), std::string::npos);
    EXPECT_NE(refused("a:b:c").find("[::1]"), std::string::npos);
    EXPECT_NE(refused("").find("host"), std::string::npos);
    EXPECT_NE(refused("https://user@example.com").find("user"), std::string::npos);
    EXPECT_NE(refused("exa mple.com").find("character"), std::string::npos);
    EXPECT_NE(refused("@10.0.0.7").find("nothing before '@'"), std::string::npos);
    EXPECT_NE(refused("10.0.0.1@10.0.0.7").find("RFC 6066"), std::string::npos);
    EXPECT_NE(refused("a b@10.0.0.7").find("before '@'"), std::string::npos);
    EXPECT_NE(refused("a@b@10.0.0.7").find("more than one"), std::string::npos);
    EXPECT_NE(refused("www.example.com@").find("host"), std::string::npos);
}

}  // namespace
}  // namespace certcheck
