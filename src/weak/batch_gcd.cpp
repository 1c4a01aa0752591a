// Batch GCD (D. J. Bernstein, "How to find smooth parts of integers", 2004; used on TLS and SSH
// keys by Heninger, Durumeric, Wustrow, Halderman, "Mining Your Ps and Qs", USENIX Security 2012):
//   product tree:   the moduli multiplied pairwise, up to the root's two children (the product
//                   of all of them is never needed);
//   remainder tree: for every node v, r_v = (product of the moduli outside v) mod prod(v),
//                   going down from the root;
//   at the leaves:  g_i = gcd(r_i, n_i) = gcd(P / n_i, n_i), which is > 1 exactly when n_i
//                   shares a prime with some other n_j.
// The textbook form reduces P modulo n_v^2 down the tree and divides by n_i at the leaves; here a
// child a with sibling b gets r_a = ((r_v mod prod(a)) * prod(b)) mod prod(a): two balanced
// divisions and one balanced multiplication per node, on numbers half the size of the squares.
//
// The tree is balanced (each node splits its range in halves), so the two halves cost the same:
// with two threads, each half's product tree, its top remainder and its whole descent run on a
// thread of their own, with no synchronisation below the root. Nodes of at most kBlock moduli
// are not stored (recomputed from the moduli when the descent reaches them: a few small
// multiplications), and each stored product is freed as soon as the descent has used it, so
// memory falls as the descent goes on.
#include <algorithm>
#include <map>

#include "common/parallel.hpp"
#include "weak/gmp.hpp"
#include "weak/weak.hpp"

namespace certcheck::weak {
namespace {

// Subtrees of at most this many moduli are recomputed rather than stored: it saves the bottom
// six levels of the tree (a third of its memory at 100,000 moduli) for under 1% more
// multiplication (small numbers, multiplied again at each level of the block).
constexpr std::size_t kBlock = 32;

struct Node {
    std::size_t id = 1;  // heap numbering: the root is 1, the children of v are 2v and 2v + 1
    std::size_t lo = 0;
    std::size_t hi = 0;
    [[nodiscard]] std::size_t size() const { return hi - lo; }
    [[nodiscard]] std::size_t mid() const { return lo + size() / 2; }
    [[nodiscard]] Node left() const { return {2 * id, lo, mid()}; }
    [[nodiscard]] Node right() const { return {2 * id + 1, mid(), hi}; }
};

// Runs a() and b() on two threads when `split`, else one after the other; an exception in either
// (a bad_alloc at the top of a large tree) reaches the caller once both have stopped.
template <typename A, typename B>
void both(bool split, const A& a, const B& b) {
    parallel_for(2, split ? 2U : 1U, [&](std::size_t i, unsigned) { i == 0 ? a() : b(); });
}

class Trees {
public:
    Trees(const std::vector<std::string>& moduli, unsigned threads) : moduli_(moduli), g_(moduli.size()) {
        while ((1U << spawn_) < threads && spawn_ < 4) ++spawn_;
        std::size_t ids = 2;
        while (ids < 2 * moduli.size()) ids *= 2;
        prod_.resize(2 * ids);
    }

    std::vector<Z> run() {
        const Node root{1, 0, moduli_.size()};
        if (root.size() < 2) {
            for (Z& x : g_) mpz_set_ui(x.get(), 1);
            return std::move(g_);
        }
        build(root, spawn_);
        descend(root, Z(1), spawn_);
        return std::move(g_);
    }

private:
    [[nodiscard]] bool stored(const Node& v) const { return v.id != 1 && v.size() > kBlock; }

    // A modulus as an integer; 0 (which the callers never pass) is read as 1 so that no division
    // by zero can happen: it is then never flagged.
    [[nodiscard]] Z leaf(std::size_t i) const {
        Z n = from_bytes(moduli_[i]);
        if (mpz_sgn(n.get()) == 0) mpz_set_ui(n.get(), 1);
        return n;
    }

    // The product of a node that is not stored, from the moduli.
    [[nodiscard]] Z computed(const Node& v) const {
        if (v.size() == 1) return leaf(v.lo);
        Z a = computed(v.left());
        const Z b = computed(v.right());
        mpz_mul(a.get(), a.get(), b.get());
        return a;
    }

    // Stores the products of v's stored nodes (v's own too unless it is the root).
    void build(const Node& v, unsigned spawn) {
        if (!stored(v) && v.id != 1) return;
        const Node a = v.left();
        const Node b = v.right();
        both(
            spawn > 0, [&] { build(a, spawn == 0 ? 0 : spawn - 1); }, [&] { build(b, spawn == 0 ? 0 : spawn - 1); });
        if (v.id == 1) return;
        Z ta;
        Z tb;
        mpz_mul(prod_[v.id].get(), product(a, ta), product(b, tb));
    }

    // v's product: the stored one, or computed into `scratch`.
    mpz_srcptr product(const Node& v, Z& scratch) const {
        if (stored(v)) return prod_[v.id].get();
        scratch = computed(v);
        return scratch.get();
    }

    // r = (product of the moduli outside v) mod prod(v); the root's is 1 (nothing outside it).
    void descend(const Node& v, Z r, unsigned spawn) {
        if (v.size() == 1) {
            const Z n = leaf(v.lo);
            mpz_gcd(g_[v.lo].get(), r.get(), n.get());
            return;
        }
        if (stored(v)) prod_[v.id].release();  // the parent has used it: v's children take over
        const Node a = v.left();
        const Node b = v.right();
        Z ra;
        Z rb;
        {
            Z sa;
            Z sb;
            const mpz_srcptr pa = product(a, sa);
            const mpz_srcptr pb = product(b, sb);
            const bool root = v.id == 1;
            // r_a = ((r mod prod(a)) * prod(b)) mod prod(a); at the root r = 1: r_a = prod(b) mod prod(a).
            auto step = [&](Z& out, mpz_srcptr own, mpz_srcptr sibling) {
                if (root) {
                    mpz_tdiv_r(out.get(), sibling, own);
                } else {
                    mpz_tdiv_r(out.get(), r.get(), own);
                    mpz_mul(out.get(), out.get(), sibling);
                    mpz_tdiv_r(out.get(), out.get(), own);
                }
            };
            both(
                spawn > 0, [&] { step(ra, pa, pb); }, [&] { step(rb, pb, pa); });
        }
        r.release();
        const unsigned below = spawn == 0 ? 0 : spawn - 1;
        both(
            spawn > 0, [&] { descend(a, std::move(ra), below); }, [&] { descend(b, std::move(rb), below); });
    }

    const std::vector<std::string>& moduli_;
    std::vector<Z> g_;
    std::vector<Z> prod_;  // by node id; only stored nodes are ever set
    unsigned spawn_ = 0;   // levels at which the work splits over two threads (threads <= 2^spawn_)
};

// gcd(n_i, product of the others) for every i: 1 when n_i shares no prime.
std::vector<Z> shared_parts(const std::vector<std::string>& moduli, unsigned threads) {
    return Trees(moduli, std::max(1U, threads)).run();
}

}  // namespace

std::vector<bool> batch_gcd(const std::vector<std::string>& moduli, unsigned threads) {
    const std::vector<Z> g = shared_parts(moduli, threads);
    std::vector<bool> shares(moduli.size(), false);
    for (std::size_t i = 0; i < g.size(); ++i) shares[i] = mpz_cmp_ui(g[i].get(), 1) != 0;
    return shares;
}

std::vector<std::optional<std::size_t>> shared_prime_partners(const std::vector<std::string>& moduli, unsigned threads) {
    const std::vector<Z> g = shared_parts(moduli, threads);
    std::vector<std::size_t> flagged;
    for (std::size_t i = 0; i < moduli.size(); ++i) {
        if (mpz_cmp_ui(g[i].get(), 1) != 0) flagged.push_back(i);
    }
    std::vector<std::optional<std::size_t>> partner(moduli.size());
    // Usually two moduli share one prime and both have it as their shared part: pair equal parts
    // first (sorted, so the lowest other index wins), then search the rest of the flagged set.
    std::map<std::string, std::vector<std::size_t>> by_part;
    for (const std::size_t i : flagged) by_part[to_bytes(g[i].get())].push_back(i);
    std::vector<std::size_t> unpaired;
    for (const std::size_t i : flagged) {
        const auto& same = by_part[to_bytes(g[i].get())];
        if (same.size() > 1) {
            partner[i] = same.front() != i ? same.front() : same[1];
        } else {
            unpaired.push_back(i);
        }
    }
    parallel_for(unpaired.size(), threads, [&](std::size_t a, unsigned) {
        const std::size_t i = unpaired[a];
        Z other;
        Z common;
        for (const std::size_t j : flagged) {
            if (j == i) continue;
            other = from_bytes(moduli[j]);
            mpz_gcd(common.get(), g[i].get(), other.get());
            if (mpz_cmp_ui(common.get(), 1) != 0) {
                partner[i] = j;
                return;
            }
        }
    });
    return partner;
}

}  // namespace certcheck::weak
