// key-weak: pass (ordinary keys, fixtures and corpus keys), fail (each weakness, on certificates
// built here around crafted public keys: from the certificate alone, from the private key, from
// the chain, and shared primes within one subject), not-applicable (nothing to read a key from).
#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/obj_mac.h>

#include <filesystem>
#include <string>

#include "support/support.hpp"
#include "support/weak_keys.hpp"

namespace certcheck::test {
namespace {

Finding key_weak(const Material& m) { return run_rule("key-weak", m); }

std::string rsa_cert(const std::string& cn, const BIGNUM* p, const BIGNUM* q, unsigned long e = 65537) {
    const Bn n = bn_mul(p, q);
    const Bn eb = bn_word(e);
    return rsa_cert_pem(cn, n.get(), eb.get());
}

void expect_fail(const Finding& f, const std::string& part) {
    EXPECT_EQ(f.status, Status::Error) << f.message;
    EXPECT_TRUE(has(f.message, part)) << f.message;
    ASSERT_TRUE(f.hint.has_value());
    EXPECT_TRUE(has(*f.hint, "revoke")) << *f.hint;
    EXPECT_TRUE(has(*f.hint, "new key")) << *f.hint;
}

TEST(KeyWeak, PassesOnOrdinaryKeys) {
    const Finding f = key_weak(load(fixture("leaf.pem"), fixture("leaf.key"), fixture("chain.pem")));
    EXPECT_EQ(f.status, Status::Pass) << f.message;
    EXPECT_TRUE(has(f.message, "3 public keys")) << f.message;
    EXPECT_EQ(key_weak(load(fixture("ec-leaf.pem"), fixture("ec-leaf.key"))).status, Status::Pass);
    const Bn p = random_prime(1024);
    const Bn q = random_prime(1024);
    EXPECT_EQ(key_weak(load_bytes(rsa_cert("ordinary", p.get(), q.get()))).status, Status::Pass);
    EXPECT_EQ(key_weak(load_bytes(ec_cert_pem("ordinary-ec", NID_X9_62_prime256v1, ec_point(NID_X9_62_prime256v1)))).status,
              Status::Pass);
}

TEST(KeyWeak, FailsOnEachRsaWeaknessFromTheCertificateAlone) {
    const Bn p = random_prime(1024);
    const Bn q = random_prime(1024);
    const Bn big = random_prime(2040);
    const Bn small = bn_word(251);
    expect_fail(key_weak(load_bytes(rsa_cert("small", big.get(), small.get()))), "prime factor below 10000");
    const Bn close = prime_after(p.get(), 400);
    expect_fail(key_weak(load_bytes(rsa_cert("fermat", p.get(), close.get()))), "Fermat's method");
    const Bn rp = roca_prime(1024);
    const Bn rq = roca_prime(1024);
    expect_fail(key_weak(load_bytes(rsa_cert("roca", rp.get(), rq.get()))), "ROCA");
    const Bn two = bn_word(2);
    expect_fail(key_weak(load_bytes(rsa_cert("even", big.get(), two.get()))), "even");
    expect_fail(key_weak(load_bytes(rsa_cert("e1", p.get(), q.get(), 1))), "exponent is 1");
    expect_fail(key_weak(load_bytes(rsa_cert("e-even", p.get(), q.get(), 65536))), "exponent is even");
    const Finding f = key_weak(load_bytes(rsa_cert("roca", rp.get(), rq.get())));
    EXPECT_TRUE(has(f.message, "the certificate's key")) << f.message;
    EXPECT_EQ(f.line, 1);
}

TEST(KeyWeak, FailsOnEcPointsOffTheCurveOrOfSmallOrder) {
    std::string point = ec_point(NID_X9_62_prime256v1);
    point.back() = static_cast<char>(point.back() ^ 1);
    expect_fail(key_weak(load_bytes(ec_cert_pem("off-curve", NID_X9_62_prime256v1, point))), "not");
    expect_fail(key_weak(load_bytes(ec_cert_pem("infinity", NID_X9_62_prime256v1, std::string(1, '\0')))), "infinity");
    std::string order_two(43, '\0');
    order_two[0] = '\x04';
    order_two.back() = '\x01';
    expect_fail(key_weak(load_bytes(ec_cert_pem("order-two", NID_sect163k1, order_two))), "small order");
}

TEST(KeyWeak, JudgesTheChainAndAKeyThatIsNotTheCertificates) {
    const Bn p = random_prime(1024);
    const Bn q = random_prime(1024);
    const Bn rp = roca_prime(1024);
    const Bn rq = roca_prime(1024);
    const std::string leaf = rsa_cert("leaf", p.get(), q.get());
    const Finding chain = key_weak(load_bytes(leaf, std::nullopt, rsa_cert("Weak CA", rp.get(), rq.get())));
    expect_fail(chain, "chain[0]");
    EXPECT_TRUE(has(chain.message, "ROCA")) << chain.message;
    // A private key whose primes are Fermat-close, given with an ordinary certificate.
    const Bn close = prime_after(p.get(), 100);
    const std::string key = rsa_key_pem(p.get(), close.get());
    const Finding k = key_weak(load_bytes(leaf, key));
    expect_fail(k, "the private key");
    EXPECT_TRUE(has(k.message, "Fermat")) << k.message;
    expect_no_key_material(k, key);
}

TEST(KeyWeak, FailsWhenTheSubjectsOwnKeysShareAPrime) {
    const Bn p = random_prime(1024);
    const Bn q = random_prime(1024);
    const Bn r = random_prime(1024);
    const Finding f = key_weak(load_bytes(rsa_cert("leaf", p.get(), q.get()), std::nullopt, rsa_cert("CA", p.get(), r.get())));
    expect_fail(f, "shares a prime factor");
    // The same key in the leaf and the chain is reuse, not a shared prime.
    const Finding same = key_weak(load_bytes(rsa_cert("leaf", p.get(), q.get()), std::nullopt, rsa_cert("CA", p.get(), q.get())));
    EXPECT_EQ(same.status, Status::Pass) << same.message;
}

TEST(KeyWeak, CorpusKeysAreNotFlagged) {
    SKIP_WITHOUT_CORPORA();
    // Every certificate of the pyca and BoringSSL corpora that parses: none carries a weak key
    // except the ones listed (each checked to be really weak).
    int checked = 0;
    std::vector<std::string> flagged;
    for (const char* dir : {"pyca-cryptography-vectors/x509", "boringssl-pki"}) {
        for (const auto& e : std::filesystem::recursive_directory_iterator(corpus(dir))) {
            if (!e.is_regular_file() || e.file_size() > 200000) continue;
            const std::string ext = e.path().extension().string();
            if (ext != ".pem" && ext != ".crt" && ext != ".der") continue;
            Material m;
            try {
                m = load(e.path().string());
            } catch (const std::exception&) {
                continue;
            }
            if (m.leaf() == nullptr) continue;
            ++checked;
            const Finding f = key_weak(m);
            if (f.status == Status::Error) flagged.push_back(e.path().string() + ": " + f.message);
        }
    }
    EXPECT_GT(checked, 100);
    // Private keys (given with an unrelated certificate, so each key's own public part is judged).
    int keys = 0;
    for (const char* dir : {"PEM_Serialization", "PKCS8", "Traditional_OpenSSL_Serialization", "DER_Serialization"}) {
        for (const auto& e : std::filesystem::directory_iterator(corpus(std::string{"pyca-cryptography-vectors/asymmetric/"} + dir))) {
            if (!e.is_regular_file()) continue;
            Material m;
            try {
                m = load(fixture("leaf.pem"), e.path().string());
            } catch (const std::exception&) {
                continue;
            }
            if (m.usable_key() == nullptr) continue;
            ++keys;
            const Finding f = key_weak(m);
            if (f.status == Status::Error) flagged.push_back(e.path().string() + ": " + f.message);
        }
    }
    EXPECT_GE(keys, 10);
    for (const auto& line : flagged) ADD_FAILURE() << line;
}

TEST(KeyWeak, NotApplicableWithoutACertificateOrKey) {
    EXPECT_EQ(key_weak(load(fixture("empty.pem"))).status, Status::NotApplicable);
    EXPECT_EQ(key_weak(load(fixture("garbage.bin"))).status, Status::NotApplicable);
}

}  // namespace
}  // namespace certcheck::test
