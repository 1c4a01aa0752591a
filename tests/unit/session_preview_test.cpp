// The Roles Anywhere session preview on real certificates: subject/issuer/SAN tags, repeated
// RDNs joined with '/', the first SAN of each kind, dropped values, source identity and the
// default session name.
#include <gtest/gtest.h>

#include <cctype>
#include <map>

#include <openssl/bn.h>

#include "certcheck/rolesanywhere.hpp"
#include "support/roles_anywhere.hpp"
#include "support/support.hpp"

namespace certcheck::test {
namespace {

SessionPreview preview(const std::string& cert) {
    const Material m = load(cert);
    if (m.leaf() == nullptr) {
        ADD_FAILURE() << cert << " has no certificate";
        return {};
    }
    return preview_session(m.leaf()->x509.get());
}

std::map<std::string, std::string> kept(const SessionPreview& p) {
    std::map<std::string, std::string> out;
    for (const auto& t : p.tags) {
        if (!t.dropped) out[t.key] = t.value;
    }
    return out;
}

TEST(SessionPreview, MapsSubjectIssuerAndTheFirstSanOfEachKind) {
    const SessionPreview p = preview(pfixture("ra-leaf.pem"));
    const auto tags = kept(p);
    EXPECT_EQ(tags.at("x509Subject/CN"), "ra-client.example.com");
    EXPECT_EQ(tags.at("x509Subject/OU"), "Security/Engineering/Research");
    EXPECT_EQ(tags.at("x509Subject/O"), "certcheck tests");
    EXPECT_EQ(tags.at("x509Subject/C"), "US");
    EXPECT_EQ(tags.at("x509Issuer/CN"), "certcheck Test Intermediate CA");
    EXPECT_EQ(tags.at("x509SAN/DNS"), "ra-client.example.com");
    EXPECT_EQ(tags.at("x509SAN/URI"), "spiffe://example.com/workload/a");
    EXPECT_EQ(tags.at("x509SAN/Name/CN"), "dir-name");
    EXPECT_EQ(tags.at("x509SAN/Name/O"), "Dir Org");
    EXPECT_EQ(tags.size(), 11u) << "IP and email SANs are not mapped; only the first DNS and URI";
    EXPECT_EQ(p.source_identity, "CN=ra-client.example.com");
    EXPECT_FALSE(p.source_identity_note.has_value());
}

TEST(SessionPreview, SessionNameIsTheSerialInHex) {
    const Material m = load(pfixture("ra-leaf.pem"));
    ASSERT_NE(m.leaf(), nullptr);
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(m.leaf()->x509.get()), nullptr);
    char* hex = BN_bn2hex(bn);
    std::string expected = hex;
    OPENSSL_free(hex);
    BN_free(bn);
    for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (expected.size() % 2 != 0) expected = "0" + expected;
    EXPECT_EQ(preview_session(m.leaf()->x509.get()).session_name, expected);
}

TEST(SessionPreview, NoCnGivesAnIdSourceIdentity) {
    const SessionPreview p = preview(pfixture("ra-empty-subject.pem"));
    EXPECT_EQ(p.source_identity, "ID=" + p.session_name);
    EXPECT_EQ(p.session_name.size() % 2, 0u);
    EXPECT_EQ(kept(p).count("x509Subject/CN"), 0u);
}

TEST(SessionPreview, ACnOf62To64CharactersIsUsedBare) {
    const SessionPreview p = preview(pfixture("ra-cn63.pem"));
    EXPECT_EQ(p.source_identity.size(), 63u);
    EXPECT_EQ(p.source_identity.rfind("CN=", 0), std::string::npos);
}

TEST(SessionPreview, FlagsValuesAwsDrops) {
    const SessionPreview p = preview(pfixture("ra-badtags.pem"));
    std::map<std::string, const SessionTag*> by_key;
    for (const auto& t : p.tags) by_key[t.key] = &t;
    ASSERT_TRUE(by_key.count("x509Subject/OU"));
    EXPECT_TRUE(by_key["x509Subject/OU"]->dropped);
    EXPECT_NE(by_key["x509Subject/OU"]->why_dropped.find("'&'"), std::string::npos);
    ASSERT_TRUE(by_key.count("x509SAN/URI"));
    EXPECT_TRUE(by_key["x509SAN/URI"]->dropped);
    EXPECT_NE(by_key["x509SAN/URI"]->why_dropped.find("over the 256-character limit"), std::string::npos);
    EXPECT_FALSE(by_key["x509Subject/CN"]->dropped);
}

TEST(SessionPreview, TagValuePattern) {
    EXPECT_TRUE(valid_tag_value(""));
    EXPECT_TRUE(valid_tag_value("a-Z_0.9:/=+@ "));
    EXPECT_TRUE(valid_tag_value("Zürich"));
    EXPECT_TRUE(valid_tag_value("東京"));
    EXPECT_FALSE(valid_tag_value("a,b"));
    EXPECT_FALSE(valid_tag_value("a*b"));
    EXPECT_FALSE(valid_tag_value("tab\there"));
    EXPECT_FALSE(valid_tag_value("\xff"));
    EXPECT_FALSE(valid_tag_value("price €"));
    EXPECT_TRUE(valid_tag_value(std::string(256, 'a')));
    EXPECT_FALSE(valid_tag_value(std::string(257, 'a')));
}

TEST(SessionPreview, ConditionContextHoldsKeptTagsAndTheArn) {
    const SessionPreview p = preview(pfixture("ra-badtags.pem"));
    const ConditionContext c = condition_context(p, std::string{kTestAnchorArn});
    EXPECT_EQ(c.find("aws:PrincipalTag/x509Subject/OU"), nullptr) << "a dropped tag is absent";
    ASSERT_NE(c.find("aws:principaltag/x509subject/cn"), nullptr);
    ASSERT_NE(c.find("aws:SourceAccount"), nullptr);
    EXPECT_EQ(c.find("aws:SourceAccount")->front(), "123456789012");
    EXPECT_EQ(condition_context(p, std::nullopt).find("aws:SourceArn"), nullptr);
}

const UnmappedValue* unmapped(const SessionPreview& p, const std::string& key) {
    for (const auto& u : p.unmapped) {
        if (u.key == "aws:PrincipalTag/" + key) return &u;
    }
    return nullptr;
}

TEST(SessionPreview, DefaultMappingRecordsTheSansItDoesNotMap) {
    const SessionPreview p = preview(pfixture("ra-leaf.pem"));
    EXPECT_EQ(p.mapping, "default attribute mapping");
    const UnmappedValue* dns = unmapped(p, "x509SAN/DNS");
    ASSERT_NE(dns, nullptr);
    EXPECT_EQ(dns->value, "second.example.com");
    EXPECT_EQ(dns->why, "Roles Anywhere maps only the first DNS SAN");
    ASSERT_NE(unmapped(p, "x509SAN/URI"), nullptr);
    EXPECT_EQ(unmapped(p, "x509SAN/URI")->value, "spiffe://example.com/workload/b");
    ASSERT_NE(unmapped(p, "x509SAN/IP"), nullptr);
    EXPECT_EQ(unmapped(p, "x509SAN/IP")->value, "10.0.0.1");
    EXPECT_EQ(unmapped(p, "x509Subject/CN"), nullptr);
}

TEST(SessionPreview, ACustomMappingKeepsOnlyItsSpecifiers) {
    const AttributeMapping m = parse_attribute_mapping(
        R"({"profile":{"name":"p","attributeMappings":[
            {"certificateField":"x509Subject","mappingRules":[{"specifier":"CN"},{"specifier":"ou"}]},
            {"certificateField":"x509SAN","mappingRules":[{"specifier":"URI"},{"specifier":"Name/CN"}]}]}})",
        "mapping.json");
    const Material mat = load(pfixture("ra-leaf.pem"));
    ASSERT_NE(mat.leaf(), nullptr);
    const SessionPreview p = preview_session(mat.leaf()->x509.get(), &m);
    const auto tags = kept(p);
    EXPECT_EQ(tags.at("x509Subject/CN"), "ra-client.example.com");
    EXPECT_EQ(tags.at("x509Subject/OU"), "Security/Engineering/Research");
    EXPECT_EQ(tags.at("x509SAN/URI"), "spiffe://example.com/workload/a");
    EXPECT_EQ(tags.at("x509SAN/Name/CN"), "dir-name");
    EXPECT_EQ(tags.size(), 4u) << "no issuer field in the mapping: no issuer tags; no DNS, no Name/O";
    ASSERT_NE(unmapped(p, "x509SAN/DNS"), nullptr);
    EXPECT_EQ(unmapped(p, "x509SAN/DNS")->why, "the attribute mapping from mapping.json does not map x509SAN/DNS");
    ASSERT_NE(unmapped(p, "x509Issuer/CN"), nullptr);
    EXPECT_EQ(p.mapping, "attribute mapping from mapping.json");
    // The request follows the mapping: a condition on the removed tag sees no key.
    const ConditionContext c = condition_context(p, std::nullopt);
    EXPECT_EQ(c.find("aws:PrincipalTag/x509SAN/DNS"), nullptr);
    EXPECT_EQ(c.find("aws:PrincipalTag/x509Subject/O"), nullptr);
}

TEST(SessionPreview, AttributeMappingShapes) {
    EXPECT_EQ(parse_attribute_mapping(R"({"attributeMappings":[]})", "f").subject.size(), 0u);
    EXPECT_EQ(parse_attribute_mapping(R"([{"certificateField":"x509Issuer","mappingRules":[{"specifier":"*"}]}])", "f").issuer,
              std::vector<std::string>{"*"});
    for (const char* bad : {"", "{", "7", R"({"profile":{}})", R"([{"certificateField":"x509Foo","mappingRules":[]}])",
                            R"([{"certificateField":"x509SAN"}])", R"([{"certificateField":"x509SAN","mappingRules":[{"specifier":""}]}])",
                            R"([{"certificateField":"x509SAN","mappingRules":[{}]}])"}) {
        try {
            (void)parse_attribute_mapping(bad, "bad.json");
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const InputError& e) {
            EXPECT_TRUE(has(e.what(), "bad.json: not an attribute mapping")) << e.what();
        }
    }
    EXPECT_THROW((void)parse_attribute_mapping(std::string(100000, '[') + std::string(100000, ']'), "deep.json"), InputError);
    const std::string long_spec(61, 'A');
    EXPECT_THROW((void)parse_attribute_mapping(R"([{"certificateField":"x509Subject","mappingRules":[{"specifier":")" + long_spec + R"("}]}])", "f"),
                 InputError);
}

}  // namespace
}  // namespace certcheck::test
