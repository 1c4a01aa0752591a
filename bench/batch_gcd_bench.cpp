// certcheck_bench_gcd: times batch GCD (src/weak/batch_gcd.cpp) over N distinct 2048-bit moduli.
//
//   certcheck_bench_gcd --count N [--jobs J] [--seed S] [--cache DIR]
//
// Real RSA moduli need 2N random 1024-bit primes (15 ms each here: 50 minutes for 100,000
// moduli), while the product and remainder trees cost the same for any numbers of the same size.
// So each modulus is the product of 32 random 64-bit primes (each in [2^64 - 2^57, 2^64), so the
// product has exactly 2048 bits): no small factors, like an RSA modulus, and no prime shared by
// chance (3.2 million draws among 3 * 10^15 such primes), unlike random 2048-bit numbers, of which
// about a quarter share some prime above 10,000 in a set of 100,000. Among them, 8 pairs of real
// RSA moduli (1024-bit primes) sharing a prime are planted: the run checks that exactly these 16
// are flagged. With --cache DIR the moduli are kept in DIR/gcd-moduli-N-sS.bin and read from there
// on the next run. Prints the wall and CPU time (user + system, all threads) of
// shared_prime_partners (trees + pairing) and the peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gmp.h>

#include "weak/weak.hpp"

namespace {

constexpr std::size_t kBytes = 256;    // 2048-bit moduli
constexpr unsigned long kPlanted = 8;  // pairs sharing a 1024-bit prime

std::string bytes_of(const mpz_t z) {
    std::string out(kBytes, '\0');
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

double cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Modulus i (i >= 2 * kPlanted) from its own random state: the same set for any --jobs.
std::string product_of_64_bit_primes(unsigned long seed, std::size_t i) {
    gmp_randstate_t rs;
    gmp_randinit_default(rs);
    gmp_randseed_ui(rs, seed * 1000003UL + i);
    mpz_t n, p, top;
    mpz_inits(n, p, top, nullptr);
    mpz_set_ui(n, 1);
    mpz_setbit(top, 64);  // 2^64
    for (int k = 0; k < 32; ++k) {
        do {
            mpz_urandomb(p, rs, 57);
            mpz_sub(p, top, p);
            mpz_sub_ui(p, p, 1);
            mpz_nextprime(p, p);
        } while (mpz_cmp(p, top) >= 0);
        mpz_mul(n, n, p);
    }
    std::string out = bytes_of(n);
    mpz_clears(n, p, top, nullptr);
    gmp_randclear(rs);
    return out;
}

std::vector<std::string> generate(unsigned long count, unsigned long seed, unsigned jobs) {
    std::vector<std::string> moduli(count);
    gmp_randstate_t rs;
    gmp_randinit_default(rs);
    gmp_randseed_ui(rs, seed);
    mpz_t n, p, q, r;
    mpz_inits(n, p, q, r, nullptr);
    for (unsigned long i = 0; i < kPlanted; ++i) {  // n_a = p * q, n_b = p * r
        for (mpz_ptr x : {p, q, r}) {
            mpz_urandomb(x, rs, 1024);
            mpz_setbit(x, 1023);
            mpz_setbit(x, 1022);
            mpz_nextprime(x, x);
        }
        mpz_mul(n, p, q);
        moduli[2 * i] = bytes_of(n);
        mpz_mul(n, p, r);
        moduli[2 * i + 1] = bytes_of(n);
    }
    mpz_clears(n, p, q, r, nullptr);
    gmp_randclear(rs);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < jobs; ++t) {
        pool.emplace_back([&, t] {
            for (std::size_t i = 2 * kPlanted + t; i < count; i += jobs) moduli[i] = product_of_64_bit_primes(seed, i);
        });
    }
    for (auto& t : pool) t.join();
    return moduli;
}

bool load(const std::filesystem::path& file, unsigned long count, std::vector<std::string>& moduli) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (all.size() != count * kBytes) return false;
    moduli.clear();
    for (std::size_t i = 0; i < count; ++i) moduli.push_back(all.substr(i * kBytes, kBytes));
    return true;
}

void save(const std::filesystem::path& file, const std::vector<std::string>& moduli) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        for (const std::string& m : moduli) out << std::string(kBytes - m.size(), '\0') << m;
        if (!out) return;
    }
    std::filesystem::rename(tmp, file, ec);
}

}  // namespace

int main(int argc, char** argv) {
    unsigned long count = 10000, jobs = 2, seed = 1;
    std::string cache;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "usage: certcheck_bench_gcd --count N [--jobs J] [--seed S] [--cache DIR]\n");
            return 2;
        }
        if (a == "--count") count = number("--count", argv[++i]);
        else if (a == "--jobs") jobs = number("--jobs", argv[++i]);
        else if (a == "--seed") seed = number("--seed", argv[++i]);
        else if (a == "--cache") cache = argv[++i];
        else {
            std::fprintf(stderr, "certcheck_bench_gcd: unknown option '%s'\n", a.c_str());
            return 2;
        }
    }
    if (count < 2 * kPlanted) {
        std::fprintf(stderr, "certcheck_bench_gcd: --count must be at least %lu\n", 2 * kPlanted);
        return 2;
    }
    const std::filesystem::path file =
        cache.empty() ? std::filesystem::path{} : std::filesystem::path(cache) / ("gcd-moduli-" + std::to_string(count) + "-s" + std::to_string(seed) + ".bin");
    std::vector<std::string> moduli;
    std::string origin;
    if (!file.empty() && load(file, count, moduli)) {
        origin = "moduli read from " + file.string();
    } else {
        const auto t0 = std::chrono::steady_clock::now();
        moduli = generate(count, seed, static_cast<unsigned>(jobs));
        char buf[64];
        std::snprintf(buf, sizeof buf, "moduli generated in %.1f s",
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        origin = buf;
        if (!file.empty()) save(file, moduli);
    }
    // The moduli are read back as the scan passes them: big-endian, no leading zero bytes.
    for (std::string& m : moduli) m.erase(0, m.find_first_not_of('\0'));

    const double c0 = cpu_seconds();
    const auto t1 = std::chrono::steady_clock::now();
    const auto partners = certcheck::weak::shared_prime_partners(moduli, static_cast<unsigned>(jobs));
    const double gcd_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    const double gcd_cpu = cpu_seconds() - c0;
    unsigned long planted_found = 0, others = 0;
    for (std::size_t i = 0; i < partners.size(); ++i) {
        if (!partners[i]) continue;
        if (i < 2 * kPlanted && *partners[i] == (i ^ 1U)) ++planted_found;
        else ++others;
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf(
        "batch GCD: %lu distinct 2048-bit moduli, --jobs %lu: %.2f s wall, %.2f s CPU (%s), peak RSS %.0f MiB; "
        "%lu of %lu planted shared-prime moduli flagged with their partner, %lu others flagged\n",
        count, jobs, gcd_s, gcd_cpu, origin.c_str(), static_cast<double>(ru.ru_maxrss) / 1024.0, planted_found,
        2 * kPlanted, others);
    return planted_found == 2 * kPlanted && others == 0 ? 0 : 1;
}
