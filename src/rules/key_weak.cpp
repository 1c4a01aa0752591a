// key-weak: no public key of the subject (the leaf's, the private key's, the chain's) can be
// broken: RSA with a small factor, Fermat-close primes, the ROCA fingerprint, a malformed modulus
// or exponent, or a prime shared with another key (batch GCD over a scan, pairwise in check);
// EC with a point off its curve or of small order. The arithmetic lives in src/weak/.
#include "rules/rules.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "weak/weak.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "key-weak",
    Severity::Error,
    "No public key of the subject can be factored or is malformed",
    "Nemec et al., The Return of Coppersmith's Attack (ROCA, CVE-2017-15361), CCS 2017; Heninger et al., Mining Your "
    "Ps and Qs, USENIX Security 2012 (shared primes, batch GCD); Böck, Fermat factorization in the wild, 2022 "
    "(CVE-2022-26320); FIPS 186-5 A.1.1 (RSA key pairs), SEC 1 v2 3.2.2.1 (EC public key validation); see "
    "docs/rules/key-weak.md",
    "generate a new key pair with a current library (OpenSSL: openssl genpkey), issue a new certificate for it, "
    "and revoke the certificate that carries the weak key",
};

// A CA certificate of the chain is met by every subject that uses it, and one key often sits in
// several certificates (renewals, a scan's copies): judge each public key once per run. Keyed
// by the SubjectPublicKeyInfo's key bytes (looked up without a copy); bounded (cleared when full).
std::optional<weak::Weakness> certificate_weakness(X509* x) {
    static std::mutex mutex;
    static std::map<std::string, std::optional<weak::Weakness>, std::less<>> memo;
    constexpr std::size_t kMemoSize = 4096;
    const ASN1_BIT_STRING* bits = X509_get0_pubkey_bitstr(x);
    if (bits == nullptr) return weak::certificate_key_weakness(x);
    const std::string_view spki(reinterpret_cast<const char*>(ASN1_STRING_get0_data(bits)),
                                static_cast<std::size_t>(ASN1_STRING_length(bits)));
    {
        std::lock_guard lock(mutex);
        if (const auto it = memo.find(spki); it != memo.end()) return it->second;
    }
    auto w = weak::certificate_key_weakness(x);
    std::lock_guard lock(mutex);
    if (memo.size() >= kMemoSize) memo.clear();
    memo.emplace(std::string(spki), w);
    return w;
}

struct Found {
    std::string whose;  // "the certificate's key", "the private key", "the key of chain[1] (CN=..., line 28)"
    Location where;
    std::string text;
};

// A public key of the subject. Its name for messages is made only when a message needs it.
struct Held {
    int index = 0;  // kLeaf, kPrivateKey or an index into chain_certs
    Location where;
    std::string modulus;  // RSA: big-endian, no leading zeros; "" otherwise
};
constexpr int kLeaf = -1;
constexpr int kPrivateKey = -2;

std::string whose(const Material& m, int index) {
    if (index == kLeaf) return "the certificate's key";
    if (index == kPrivateKey) return "the private key";
    return fmt::format("the key of {}", chain_ref(m, index));
}

class KeyWeak final : public Rule {
public:
    KeyWeak() : Rule(kInfo, "no certificate or private key to read a public key from") {}
    bool applies(const Material& m, const Context&) const override {
        return m.leaf() != nullptr || m.usable_key() != nullptr || !m.chain_certs.empty();
    }
    Result check(const Material& m, const Context& ctx) const override {
        std::vector<Found> found;
        std::vector<Held> held;  // every public key judged, with its RSA modulus for the shared-prime test
        held.reserve(2 + m.chain_certs.size());
        // The moduli are only read when a shared-prime test will use them: a scan that found no
        // shared prime at all (the usual case) needs none of them.
        const bool need_moduli = ctx.shared_primes == nullptr || !ctx.shared_primes->empty();
        auto judge_cert = [&](X509* x, int index, Location where) {
            if (auto w = certificate_weakness(x)) found.push_back({whose(m, index), where, std::move(w->text)});
            held.push_back({index, std::move(where), need_moduli ? weak::certificate_rsa_modulus(x) : std::string{}});
        };
        if (const Certificate* leaf = m.leaf()) judge_cert(leaf->x509.get(), kLeaf, at_file(m.body, leaf->line));
        if (const PrivateKey* k = m.usable_key(); k != nullptr && m.key) {
            // The private key's public part is the certificate's when they match: judged once.
            const bool same = m.leaf() != nullptr && !k->rsa_modulus.empty() &&
                              k->rsa_modulus == (need_moduli ? held.front().modulus : weak::certificate_rsa_modulus(m.leaf()->x509.get()));
            if (!same && (m.leaf() == nullptr || !matches_leaf(*k, *m.leaf()))) {
                Location where = at_file(*m.key, k->line);
                if (auto w = weak::pkey_weakness(k->pkey.get())) found.push_back({whose(m, kPrivateKey), where, std::move(w->text)});
                held.push_back({kPrivateKey, std::move(where), k->rsa_modulus});
            }
        }
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            const Certificate& c = m.chain_certs[i];
            judge_cert(c.x509.get(), static_cast<int>(i), at_file(*m.chain, c.line));
        }
        shared_primes(m, ctx, held, found);
        if (found.empty()) {
            return Result::pass(fmt::format("{} checked: no small factor, Fermat-close primes, ROCA fingerprint, malformed "
                                            "modulus or exponent, shared prime, or invalid EC point",
                                            keys_checked(m)),
                                m.leaf() != nullptr ? std::optional{at_file(m.body, m.leaf()->line)} : std::nullopt);
        }
        std::string msg = fmt::format("{}: {}", found.front().whose, found.front().text);
        if (found.size() > 1) {
            msg += list_some(found.size() - 1, "", [&](std::size_t i) {
                return fmt::format("; {}: {}", found[i + 1].whose, found[i + 1].text);
            });
        }
        return Result::fail(std::move(msg), found.front().where);
    }

private:
    static bool matches_leaf(const PrivateKey& k, const Certificate& leaf) {
        EVP_PKEY* pub = X509_get0_pubkey(leaf.x509.get());
        const bool eq = pub != nullptr && k.pkey && EVP_PKEY_eq(pub, k.pkey.get()) == 1;
        ossl::clear_errors();
        return eq;
    }

    static std::string keys_checked(const Material& m) {
        std::size_t n = (m.leaf() != nullptr ? 1 : 0) + m.chain_certs.size();
        if (m.leaf() == nullptr && m.usable_key() != nullptr) ++n;
        return n == 1 ? std::string{"1 public key"} : fmt::format("{} public keys", n);
    }

    // A scan hands every modulus of the run through batch GCD (ctx.shared_primes: the moduli that
    // share a prime, usually none); `check` alone compares the subject's own moduli with each other.
    static void shared_primes(const Material& m, const Context& ctx, const std::vector<Held>& held, std::vector<Found>& found) {
        if (ctx.shared_primes != nullptr) {
            if (ctx.shared_primes->empty()) return;
            for (const Held& h : held) {
                if (h.modulus.empty()) continue;
                if (const auto it = ctx.shared_primes->find(h.modulus); it != ctx.shared_primes->end()) {
                    found.push_back({whose(m, h.index), h.where,
                                     fmt::format("the RSA modulus shares a prime factor with the key in {} (both keys can be "
                                                 "factored)",
                                                 it->second)});
                }
            }
            return;
        }
        std::vector<std::string> distinct;
        for (const Held& h : held) {
            if (!h.modulus.empty()) distinct.push_back(h.modulus);
        }
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        if (distinct.size() < 2) return;
        const auto partners = weak::shared_prime_partners(distinct);
        for (const Held& h : held) {
            if (h.modulus.empty()) continue;
            const auto i = static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), h.modulus) - distinct.begin());
            if (!partners[i]) continue;
            for (const Held& other : held) {
                if (other.modulus == distinct[*partners[i]]) {
                    found.push_back({whose(m, h.index), h.where, fmt::format("the RSA modulus shares a prime factor with {} "
                                                                             "(both keys can be factored)",
                                                                             whose(m, other.index))});
                    break;
                }
            }
        }
    }
};

}  // namespace

// catalogue: 110
std::unique_ptr<Validator> make_key_weak() { return std::make_unique<KeyWeak>(); }

}  // namespace certcheck::rules
