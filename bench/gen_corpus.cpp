// certcheck_bench_gen: writes a corpus of certificate triples for the scan benchmark.
//
//   certcheck_bench_gen --out DIR --count N [--layout plain|mixed] [--keys K] [--seed S] [--shared-primes]
//                       [--jobs J] [--list FILE]
//
// Each triple is an RSA-2048 leaf certificate (CN and SAN host-NNNNNN.bench.example, its own
// serial), a PKCS#1 key ("BEGIN RSA PRIVATE KEY") and a 3-certificate chain file (issuing CA,
// level-2 CA, root) from one of 5 CA hierarchies. Every 10th triple (index % 10 == 9) gets the
// key of another triple, so key-matches-cert fails there. Validity is fixed (2025-01-01 to
// 2099-12-31), so verdicts do not depend on today; judge them with --at 2030-01-01T00:00:00Z.
//
// Key pool: leaf keys are drawn from K distinct RSA-2048 keys (triple i uses key i % K), each
// made from two fresh random 1024-bit primes (2K + 30 primes; the CA keys too), so no two keys
// share a prime and key-weak passes them. --shared-primes builds the pool the old, faster way
// instead: m random primes, one key per distinct pair (p, q), m(m-1)/2 >= K (65 primes for 2,000
// keys): every key then shares its primes with others, the planted-weak case (key-weak fails
// every subject and names another key file).
//
// Layouts:
//   plain  DIR/NNNNNN/{cert.pem,key.pem,chain.pem}
//   mixed  cycles through (index % 3):
//          0  DIR/certbot/live/host-NNNNNN/{cert.pem,chain.pem,fullchain.pem,privkey.pem}
//          1  DIR/shared/GGGG/host-NNNNNN.{crt,key,ca-bundle}   (up to 100 triples per folder)
//          2  DIR/plain/NNNNNN/{cert.pem,key.pem,chain.pem}
// Within one folder no two certificates share a public key, and a mismatched key never matches
// another certificate of its folder, so pairing by public key inside a folder is unambiguous.
// Across folders each public key is shared by about N/K certificates.
//
// Deterministic for a seed: names, serials, hierarchy choice, key assignment and mismatches.
// Key material is random (so are the signatures, which depend on the keys).
// --list FILE writes one line per triple: index, cert, key, chain, key-matches (1/0), hierarchy.

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "certcheck/openssl.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int kHierarchies = 5;
constexpr std::size_t kMaxPerSharedFolder = 100;
constexpr const char* kNotBefore = "20250101000000Z";
constexpr const char* kNotAfter = "20991231235959Z";

using certcheck::ossl::Deleter;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using certcheck::ossl::BioPtr;
using certcheck::ossl::PkeyCtxPtr;
using certcheck::ossl::PkeyPtr;
using certcheck::ossl::X509Ptr;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using AsnIntPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;

[[noreturn]] void die(std::string_view what) {
    std::fprintf(stderr, "certcheck_bench_gen: %.*s\n", static_cast<int>(what.size()), what.data());
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        std::fprintf(stderr, "  openssl: %s\n", buf);
    }
    std::exit(1);
}

void require(bool ok, std::string_view what) {
    if (!ok) die(what);
}

// splitmix64 over (seed, stream, index): the only source of choices, so a seed fixes them all.
std::uint64_t mix(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    std::uint64_t z = seed ^ (stream * 0x9E3779B97F4A7C15ULL) ^ (index * 0xD1B54A32D192ED03ULL);
    for (int round = 0; round < 2; ++round) {
        z += 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
    }
    return z;
}

enum : std::uint64_t { kStreamSerial = 1,
                       kStreamHierarchy = 3 };

struct Options {
    fs::path out;
    std::size_t count = 0;
    bool mixed = false;
    std::size_t keys = 2000;
    std::uint64_t seed = 1;
    unsigned jobs = 0;
    bool shared_primes = false;
    fs::path list;
};

[[noreturn]] void usage(int code) {
    std::fprintf(code == 0 ? stdout : stderr,
                 "usage: certcheck_bench_gen --out DIR --count N [--layout plain|mixed] [--keys K]\n"
                 "                           [--seed S] [--jobs J] [--list FILE]\n"
                 "  --out DIR      output directory (created; must be empty or absent)\n"
                 "  --count N      number of triples (certificate, key, chain)\n"
                 "  --layout L     plain (DIR/NNNNNN/{cert,key,chain}.pem, default) or mixed\n"
                 "                 (certbot live/, NAME.crt+key+ca-bundle, plain folders)\n"
                 "  --keys K       distinct leaf keys in the pool (default 2000, at least 2)\n"
                 "  --seed S       seed for names, serials and choices (default 1)\n"
                 "  --jobs J       threads (default: the core count)\n"
                 "  --list FILE    also write one line per triple: index cert key chain match hierarchy\n"
                 "  --shared-primes  build the keys from few primes, so that they share primes (key-weak fails)\n");
    std::exit(code);
}

std::uint64_t parse_number(std::string_view flag, const char* text) {
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
        std::fprintf(stderr, "certcheck_bench_gen: %.*s needs a non-negative number, got '%s'\n",
                     static_cast<int>(flag.size()), flag.data(), text);
        usage(2);
    }
    return v;
}

Options parse_args(int argc, char** argv) {
    Options o;
    bool have_out = false;
    bool have_count = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") usage(0);
        if (arg == "--shared-primes") {
            o.shared_primes = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "certcheck_bench_gen: unknown or incomplete option '%s'\n", argv[i]);
            usage(2);
        }
        const char* value = argv[++i];
        if (arg == "--out") {
            o.out = value;
            have_out = true;
        } else if (arg == "--count") {
            o.count = parse_number(arg, value);
            have_count = true;
        } else if (arg == "--layout") {
            const std::string_view v = value;
            if (v != "plain" && v != "mixed") {
                std::fprintf(stderr, "certcheck_bench_gen: --layout is plain or mixed, got '%s'\n", value);
                usage(2);
            }
            o.mixed = v == "mixed";
        } else if (arg == "--keys") {
            o.keys = parse_number(arg, value);
        } else if (arg == "--seed") {
            o.seed = parse_number(arg, value);
        } else if (arg == "--jobs") {
            o.jobs = static_cast<unsigned>(parse_number(arg, value));
        } else if (arg == "--list") {
            o.list = value;
        } else {
            std::fprintf(stderr, "certcheck_bench_gen: unknown option '%s'\n", argv[i - 1]);
            usage(2);
        }
    }
    if (!have_out || !have_count) usage(2);
    if (o.count == 0 || o.count > 999999) {
        std::fprintf(stderr, "certcheck_bench_gen: --count must be 1..999999\n");
        usage(2);
    }
    if (o.keys < 2) {
        std::fprintf(stderr, "certcheck_bench_gen: --keys must be at least 2\n");
        usage(2);
    }
    if (o.jobs == 0) o.jobs = std::max(1U, std::thread::hardware_concurrency());
    return o;
}

// Runs fn(i) for i in [0, n) on `jobs` threads, handing out chunks of indices.
void parallel_for(std::size_t n, unsigned jobs, std::size_t chunk,
                  const std::function<void(std::size_t)>& fn) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (;;) {
            const std::size_t begin = next.fetch_add(chunk);
            if (begin >= n) return;
            const std::size_t end = std::min(n, begin + chunk);
            for (std::size_t i = begin; i < end; ++i) fn(i);
        }
    };
    std::vector<std::thread> threads;
    const unsigned extra = static_cast<unsigned>(std::min<std::size_t>(jobs, (n + chunk - 1) / chunk)) - 1;
    threads.reserve(extra);
    for (unsigned t = 0; t < extra; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
}

// ---- keys -------------------------------------------------------------------------------

BnPtr new_prime(const BIGNUM* e) {
    BnPtr p{BN_new()};
    BnCtxPtr ctx{BN_CTX_new()};
    require(p && ctx, "out of memory");
    for (;;) {
        // The top two bits are set, so a product of two such primes has exactly 2048 bits.
        require(BN_generate_prime_ex2(p.get(), 1024, 0, nullptr, nullptr, nullptr, ctx.get()) == 1,
                "prime generation failed");
        // gcd(e, p - 1) must be 1; e = 65537 is prime.
        if (BN_mod_word(p.get(), BN_get_word(e)) != 1) return p;
    }
}

PkeyPtr rsa_from_primes(const BIGNUM* p_in, const BIGNUM* q_in, const BIGNUM* e) {
    BnCtxPtr ctx{BN_CTX_new()};
    BnPtr p{BN_dup(p_in)}, q{BN_dup(q_in)};
    BnPtr n{BN_new()}, p1{BN_new()}, q1{BN_new()}, g{BN_new()}, lambda{BN_new()}, d{BN_new()};
    BnPtr dmp1{BN_new()}, dmq1{BN_new()}, iqmp{BN_new()};
    require(ctx && p && q && n && p1 && q1 && g && lambda && d && dmp1 && dmq1 && iqmp, "out of memory");
    if (BN_cmp(p.get(), q.get()) < 0) std::swap(p, q);  // p > q, as OpenSSL writes them
    bool ok = BN_mul(n.get(), p.get(), q.get(), ctx.get()) == 1 && BN_sub(p1.get(), p.get(), BN_value_one()) == 1 &&
              BN_sub(q1.get(), q.get(), BN_value_one()) == 1 && BN_gcd(g.get(), p1.get(), q1.get(), ctx.get()) == 1 &&
              BN_mul(lambda.get(), p1.get(), q1.get(), ctx.get()) == 1 &&
              BN_div(lambda.get(), nullptr, lambda.get(), g.get(), ctx.get()) == 1 &&
              BN_mod_inverse(d.get(), e, lambda.get(), ctx.get()) != nullptr &&
              BN_mod(dmp1.get(), d.get(), p1.get(), ctx.get()) == 1 && BN_mod(dmq1.get(), d.get(), q1.get(), ctx.get()) == 1 &&
              BN_mod_inverse(iqmp.get(), q.get(), p.get(), ctx.get()) != nullptr;
    require(ok && BN_num_bits(n.get()) == 2048, "RSA key arithmetic failed");

    ParamBldPtr bld{OSSL_PARAM_BLD_new()};
    require(bld != nullptr, "out of memory");
    ok = OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1.get()) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1.get()) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, iqmp.get()) == 1;
    require(ok, "building RSA parameters failed");
    ParamPtr params{OSSL_PARAM_BLD_to_param(bld.get())};
    PkeyCtxPtr pctx{EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr)};
    require(params && pctx && EVP_PKEY_fromdata_init(pctx.get()) == 1, "RSA key import setup failed");
    EVP_PKEY* raw = nullptr;
    require(EVP_PKEY_fromdata(pctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) == 1, "RSA key import failed");
    return PkeyPtr{raw};
}

std::string bio_string(BIO* bio) {
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::string pkcs1_pem(EVP_PKEY* key) {
    BioPtr bio{BIO_new(BIO_s_mem())};
    require(bio != nullptr, "out of memory");
    // "Traditional" is PKCS#1 for RSA: -----BEGIN RSA PRIVATE KEY-----.
    require(PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
            "writing a PKCS#1 key failed");
    return bio_string(bio.get());
}

std::string cert_pem(X509* cert) {
    BioPtr bio{BIO_new(BIO_s_mem())};
    require(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "writing a certificate failed");
    return bio_string(bio.get());
}

// ---- certificates -----------------------------------------------------------------------

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ExtPtr ext{X509V3_EXT_conf_nid(nullptr, &ctx, nid, value)};
    require(ext && X509_add_ext(cert, ext.get(), -1) == 1, "adding an extension failed");
}

void set_serial(X509* cert, std::uint64_t seed, std::uint64_t index) {
    unsigned char bytes[16];
    for (int half = 0; half < 2; ++half) {
        const std::uint64_t v = mix(seed, kStreamSerial, index * 2 + static_cast<std::uint64_t>(half));
        for (int b = 0; b < 8; ++b) bytes[half * 8 + b] = static_cast<unsigned char>(v >> (8 * b));
    }
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7f) | 0x40);  // positive, always 16 bytes
    BnPtr bn{BN_bin2bn(bytes, sizeof bytes, nullptr)};
    AsnIntPtr serial{bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr};
    require(serial && X509_set_serialNumber(cert, serial.get()) == 1, "setting a serial failed");
}

X509Ptr make_cert(const std::string& cn, bool leaf, EVP_PKEY* subject_key, X509* issuer, EVP_PKEY* issuer_key,
                  const char* basic_constraints, std::uint64_t seed, std::uint64_t serial_index) {
    X509Ptr cert{X509_new()};
    require(cert != nullptr, "out of memory");
    require(X509_set_version(cert.get(), 2) == 1, "setting the version failed");
    set_serial(cert.get(), seed, serial_index);
    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto add_entry = [&](const char* field, const std::string& value) {
        require(X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC,
                                           reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) == 1,
                "building a name failed");
    };
    add_entry("C", "US");
    add_entry("O", "certcheck bench");
    add_entry("CN", cn);
    X509* signer = issuer != nullptr ? issuer : cert.get();
    require(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "setting the issuer failed");
    require(ASN1_TIME_set_string_X509(X509_getm_notBefore(cert.get()), kNotBefore) == 1 &&
                ASN1_TIME_set_string_X509(X509_getm_notAfter(cert.get()), kNotAfter) == 1,
            "setting validity failed");
    require(X509_set_pubkey(cert.get(), subject_key) == 1, "setting the public key failed");
    add_ext(cert.get(), signer, NID_basic_constraints, basic_constraints);
    if (leaf) {
        add_ext(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
        add_ext(cert.get(), signer, NID_ext_key_usage, "serverAuth");
        add_ext(cert.get(), signer, NID_subject_alt_name, ("DNS:" + cn).c_str());
    } else {
        add_ext(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    }
    add_ext(cert.get(), signer, NID_subject_key_identifier, "hash");
    if (issuer != nullptr) add_ext(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
    require(X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : subject_key, EVP_sha256()) > 0,
            "signing failed");
    return cert;
}

struct Hierarchy {
    PkeyPtr issuing_key;
    X509Ptr issuing;
    std::string chain_pem;  // issuing CA, level-2 CA, root
};

// ---- layout -----------------------------------------------------------------------------

struct TriplePaths {
    fs::path dir;
    std::string cert, key, chain, fullchain;  // file names inside dir; fullchain only for certbot
};

std::string six(std::size_t i) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%06zu", i);
    return buf;
}

TriplePaths paths_for(const Options& o, std::size_t i, std::size_t per_shared_folder) {
    if (!o.mixed) return {o.out / six(i), "cert.pem", "key.pem", "chain.pem", ""};
    const std::string host = "host-" + six(i);
    switch (i % 3) {
        case 0:
            return {o.out / "certbot" / "live" / host, "cert.pem", "privkey.pem", "chain.pem", "fullchain.pem"};
        case 1: {
            char group[24];
            std::snprintf(group, sizeof group, "%04zu", i / (3 * per_shared_folder));
            return {o.out / "shared" / group, host + ".crt", host + ".key", host + ".ca-bundle", ""};
        }
        default:
            return {o.out / "plain" / six(i), "cert.pem", "key.pem", "chain.pem", ""};
    }
}

void write_file(const fs::path& path, const std::string& a, const std::string& b = {}) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) die("cannot create " + path.string());
    const bool ok = std::fwrite(a.data(), 1, a.size(), f) == a.size() &&
                    (b.empty() || std::fwrite(b.data(), 1, b.size(), f) == b.size());
    if (std::fclose(f) != 0 || !ok) die("cannot write " + path.string());
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse_args(argc, argv);
    const auto t_start = std::chrono::steady_clock::now();

    std::error_code ec;
    if (fs::exists(o.out, ec) && !fs::is_empty(o.out, ec)) die(o.out.string() + " exists and is not empty");
    fs::create_directories(o.out, ec);
    if (ec) die("cannot create " + o.out.string() + ": " + ec.message());

    // 1. Prime pool: two primes per key (the leaf keys plus 3 CA keys per hierarchy), or with
    //    --shared-primes enough primes for that many distinct pairs.
    const std::size_t ca_keys = 3 * kHierarchies;
    const std::size_t total_keys = o.keys + ca_keys;
    std::size_t m = 2 * total_keys;
    if (o.shared_primes) {
        m = 2;
        while (m * (m - 1) / 2 < total_keys) ++m;
    }
    BnPtr e{BN_new()};
    require(e && BN_set_word(e.get(), 65537) == 1, "out of memory");
    std::vector<BnPtr> primes(m);
    parallel_for(m, o.jobs, 1, [&](std::size_t i) { primes[i] = new_prime(e.get()); });
    std::vector<const BIGNUM*> sorted;
    sorted.reserve(primes.size());
    for (const auto& p : primes) sorted.push_back(p.get());
    std::sort(sorted.begin(), sorted.end(), [](const BIGNUM* a, const BIGNUM* b) { return BN_cmp(a, b) < 0; });
    for (std::size_t i = 1; i < m; ++i) require(BN_cmp(sorted[i - 1], sorted[i]) != 0, "duplicate prime (rerun)");
    const double t_primes = seconds_since(t_start);

    // 2. Keys: key k is primes 2k and 2k + 1, or with --shared-primes the k-th pair (a, b), a < b;
    //    the CA keys take the last ones.
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    pairs.reserve(total_keys);
    if (!o.shared_primes) {
        for (std::size_t k = 0; k < total_keys; ++k) pairs.emplace_back(2 * k, 2 * k + 1);
    }
    for (std::size_t b = 1; b < m && pairs.size() < total_keys; ++b)
        for (std::size_t a = 0; a < b && pairs.size() < total_keys; ++a) pairs.emplace_back(a, b);
    std::vector<PkeyPtr> keys(total_keys);
    std::vector<std::string> key_pems(o.keys);
    parallel_for(total_keys, o.jobs, 16, [&](std::size_t k) {
        keys[k] = rsa_from_primes(primes[pairs[k].first].get(), primes[pairs[k].second].get(), e.get());
        if (k < o.keys) key_pems[k] = pkcs1_pem(keys[k].get());
    });
    const double t_keys = seconds_since(t_start);

    // 3. CA hierarchies: root -> level-2 CA -> issuing CA; serial indices 0..14 are the CAs'.
    std::vector<Hierarchy> hier(kHierarchies);
    for (int h = 0; h < kHierarchies; ++h) {
        const std::size_t base = o.keys + 3 * static_cast<std::size_t>(h);
        const std::string n = std::to_string(h + 1);
        const auto serial = 3 * static_cast<std::uint64_t>(h);
        X509Ptr root = make_cert("certcheck Bench Root CA " + n, false, keys[base].get(), nullptr, nullptr,
                                 "critical,CA:TRUE", o.seed, serial);
        X509Ptr level2 = make_cert("certcheck Bench Level-2 CA " + n, false, keys[base + 1].get(), root.get(),
                                   keys[base].get(), "critical,CA:TRUE,pathlen:1", o.seed, serial + 1);
        X509Ptr issuing = make_cert("certcheck Bench Issuing CA " + n, false, keys[base + 2].get(), level2.get(),
                                    keys[base + 1].get(), "critical,CA:TRUE,pathlen:0", o.seed, serial + 2);
        hier[static_cast<std::size_t>(h)].chain_pem =
            cert_pem(issuing.get()) + cert_pem(level2.get()) + cert_pem(root.get());
        hier[static_cast<std::size_t>(h)].issuing_key.reset(EVP_PKEY_dup(keys[base + 2].get()));
        hier[static_cast<std::size_t>(h)].issuing = std::move(issuing);
    }

    // 4. Triples.
    const std::size_t per_shared = std::clamp<std::size_t>((o.keys / 2 - 1) / 3, 1, kMaxPerSharedFolder);
    const auto hierarchy_of = [&](std::size_t i) {
        return static_cast<std::size_t>(mix(o.seed, kStreamHierarchy, i) % kHierarchies);
    };
    const auto key_of = [&](std::size_t i) {
        const std::size_t own = i % o.keys;
        const bool mismatch = i % 10 == 9;
        return std::pair{own, mismatch ? (own + o.keys / 2) % o.keys : own};
    };
    std::mutex dir_mutex;  // create_directories on shared parents from two threads can race on EEXIST
    parallel_for(o.count, o.jobs, 64, [&](std::size_t i) {
        const TriplePaths p = paths_for(o, i, per_shared);
        {
            std::error_code dir_ec;
            std::lock_guard lock{dir_mutex};
            fs::create_directories(p.dir, dir_ec);
            if (dir_ec) die("cannot create " + p.dir.string() + ": " + dir_ec.message());
        }
        const Hierarchy& h = hier[hierarchy_of(i)];
        const auto [own, written] = key_of(i);
        X509Ptr leaf = make_cert("host-" + six(i) + ".bench.example", true, keys[own].get(), h.issuing.get(),
                                 h.issuing_key.get(), "critical,CA:FALSE", o.seed, 1000 + i);
        const std::string leaf_pem = cert_pem(leaf.get());
        write_file(p.dir / p.cert, leaf_pem);
        write_file(p.dir / p.key, key_pems[written]);
        write_file(p.dir / p.chain, h.chain_pem);
        if (!p.fullchain.empty()) write_file(p.dir / p.fullchain, leaf_pem, h.chain_pem);
    });
    const double t_total = seconds_since(t_start);

    if (!o.list.empty()) {
        std::ofstream list(o.list, std::ios::binary | std::ios::trunc);
        for (std::size_t i = 0; i < o.count; ++i) {
            const TriplePaths p = paths_for(o, i, per_shared);
            const auto [own, written] = key_of(i);
            list << i << '\t' << (p.dir / p.cert).string() << '\t' << (p.dir / p.key).string() << '\t'
                 << (p.dir / p.chain).string() << '\t' << (own == written ? 1 : 0) << '\t' << hierarchy_of(i) + 1
                 << '\n';
        }
        if (!list.flush()) die("cannot write " + o.list.string());
    }

    std::fprintf(stderr,
                 "certcheck_bench_gen: %zu triples (%s layout, %zu leaf keys from %zu primes, %d CA hierarchies, "
                 "%zu mismatched keys) in %s, %u threads: primes %.1f s, keys %.1f s, certificates %.1f s, total %.1f s\n",
                 o.count, o.mixed ? "mixed" : "plain", o.keys, m, kHierarchies, o.count / 10, o.out.c_str(), o.jobs,
                 t_primes, t_keys - t_primes, t_total - t_keys, t_total);
    return 0;
}
