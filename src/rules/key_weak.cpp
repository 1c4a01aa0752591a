// key-weak: no public key of the subject (the leaf's, the private key's, the chain's) can be
// broken: RSA with a small factor, Fermat-close primes, the ROCA fingerprint, a malformed modulus
// or exponent, or a prime shared with another key (batch GCD over a scan, pairwise in check);
// EC with a point off its curve or of small order. The arithmetic lives in src/weak/.
#include "rules/rules.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>

#include <fmt/format.h>

#include "weak/weak.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "key-weak", Severity::Error,
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
// by the SubjectPublicKeyInfo's key bytes; bounded (cleared when full).
std::optional<weak::Weakness> certificate_weakness(X509* x) {
    static std::mutex mutex;
    static std::map<std::string, std::optional<weak::Weakness>, std::less<>> memo;
    constexpr std::size_t kMemoSize = 4096;
    const ASN1_BIT_STRING* bits = X509_get0_pubkey_bitstr(x);
    if (bits == nullptr) return weak::certificate_key_weakness(x);
    std::string spki(reinterpret_cast<const char*>(ASN1_STRING_get0_data(bits)),
                     static_cast<std::size_t>(ASN1_STRING_length(bits)));
    {
        std::lock_guard lock(mutex);
        if (const auto it = memo.find(spki); it != memo.end()) return it->second;
    }
    auto w = weak::certificate_key_weakness(x);
    std::lock_guard lock(mutex);
    if (memo.size() >= kMemoSize) memo.clear();
    memo.emplace(std::move(spki), w);
    return w;
}

struct Found {
    std::string whose;  // "the certificate's key", "the private key", "chain[1] (CN=..., line 28)'s key"
    Location where;
    std::string text;
};

class KeyWeak final : public Rule {
public:
    KeyWeak() : Rule(kInfo, "no certificate or private key to read a public key from") {}
    bool applies(const Material& m, const Context&) const override {
        return m.leaf() != nullptr || m.usable_key() != nullptr || !m.chain_certs.empty();
    }
    Result check(const Material& m, const Context& ctx) const override {
        std::vector<Found> found;
        // The subject's RSA moduli, for the shared-prime test: (modulus, whose, where).
        std::vector<std::tuple<std::string, std::string, Location>> moduli;
        std::string leaf_modulus;
        if (const Certificate* leaf = m.leaf()) {
            const Location where = at_file(m.body, leaf->line);
            if (auto w = certificate_weakness(leaf->x509.get())) {
                found.push_back({"the certificate's key", where, std::move(w->text)});
            }
            leaf_modulus = weak::certificate_rsa_modulus(leaf->x509.get());
            if (!leaf_modulus.empty()) moduli.emplace_back(leaf_modulus, "the certificate's key", where);
        }
        if (const PrivateKey* k = m.usable_key(); k != nullptr && m.key) {
            // The private key's public part is the certificate's when they match: judged once.
            const bool same = !k->rsa_modulus.empty() && k->rsa_modulus == leaf_modulus;
            const Location where = at_file(*m.key, k->line);
            if (!same && (m.leaf() == nullptr || !matches_leaf(*k, *m.leaf()))) {
                if (auto w = weak::pkey_weakness(k->pkey.get())) found.push_back({"the private key", where, std::move(w->text)});
                if (!k->rsa_modulus.empty()) moduli.emplace_back(k->rsa_modulus, "the private key", where);
            }
        }
        for (std::size_t i = 0; i < m.chain_certs.size(); ++i) {
            const Certificate& c = m.chain_certs[i];
            const Location where = at_file(*m.chain, c.line);
            // The position and line tell it apart; chain_ref's namesake search is O(n) per certificate.
            const std::string whose = c.line > 0 ? fmt::format("the key of chain[{}] ({}, line {})", i, c.label, c.line)
                                                 : fmt::format("the key of chain[{}] ({})", i, c.label);
            if (auto w = certificate_weakness(c.x509.get())) found.push_back({whose, where, std::move(w->text)});
            std::string n = weak::certificate_rsa_modulus(c.x509.get());
            if (!n.empty()) moduli.emplace_back(std::move(n), whose, where);
        }
        shared_primes(m, ctx, moduli, found);
        if (found.empty()) {
            return Result::pass(fmt::format("{} checked: no small factor, Fermat-close primes, ROCA fingerprint, malformed "
                                            "modulus or exponent, shared prime, or invalid EC point", keys_checked(m)),
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

    // A scan hands every modulus of the run through batch GCD (ctx.shared_primes); `check` alone
    // compares the subject's own moduli with each other.
    static void shared_primes(const Material&, const Context& ctx,
                              const std::vector<std::tuple<std::string, std::string, Location>>& moduli,
                              std::vector<Found>& found) {
        if (ctx.shared_primes != nullptr) {
            for (const auto& [n, whose, where] : moduli) {
                if (const auto it = ctx.shared_primes->find(n); it != ctx.shared_primes->end()) {
                    found.push_back({whose, where, fmt::format("the RSA modulus shares a prime factor with the key in {} "
                                                               "(both keys can be factored)", it->second)});
                }
            }
            return;
        }
        std::vector<std::string> distinct;
        for (const auto& t : moduli) distinct.push_back(std::get<0>(t));
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        if (distinct.size() < 2) return;
        const auto partners = weak::shared_prime_partners(distinct);
        for (const auto& [n, whose, where] : moduli) {
            const auto i = static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), n) - distinct.begin());
            if (!partners[i]) continue;
            for (const auto& [n2, whose2, where2] : moduli) {
                if (n2 == distinct[*partners[i]]) {
                    found.push_back({whose, where, fmt::format("the RSA modulus shares a prime factor with {} (both "
                                                               "keys can be factored)", whose2)});
                    break;
                }
            }
        }
    }
};

}  // namespace

std::unique_ptr<Validator> make_key_weak() { return std::make_unique<KeyWeak>(); }

}  // namespace certcheck::rules
