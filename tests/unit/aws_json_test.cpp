// parse_aws_json: the aws CLI's shapes, both timestamp styles, and what is refused.
#include <gtest/gtest.h>

#include "aws_json/aws_json.hpp"
#include "certcheck/load.hpp"

namespace certcheck {
namespace {

TEST(AwsJsonParse, TimestampsAsIsoStringsOrEpochSeconds) {
    const auto v2 = parse_aws_json(R"({"ServerCertificateMetadataList": [{"ServerCertificateName": "a", "Arn": "arn:x",
        "Expiration": "2030-01-20T00:00:00+00:00"}, {"Arn": "arn:only", "Expiration": "2031-05-08T01:02:03.004Z"}]})",
                                   "l.json");
    ASSERT_EQ(v2.size(), 2u);
    EXPECT_EQ(v2[0].name, "a");
    EXPECT_EQ(v2[0].not_after, std::time_t{1895097600});
    EXPECT_EQ(v2[1].name, "arn:only");
    EXPECT_EQ(v2[1].origin, "l.json#ServerCertificateMetadataList[1]");
    EXPECT_FALSE(v2[0].body.has_value());
    const auto v1 = parse_aws_json(R"({"Certificate": {"CertificateArn": "arn:aws:acm:r:1:certificate/x", "NotBefore": 1735689600.0,
        "NotAfter": 1893888000.5}})",
                                   "d.json");
    ASSERT_EQ(v1.size(), 1u);
    EXPECT_EQ(v1[0].not_before, std::time_t{1735689600});
    EXPECT_EQ(v1[0].not_after, std::time_t{1893888000});
    EXPECT_EQ(v1[0].command, "aws acm describe-certificate");
}

TEST(AwsJsonParse, RefusedWithTheFileNamed) {
    EXPECT_THROW((void)parse_aws_json("[1, 2]", "x.json"), InputError);
    EXPECT_THROW((void)parse_aws_json(R"({"ServerCertificate": {"ServerCertificateMetadata": {}}})", "x.json"), InputError);
    EXPECT_THROW((void)parse_aws_json(R"({"ServerCertificateMetadataList": [{"Expiration": "soon"}]})", "x.json"), InputError);
    EXPECT_THROW((void)parse_aws_json(R"({"Certificate": {"NotAfter": 1e300}})", "x.json"), InputError);
    try {
        (void)parse_aws_json("{", "bad.json");
        FAIL() << "no throw";
    } catch (const InputError& e) {
        EXPECT_NE(std::string{e.what()}.find("bad.json: not JSON"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace certcheck
