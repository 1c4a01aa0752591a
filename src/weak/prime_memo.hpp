// A bounded, process-wide memo of numbers that passed key loading's primality test (the factors
// p and q of RSA private keys, src/load/keys.cpp). Miller-Rabin on the two 1024-bit factors is
// most of the cost of loading a 2,048-bit key (~1 ms); the same key is often met several times in
// one run (privkey.pem beside fullchain.pem, copies in several folders, archive versions), and a
// remembered factor costs a hash look-up. Only numbers that passed are kept, by their exact bytes
// (no digest, so nothing can collide into the memo); the memo holds at most kPrimeMemoSize of
// them (~0.7 MiB) and starts again when full. The bytes are private-key material: they never leave
// this memo and are cleansed when dropped.
#pragma once

#include <cstddef>

#include <openssl/bn.h>

namespace certcheck::weak {

inline constexpr std::size_t kPrimeMemoSize = 4096;

// True when w passed the test earlier in this process. Thread-safe.
bool remembered_prime(const BIGNUM* w);
// Records that w passed the test. Thread-safe.
void remember_prime(const BIGNUM* w);

// A uniformly random number in [0, range) (up to a 2^-64 bias) from the kernel's getrandom(2),
// for Miller-Rabin's bases: a one-triple `check` otherwise spends 8% of its instructions
// instantiating OpenSSL's DRBG for this alone. Falls back to BN_rand_range. Returns false on
// failure.
bool random_below(BIGNUM* out, const BIGNUM* range, BN_CTX* ctx);

}  // namespace certcheck::weak
