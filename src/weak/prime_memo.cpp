#include "weak/prime_memo.hpp"

#include <sys/random.h>

#include <cerrno>
#include <mutex>
#include <string>
#include <unordered_set>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace certcheck::weak {
namespace {

// Bytes that are cleansed when the string goes (the memo holds secret primes).
struct Secret {
    std::string bytes;
    explicit Secret(std::string b) : bytes(std::move(b)) {}
    Secret(const Secret&) = default;
    Secret(Secret&&) noexcept = default;
    Secret& operator=(const Secret&) = delete;
    Secret& operator=(Secret&&) = delete;
    ~Secret() {
        if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
    }
    bool operator==(const Secret& o) const noexcept { return bytes == o.bytes; }
};
struct SecretHash {
    std::size_t operator()(const Secret& s) const noexcept { return std::hash<std::string>{}(s.bytes); }
};

std::mutex memo_mutex;
std::unordered_set<Secret, SecretHash>& memo() {
    static std::unordered_set<Secret, SecretHash> set;
    return set;
}

std::string bytes_of(const BIGNUM* w) {
    std::string out(static_cast<std::size_t>(BN_num_bytes(w)), '\0');
    if (!out.empty()) BN_bn2bin(w, reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

}  // namespace

bool remembered_prime(const BIGNUM* w) {
    const Secret key{bytes_of(w)};
    std::lock_guard lock(memo_mutex);
    return memo().contains(key);
}

void remember_prime(const BIGNUM* w) {
    Secret key{bytes_of(w)};
    std::lock_guard lock(memo_mutex);
    auto& set = memo();
    if (set.size() >= kPrimeMemoSize) set.clear();
    set.insert(std::move(key));
}

bool random_below(BIGNUM* out, const BIGNUM* range, BN_CTX* ctx) {
    if (BN_is_zero(range) || BN_is_negative(range)) return false;
    // 64 bits more than the range, reduced modulo it: the bias is below 2^-64.
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(range)) + 8, '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return BN_rand_range(out, range) == 1;
        got += static_cast<std::size_t>(n);
    }
    return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), out) != nullptr &&
           BN_nnmod(out, out, range, ctx) == 1;
}

}  // namespace certcheck::weak
