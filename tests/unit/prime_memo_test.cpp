// Key loading's primality memo and Miller-Rabin bases (src/weak/prime_memo.cpp): a remembered
// factor skips the test, nothing else does, and a key with a composite factor is refused however
// many good keys were loaded before it.
#include <openssl/bn.h>

#include <gtest/gtest.h>

#include "support/forge.hpp"
#include "support/support.hpp"
#include "weak/prime_memo.hpp"

namespace certcheck::test {
namespace {

struct Bn {
    BIGNUM* v = BN_new();
    ~Bn() { BN_free(v); }
    Bn() = default;
    Bn(const Bn&) = delete;
    Bn& operator=(const Bn&) = delete;
};

TEST(PrimeMemo, RemembersOnlyWhatWasRecorded) {
    Bn p, other;
    ASSERT_EQ(BN_generate_prime_ex(p.v, 256, 0, nullptr, nullptr, nullptr), 1);
    ASSERT_NE(BN_copy(other.v, p.v), nullptr);
    ASSERT_EQ(BN_add_word(other.v, 2), 1);
    EXPECT_FALSE(weak::remembered_prime(p.v));
    weak::remember_prime(p.v);
    EXPECT_TRUE(weak::remembered_prime(p.v));
    EXPECT_FALSE(weak::remembered_prime(other.v));  // same length, different bytes
}

TEST(PrimeMemo, RandomBasesStayBelowTheRangeAndVary) {
    Bn range, b, first;
    BN_CTX* ctx = BN_CTX_new();
    ASSERT_EQ(BN_set_word(range.v, 1000003), 1);
    ASSERT_TRUE(weak::random_below(first.v, range.v, ctx));
    bool varied = false;
    for (int i = 0; i < 64; ++i) {
        ASSERT_TRUE(weak::random_below(b.v, range.v, ctx));
        EXPECT_FALSE(BN_is_negative(b.v));
        EXPECT_LT(BN_cmp(b.v, range.v), 0);
        varied = varied || BN_cmp(b.v, first.v) != 0;
    }
    EXPECT_TRUE(varied);
    BN_zero(range.v);
    EXPECT_FALSE(weak::random_below(b.v, range.v, ctx));
    BN_CTX_free(ctx);
}

TEST(PrimeMemo, AGoodKeyLoadedTwiceThenACompositeFactorIsStillRefused) {
    const std::string cert = read_file(fixture("leaf.pem"));
    const std::string key = read_file(fixture("leaf.key"));
    for (int i = 0; i < 2; ++i) {
        const Finding f = run_rule("key-pem", load_bytes(cert, key));
        EXPECT_EQ(f.status, Status::Pass) << f.message;
    }
    const Finding bad = run_rule("key-pem", load_bytes(cert, forge::bad_rsa_private_pem(2048, true)));
    EXPECT_EQ(bad.status, Status::Error) << bad.message;
    EXPECT_NE(bad.message.find("is not prime"), std::string::npos) << bad.message;
}

}  // namespace
}  // namespace certcheck::test
