// certcheck_bench_gcd: times batch GCD (src/weak/batch_gcd.cpp) over N distinct 2048-bit moduli.
//
//   certcheck_bench_gcd --count N [--jobs J] [--seed S]
//
// Real RSA moduli would need 2N random 1024-bit primes (minutes to hours to generate); the
// product and remainder trees cost the same for any numbers of the same size, so the moduli are
// random odd 2048-bit numbers with no prime factor below 10,000 (like an RSA modulus), and 8
// pairs of real RSA moduli sharing a prime are planted among them: the run checks that all 16 are
// flagged. Random numbers also share a prime above 10,000 by chance now and then; those are
// counted separately. Prints the time of shared_prime_partners (trees + pairing) and peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gmp.h>

#include "weak/weak.hpp"

namespace {

std::string bytes_of(const mpz_t z) {
    std::string out((mpz_sizeinbase(z, 2) + 7) / 8, '\0');
    std::size_t n = 0;
    mpz_export(out.data(), &n, 1, 1, 1, 0, z);
    out.resize(n);
    return out;
}

unsigned long number(const char* flag, const char* v) {
    char* end = nullptr;
    const unsigned long x = std::strtoul(v, &end, 10);
    if (v[0] == '\0' || *end != '\0' || x == 0) {
        std::fprintf(stderr, "certcheck_bench_gcd: %s needs a positive number, got '%s'\n", flag, v);
        std::exit(2);
    }
    return x;
}

}  // namespace

int main(int argc, char** argv) {
    unsigned long count = 10000, jobs = 2, seed = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "usage: certcheck_bench_gcd --count N [--jobs J] [--seed S]\n");
            return 2;
        }
        if (a == "--count") count = number("--count", argv[++i]);
        else if (a == "--jobs") jobs = number("--jobs", argv[++i]);
        else if (a == "--seed") seed = number("--seed", argv[++i]);
        else {
            std::fprintf(stderr, "certcheck_bench_gcd: unknown option '%s'\n", a.c_str());
            return 2;
        }
    }
    constexpr unsigned long kPlanted = 8;
    if (count < 2 * kPlanted) {
        std::fprintf(stderr, "certcheck_bench_gcd: --count must be at least %lu\n", 2 * kPlanted);
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    gmp_randstate_t rs;
    gmp_randinit_default(rs);
    gmp_randseed_ui(rs, seed);
    mpz_t n, small, g, p, q, r;
    mpz_inits(n, small, g, p, q, r, nullptr);
    mpz_set_ui(small, 1);
    for (unsigned long c = 3; c < 10000; c += 2) {
        bool prime = true;
        for (unsigned long d = 3; d * d <= c && prime; d += 2) prime = c % d != 0;
        if (prime) mpz_mul_ui(small, small, c);
    }
    std::vector<std::string> moduli;
    moduli.reserve(count);
    for (unsigned long i = 0; i < kPlanted; ++i) {  // n_a = p * q, n_b = p * r
        for (mpz_ptr x : {p, q, r}) {
            mpz_urandomb(x, rs, 1024);
            mpz_setbit(x, 1023);
            mpz_setbit(x, 1022);
            mpz_nextprime(x, x);
        }
        mpz_mul(n, p, q);
        moduli.push_back(bytes_of(n));
        mpz_mul(n, p, r);
        moduli.push_back(bytes_of(n));
    }
    while (moduli.size() < count) {
        mpz_urandomb(n, rs, 2048);
        mpz_setbit(n, 2047);
        mpz_setbit(n, 0);
        mpz_gcd(g, n, small);
        if (mpz_cmp_ui(g, 1) == 0) moduli.push_back(bytes_of(n));
    }
    const double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const auto t1 = std::chrono::steady_clock::now();
    const auto partners = certcheck::weak::shared_prime_partners(moduli, static_cast<unsigned>(jobs));
    const double gcd_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    unsigned long planted_found = 0, chance = 0;
    for (std::size_t i = 0; i < partners.size(); ++i) {
        if (!partners[i]) continue;
        if (i < 2 * kPlanted) ++planted_found;
        else ++chance;
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("batch GCD: %lu distinct 2048-bit moduli, --jobs %lu: %.2f s (generation %.1f s), peak RSS %.0f MiB; "
                "%lu of %lu planted shared-prime moduli flagged, %lu random ones sharing a prime by chance\n",
                count, jobs, gcd_s, gen_s, static_cast<double>(ru.ru_maxrss) / 1024.0, planted_found, 2 * kPlanted, chance);
    mpz_clears(n, small, g, p, q, r, nullptr);
    gmp_randclear(rs);
    return planted_found == 2 * kPlanted ? 0 : 1;
}
