#include "weak/prime_memo.hpp"

#include <mutex>
#include <string>
#include <unordered_set>

#include <openssl/crypto.h>

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

}  // namespace certcheck::weak
