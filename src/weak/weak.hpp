// Weak public keys (internal): single-key tests for RSA and EC, and batch GCD over many RSA
// moduli. The arithmetic uses GMP; nothing here prints, logs or returns private-key material
// (a message names the weakness, never a factor). See docs/rules/key-weak.md for the sources.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "scan/walk.hpp"

namespace certcheck::weak {

// Trial division: every odd prime below this bound (1,228 primes, done as one GCD with their
// 14,000-bit product: ~12 us of CPU on a 2048-bit key here; the bound 65,536 cost 45 us, more
// than the 10% of a scanned triple's time key-weak may add).
inline constexpr unsigned long kTrialDivisionBound = 10000;
// Fermat's method: this many steps from ceil(sqrt(n)). Step k finds primes p, q when
// (p - q)^2 / (8 sqrt(n)) < k roughly, so 100 steps find |p - q| up to about 2^5 * n^(1/4):
// random 2048-bit keys have |p - q| near 2^1022, FIPS 186-4 requires more than 2^(nlen/2 - 100),
// and the generators broken in the wild (Böck 2022) fall within the first step or few.
inline constexpr int kFermatSteps = 100;

enum class Kind {
    MalformedModulus,  // even, zero, one, or shorter than 64 bits
    BadExponent,       // e = 1, e even, or e >= n
    SmallFactor,       // a prime factor below kTrialDivisionBound
    FermatClose,       // primes close enough for Fermat's method within kFermatSteps steps
    Roca,              // the ROCA fingerprint (CVE-2017-15361)
    EcNotOnCurve,      // the point does not decode or is not on the named curve
    EcSmallOrder,      // the point at infinity, or a point whose order divides the cofactor
    SharedPrime,       // batch GCD: shares a prime with another modulus of the run
    Unreadable,        // the public key does not parse at all
};

struct Weakness {
    Kind kind = Kind::MalformedModulus;
    std::string text;  // "the RSA modulus has a prime factor below 10000", ...
};

// RSA public key: modulus and exponent as big-endian unsigned bytes (leading zeros allowed).
[[nodiscard]] std::optional<Weakness> rsa_weakness(std::string_view n_be, std::string_view e_be);
// The ROCA fingerprint alone (Nemec et al. 2017): n mod r lies in the subgroup of (Z/rZ)* that
// 65537 generates, for every prime r of the published list (3 to 167).
[[nodiscard]] bool roca_fingerprint(std::string_view n_be);
// EC public key on a named curve (OpenSSL NID), as the encoded point (X9.62 octets).
[[nodiscard]] std::optional<Weakness> ec_weakness(int curve_nid, std::string_view point);

// A certificate's subject public key, read from the SubjectPublicKeyInfo bytes (works where
// OpenSSL refuses to build an EVP_PKEY from them). Other algorithms: nullopt.
[[nodiscard]] std::optional<Weakness> certificate_key_weakness(X509* x);
// A parsed key's public part (RSA, RSA-PSS, EC). Other algorithms: nullopt.
[[nodiscard]] std::optional<Weakness> pkey_weakness(EVP_PKEY* pkey);
// The RSA modulus of a certificate's key (big-endian, no leading zeros), or "" when it is not RSA.
[[nodiscard]] std::string certificate_rsa_modulus(X509* x);

// Batch GCD (Bernstein's product and remainder trees, as used by Heninger et al. 2012): for each
// of `moduli` (big-endian, distinct, each > 1), whether it shares a prime with another of them.
// `threads` > 1 splits the trees' top levels over that many threads.
[[nodiscard]] std::vector<bool> batch_gcd(const std::vector<std::string>& moduli, unsigned threads = 1);
// For each modulus, the index of another modulus it shares a prime with (the lowest index), or
// nullopt. Runs batch_gcd, then pairs only the moduli it flagged.
[[nodiscard]] std::vector<std::optional<std::size_t>> shared_prime_partners(const std::vector<std::string>& moduli,
                                                                            unsigned threads = 1);

// RSA modulus (big-endian) -> a file whose modulus shares a prime with it (Context::shared_primes).
using SharedPrimes = std::map<std::string, std::string, std::less<>>;
// The scan's pass: the RSA moduli of these files (certificates, PKCS#1 and PKCS#8 keys; files that
// cannot be read are left to the scan to report), each distinct one once, through batch GCD.
[[nodiscard]] SharedPrimes shared_primes_in_files(const std::vector<std::string>& paths, unsigned threads = 1);
// What the last batch GCD of a monitoring run found (kept by the exporter's DirectoryCache): a
// scan whose distinct moduli are the same as the last one's takes its result instead of running
// the GCD again (26 s on two cores at 100,000 distinct moduli).
struct GcdMemo {
    // SHA-256 over the last scan's sorted distinct moduli; "" before the first.
    std::string digest;
    // Each modulus that shares a prime and a partner of it, as indices into those sorted moduli.
    std::vector<std::pair<std::size_t, std::size_t>> partners;
    // The last scan took the result from here.
    bool reused = false;
};
// The same over the files of the scan's walk, read in place (file i of directory d is numbered
// after all the files of the directories before d; the lowest number holding a modulus names it).
[[nodiscard]] SharedPrimes shared_primes_in_files(const std::vector<scan::Directory>& directories, unsigned threads = 1,
                                                  GcdMemo* memo = nullptr);

}  // namespace certcheck::weak
