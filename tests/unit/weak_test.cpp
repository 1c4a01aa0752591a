// src/weak: each single-key test on keys built here with the weakness (and on ordinary keys as
// controls), and batch GCD against pairwise GCD on sets with shared primes planted.
#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/obj_mac.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/weak_keys.hpp"
#include "weak/weak.hpp"

namespace certcheck::test {
namespace {

std::string bytes(const BIGNUM* b) {
    std::string out(static_cast<std::size_t>(BN_num_bytes(b)), '\0');
    BN_bn2bin(b, reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

const std::string kE65537("\x01\x00\x01", 3);

std::optional<weak::Weakness> rsa(const BIGNUM* p, const BIGNUM* q, const std::string& e = kE65537) {
    const Bn n = bn_mul(p, q);
    return weak::rsa_weakness(bytes(n.get()), e);
}

TEST(WeakRsa, OrdinaryKeysPass) {
    for (int i = 0; i < 4; ++i) {
        const Bn p = random_prime(1024);
        const Bn q = random_prime(1024);
        const auto w = rsa(p.get(), q.get());
        EXPECT_FALSE(w.has_value()) << w->text;
        EXPECT_FALSE(weak::roca_fingerprint(bytes(bn_mul(p.get(), q.get()).get())));
    }
}

TEST(WeakRsa, SmallFactorFoundByTrialDivision) {
    const Bn big = random_prime(2000);
    for (unsigned long f : {3UL, 9973UL}) {  // the smallest odd prime and the largest below the bound
        const Bn small = bn_word(f);
        const auto w = rsa(big.get(), small.get());
        ASSERT_TRUE(w.has_value()) << f;
        EXPECT_EQ(w->kind, weak::Kind::SmallFactor) << w->text;
        EXPECT_NE(w->text.find("below 10000"), std::string::npos) << w->text;
        if (f > 1000) {
            EXPECT_EQ(w->text.find(std::to_string(f)), std::string::npos) << "a factor is private: " << w->text;
        }
    }
    // 10007 is above the bound: not trial division's to find (it is not a weakness it claims).
    const Bn above = bn_word(10007);
    const auto w = rsa(big.get(), above.get());
    EXPECT_TRUE(!w.has_value() || w->kind != weak::Kind::SmallFactor);
}

TEST(WeakRsa, EvenOrTinyModulusIsMalformed) {
    const Bn p = random_prime(1024);
    const Bn two = bn_word(2);
    auto w = rsa(p.get(), two.get());
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->kind, weak::Kind::MalformedModulus);
    EXPECT_NE(w->text.find("even"), std::string::npos);
    w = weak::rsa_weakness(std::string(1, '\x01'), kE65537);
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->kind, weak::Kind::MalformedModulus);
}

TEST(WeakRsa, ExponentOneOrEvenIsBad) {
    const Bn p = random_prime(1024);
    const Bn q = random_prime(1024);
    for (const std::string& e : {std::string(1, '\x01'), std::string(1, '\x02'), std::string("\x01\x00\x00", 3)}) {
        const auto w = rsa(p.get(), q.get(), e);
        ASSERT_TRUE(w.has_value());
        EXPECT_EQ(w->kind, weak::Kind::BadExponent) << w->text;
    }
    EXPECT_FALSE(rsa(p.get(), q.get(), std::string(1, '\x03')).has_value());
}

TEST(WeakRsa, FermatClosePrimesWithinTheBoundAreFound) {
    const Bn p = random_prime(1024);
    // Steps needed ~ (q - p)^2 / (8 sqrt(n)): a gap of 2^516 needs ~32 steps, 2^520 ~8,000.
    for (int gap_bits : {40, 516}) {
        const Bn q = prime_after(p.get(), gap_bits);
        const auto w = rsa(p.get(), q.get());
        ASSERT_TRUE(w.has_value()) << gap_bits;
        EXPECT_EQ(w->kind, weak::Kind::FermatClose) << w->text;
        EXPECT_NE(w->text.find("Fermat"), std::string::npos) << w->text;
    }
    const Bn far = prime_after(p.get(), 520);
    EXPECT_FALSE(rsa(p.get(), far.get()).has_value()) << "beyond the stated bound of " << weak::kFermatSteps << " steps";
    const auto square = rsa(p.get(), p.get());
    ASSERT_TRUE(square.has_value());
    EXPECT_EQ(square->kind, weak::Kind::FermatClose);
    EXPECT_NE(square->text.find("square"), std::string::npos) << square->text;
}

TEST(WeakRsa, RocaFormPrimesHaveTheFingerprint) {
    const Bn p = roca_prime(1024);
    const Bn q = roca_prime(1024);
    const Bn n = bn_mul(p.get(), q.get());
    EXPECT_TRUE(weak::roca_fingerprint(bytes(n.get())));
    const auto w = weak::rsa_weakness(bytes(n.get()), kE65537);
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->kind, weak::Kind::Roca) << w->text;
    EXPECT_NE(w->text.find("CVE-2017-15361"), std::string::npos);
    // One ROCA-form prime times an ordinary one is not the fingerprint.
    const Bn r = random_prime(1024);
    EXPECT_FALSE(weak::roca_fingerprint(bytes(bn_mul(p.get(), r.get()).get())));
    // 512-bit keys (M of 39 primes) carry it as well.
    const Bn p5 = roca_prime(256, 39);
    const Bn q5 = roca_prime(256, 39);
    EXPECT_TRUE(weak::roca_fingerprint(bytes(bn_mul(p5.get(), q5.get()).get())));
}

TEST(WeakEc, ValidPointsPassAndBrokenOnesFail) {
    for (int nid : {NID_X9_62_prime256v1, NID_secp384r1}) {
        std::string point = ec_point(nid);
        EXPECT_FALSE(weak::ec_weakness(nid, point).has_value());
        point.back() = static_cast<char>(point.back() ^ 1);  // y changed: off the curve
        const auto w = weak::ec_weakness(nid, point);
        ASSERT_TRUE(w.has_value());
        EXPECT_EQ(w->kind, weak::Kind::EcNotOnCurve) << w->text;
    }
    const auto inf = weak::ec_weakness(NID_X9_62_prime256v1, std::string(1, '\0'));
    ASSERT_TRUE(inf.has_value());
    EXPECT_EQ(inf->kind, weak::Kind::EcSmallOrder);
    EXPECT_TRUE(weak::ec_weakness(NID_X9_62_prime256v1, "").has_value());
}

TEST(WeakEc, PointOfOrderTwoOnACurveWithCofactorTwo) {
    // sect163k1 (y^2 + xy = x^3 + x^2 + 1, cofactor 2): (0, 1) is its own negative, order 2.
    std::string point(1 + 2 * 21, '\0');
    point[0] = '\x04';
    point.back() = '\x01';
    const auto w = weak::ec_weakness(NID_sect163k1, point);
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->kind, weak::Kind::EcSmallOrder) << w->text;
    EXPECT_FALSE(weak::ec_weakness(NID_sect163k1, ec_point(NID_sect163k1)).has_value());
}

// Pairwise GCD: the reference batch GCD must agree with.
std::vector<bool> naive(const std::vector<std::string>& moduli) {
    std::vector<bool> out(moduli.size(), false);
    Bn g{BN_new()};
    BN_CTX* ctx = BN_CTX_new();
    for (std::size_t i = 0; i < moduli.size(); ++i) {
        for (std::size_t j = 0; j < moduli.size(); ++j) {
            if (i == j) continue;
            Bn a{BN_bin2bn(reinterpret_cast<const unsigned char*>(moduli[i].data()), static_cast<int>(moduli[i].size()), nullptr)};
            Bn b{BN_bin2bn(reinterpret_cast<const unsigned char*>(moduli[j].data()), static_cast<int>(moduli[j].size()), nullptr)};
            BN_gcd(g.get(), a.get(), b.get(), ctx);
            if (!BN_is_one(g.get())) out[i] = true;
        }
    }
    BN_CTX_free(ctx);
    return out;
}

TEST(BatchGcd, FewModuliAreNeverFlagged) {
    EXPECT_TRUE(weak::batch_gcd({}).empty());
    const Bn p = random_prime(256);
    const Bn q = random_prime(256);
    EXPECT_EQ(weak::batch_gcd({bytes(bn_mul(p.get(), q.get()).get())}), std::vector<bool>{false});
}

TEST(BatchGcd, AgreesWithPairwiseGcdOnPlantedSharedPrimes) {
    std::vector<Bn> primes;
    primes.reserve(40);
    for (int i = 0; i < 40; ++i) primes.push_back(random_prime(512));
    std::mt19937 rng(7);
    for (const std::size_t count : {2U, 3U, 5U, 17U, 33U}) {
        std::vector<std::string> moduli;
        // Distinct pairs, most fresh, some reusing a prime of an earlier modulus.
        std::vector<std::pair<std::size_t, std::size_t>> used;
        std::size_t fresh = 0;
        for (std::size_t i = 0; i < count; ++i) {
            std::size_t a = fresh++ % primes.size();
            std::size_t b = fresh++ % primes.size();
            if (i % 4 == 3 && !used.empty()) a = used[rng() % used.size()].first;  // a shared prime
            if (a == b) continue;
            used.emplace_back(a, b);
            moduli.push_back(bytes(bn_mul(primes[a].get(), primes[b].get()).get()));
        }
        const auto expected = naive(moduli);
        EXPECT_EQ(weak::batch_gcd(moduli, 1), expected) << count;
        EXPECT_EQ(weak::batch_gcd(moduli, 2), expected) << count;
        const auto partners = weak::shared_prime_partners(moduli, 2);
        for (std::size_t i = 0; i < moduli.size(); ++i) {
            EXPECT_EQ(partners[i].has_value(), expected[i]) << i;
            if (partners[i]) {
                EXPECT_NE(*partners[i], i);
                EXPECT_EQ(naive({moduli[i], moduli[*partners[i]]}), (std::vector<bool>{true, true}));
            }
        }
    }
}

TEST(BatchGcd, LargerSetsOnAnyNumberOfThreads) {
    // Past 32 moduli the tree stores its upper nodes and splits its halves over threads: planted
    // pairs at both ends and across the middle, every thread count giving the same answer.
    std::vector<Bn> primes;
    primes.reserve(300);
    for (int i = 0; i < 300; ++i) primes.push_back(random_prime(128));
    for (const std::size_t count : {33U, 64U, 65U, 141U}) {
        std::vector<std::string> moduli;
        for (std::size_t i = 0; i < count; ++i) moduli.push_back(bytes(bn_mul(primes[2 * i].get(), primes[2 * i + 1].get()).get()));
        // 0 shares with count - 1, 1 with count / 2, and count / 2 + 1 with count / 2 + 2.
        moduli[0] = bytes(bn_mul(primes[2 * (count - 1)].get(), primes[299].get()).get());
        moduli[1] = bytes(bn_mul(primes[2 * (count / 2)].get(), primes[298].get()).get());
        moduli[count / 2 + 1] = bytes(bn_mul(primes[2 * (count / 2 + 2) + 1].get(), primes[297].get()).get());
        std::vector<bool> expected(count, false);
        for (const std::size_t i : {std::size_t{0}, count - 1, std::size_t{1}, count / 2, count / 2 + 1, count / 2 + 2}) expected[i] = true;
        ASSERT_EQ(naive(moduli), expected) << count;
        for (const unsigned threads : {1U, 2U, 3U, 4U}) EXPECT_EQ(weak::batch_gcd(moduli, threads), expected) << count << " " << threads;
        const auto partners = weak::shared_prime_partners(moduli, 2);
        EXPECT_EQ(partners[0], std::optional<std::size_t>{count - 1});
        EXPECT_EQ(partners[count - 1], std::optional<std::size_t>{0});
        EXPECT_EQ(partners[1], std::optional<std::size_t>{count / 2});
        EXPECT_EQ(partners[count / 2 + 2], std::optional<std::size_t>{count / 2 + 1});
    }
}

TEST(BatchGcd, AModulusMadeOfTwoSharedPrimesIsFlagged) {
    // n3 = p * q shares both primes: gcd(n3, P / n3) = n3 itself, still > 1.
    const Bn p = random_prime(512), q = random_prime(512), r = random_prime(512), s = random_prime(512);
    const std::vector<std::string> moduli{bytes(bn_mul(p.get(), r.get()).get()), bytes(bn_mul(q.get(), s.get()).get()),
                                          bytes(bn_mul(p.get(), q.get()).get())};
    EXPECT_EQ(weak::batch_gcd(moduli), (std::vector<bool>{true, true, true}));
    const auto partners = weak::shared_prime_partners(moduli);
    EXPECT_EQ(partners[0], std::optional<std::size_t>{2});
    EXPECT_EQ(partners[1], std::optional<std::size_t>{2});
    EXPECT_EQ(partners[2], std::optional<std::size_t>{0});
}

// The scan's pass over the walk's directories (read in place, by name in each): two certificates
// in different directories sharing a prime are paired with each other whatever else is listed (a
// directory, a FIFO with no writer, a missing file: read nothing, no hang), and the same key in
// two files is not a weakness.
TEST(ScanModuli, FilesSharingAPrimeArePairedAndUnreadableOnesSkipped) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                      ("certcheck-scan-moduli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "sub");
    const Bn p = random_prime(1024);
    const Bn q = random_prime(1024);
    const Bn r = random_prime(1024);
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    };
    const std::string a = write("a.pem", rsa_cert_pem("a", bn_mul(p.get(), q.get()).get(), bn_word(65537).get()));
    const std::string a_copy = write("sub/a-copy.pem", rsa_cert_pem("a copy", bn_mul(p.get(), q.get()).get(), bn_word(65537).get()));
    const std::string b = write("sub/b.pem", rsa_cert_pem("b", bn_mul(p.get(), r.get()).get(), bn_word(65537).get()));
    const std::string fifo = (dir / "fifo").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::vector<scan::Directory> walked(2);
    walked[0].path = dir.string();
    walked[0].names = {"sub", "fifo", "a.pem", "missing"};
    walked[1].path = (dir / "sub").string();
    walked[1].names = {"a-copy.pem", "b.pem"};
    const weak::SharedPrimes shared = weak::shared_primes_in_files(walked, 2);
    ASSERT_EQ(shared.size(), 2U);
    EXPECT_EQ(shared.at(bytes(bn_mul(p.get(), q.get()).get())), b);
    EXPECT_EQ(shared.at(bytes(bn_mul(p.get(), r.get()).get())), a);  // the first file holding it
    EXPECT_EQ(weak::shared_primes_in_files(std::vector<std::string>{a, a_copy}).size(), 0U);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace certcheck::test
