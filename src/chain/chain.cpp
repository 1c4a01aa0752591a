// The chain model: candidates indexed by subject name, issuing relations verified once by
// certificate identity, one preferred path, and a role for every chain-file certificate.
#include "certcheck/chain.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "certcheck/load.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "certcheck/validator.hpp"
#include "common/x509util.hpp"
#include "load/assemble.hpp"

namespace certcheck {
namespace {

struct Candidate {
    const Certificate* cert = nullptr;
    ChainSource source = ChainSource::Chain;
    int index = 0;  // in its source list
    int first = 0;  // the candidate index of its first identical copy
    bool leaf_copy = false;
};

bool valid_at(const Certificate& c, std::time_t at) {
    const auto nb = x509::to_time(X509_get0_notBefore(c.x509.get()));
    const auto na = x509::to_time(X509_get0_notAfter(c.x509.get()));
    return nb && na && at >= *nb && at <= *na;
}

unsigned long name_hash(const X509_NAME* name) {
    int ok = 0;
    const unsigned long h = X509_NAME_hash_ex(name, nullptr, nullptr, &ok);
    if (ok == 0) ossl::clear_errors();
    return ok != 0 ? h : 0;
}

// The child's authority key identifier names another key than the parent's subject key identifier.
bool key_ids_differ(X509* child, X509* parent) {
    const ASN1_OCTET_STRING* akid = X509_get0_authority_key_id(child);
    const ASN1_OCTET_STRING* skid = X509_get0_subject_key_id(parent);
    return akid != nullptr && skid != nullptr && ASN1_OCTET_STRING_cmp(akid, skid) != 0;
}

// The first certificate on `path` (the leaf's issuer first) that may not issue the one below it,
// or whose name constraints a certificate below it breaks (defined below).
std::optional<IssuerFault> path_fault(const std::vector<PathLink>& path, X509* leaf);

class Builder {
public:
    Builder(const ChainInputs& in, const Context& ctx, ChainModel& out) : in_(in), ctx_(ctx), out_(out) {}

    void run() {
        const Certificate& leaf = *in_.leaf;
        add(in_.chain, ChainSource::Chain);
        add(in_.body, ChainSource::Body);
        add(in_.bundle, ChainSource::Bundle);
        add(in_.anchors, ChainSource::Anchor);
        add(in_.fetched, ChainSource::Fetched);
        out_.chain.assign(in_.chain != nullptr ? in_.chain->size() : 0, {});
        out_.body.assign(in_.body != nullptr ? in_.body->size() : 0, {});
        out_.bundle.assign(in_.bundle != nullptr ? in_.bundle->size() : 0, {});

        if (is_anchor(leaf)) {
            out_.end = PathEnd::Anchor;
        } else if (leaf.self_signed) {
            out_.end = PathEnd::Root;
        } else {
            std::vector<PathLink> path;
            std::vector<bool> on_path(cands_.size(), false);
            searching_ = true;
            search(leaf, -1, path, on_path);
            searching_ = false;
            if (found_) {
                out_.path = std::move(best_);
                out_.end = best_end_;
                out_.fault = std::move(best_fault_);
            } else {
                out_.path = std::move(longest_);
                out_.end = PathEnd::Missing;
                const Certificate& last = out_.path.empty() ? leaf : *out_.path.back().cert;
                out_.missing_issuer = last.issuer;
                out_.missing_after = last.label;
                out_.fault = path_fault(out_.path, leaf.x509.get());
            }
        }
        classify();
        file_order();
        if (stopped_) {
            out_.end = PathEnd::TooMany;
            out_.fault.reset();
            out_.too_many = fmt::format(
                "too many certificates to analyse: {} candidate certificates; certcheck stops after {} signature checks and "
                "{} path steps per subject",
                cands_.size(), kMaxSignatureChecks, kMaxPathExpansions);
        }
        out_.signature_checks = checks_;
    }

private:
    void add(const std::vector<Certificate>* list, ChainSource source) {
        if (list == nullptr) return;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Certificate& c = (*list)[i];
            Candidate cand{&c, source, static_cast<int>(i), static_cast<int>(cands_.size()), false};
            cand.leaf_copy = same(c, *in_.leaf);
            // Identical copies share one candidate: the first (by fingerprint, X509_cmp confirms).
            auto& seen = by_fingerprint_[c.fingerprint];
            for (const int j : seen) {
                if (same(*cands_[static_cast<std::size_t>(j)].cert, c)) {
                    cand.first = j;
                    break;
                }
            }
            if (cand.first == static_cast<int>(cands_.size())) seen.push_back(cand.first);
            if (cand.first == static_cast<int>(cands_.size()) && !cand.leaf_copy) {
                by_subject_[name_hash(X509_get_subject_name(c.x509.get()))].push_back(cand.first);
            }
            cands_.push_back(cand);
        }
    }

    static bool same(const Certificate& a, const Certificate& b) {
        if (!a.fingerprint.empty() && !b.fingerprint.empty()) return a.fingerprint == b.fingerprint;
        return x509::same_cert(a.x509.get(), b.x509.get());
    }

    bool is_anchor(const Certificate& c) const {
        if (in_.anchors == nullptr) return false;
        return std::any_of(in_.anchors->begin(), in_.anchors->end(), [&](const Certificate& a) { return same(a, c); });
    }

    // Did parent issue child? The name first (free), then the signature, once per pair of
    // identities and within the bound (callers use the key identifiers to order and limit the
    // candidates they ask about).
    bool issued(const Certificate& child, const Certificate& parent) {
        if (X509_NAME_cmp(X509_get_issuer_name(child.x509.get()), X509_get_subject_name(parent.x509.get())) != 0) return false;
        if (same(child, parent)) return child.self_signed;
        auto key = std::make_pair(child.fingerprint, parent.fingerprint);
        if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
        if (checks_ >= kMaxSignatureChecks) {
            stop();
            return false;
        }
        ++checks_;
        const bool ok = ctx_.cache != nullptr ? ctx_.cache->issued_by(child, parent)
                                              : x509::issued_by(child.x509.get(), parent.x509.get());
        memo_.emplace(std::move(key), ok);
        return ok;
    }

    // Candidates that issued child, in the order the path prefers them: anchors, then those valid
    // at --at, then the one after child in the chain file, then source and file order.
    std::vector<int> issuers_of(const Certificate& child, int child_cand, const std::vector<bool>& on_path) {
        std::vector<int> out;
        const auto it = by_subject_.find(name_hash(X509_get_issuer_name(child.x509.get())));
        if (it == by_subject_.end()) return out;
        // The key identifiers say which candidates to try; the signature decides. A candidate whose
        // subject key identifier differs from the child's authority key identifier is tried only when
        // none that agrees issued it (a CA re-issued with the same key but a new identifier still
        // verifies), and only a few of them, so that many same-name certificates cost little.
        std::vector<int> disagreeing;
        for (const int j : it->second) {
            if (on_path[static_cast<std::size_t>(j)] || j == child_cand) continue;
            if (key_ids_differ(child.x509.get(), cands_[static_cast<std::size_t>(j)].cert->x509.get())) {
                disagreeing.push_back(j);
                continue;
            }
            if (issued(child, *cands_[static_cast<std::size_t>(j)].cert)) out.push_back(j);
        }
        if (out.empty()) {
            constexpr std::size_t kMaxDisagreeing = 8;
            for (std::size_t k = 0; k < disagreeing.size() && k < kMaxDisagreeing; ++k) {
                if (issued(child, *cands_[static_cast<std::size_t>(disagreeing[k])].cert)) out.push_back(disagreeing[k]);
            }
        }
        const Candidate* from = child_cand >= 0 ? &cands_[static_cast<std::size_t>(child_cand)] : nullptr;
        const auto rank = [&](int j) {
            const Candidate& c = cands_[static_cast<std::size_t>(j)];
            const bool next_in_file = from != nullptr ? (c.source == from->source && c.index == from->index + 1)
                                                      : (c.source == ChainSource::Chain && c.index == 0);
            return std::make_tuple(c.source == ChainSource::Anchor || is_anchor(*c.cert) ? 0 : 1, valid_at(*c.cert, ctx_.at) ? 0 : 1,
                                   next_in_file ? 0 : 1, static_cast<int>(c.source), c.index);
        };
        std::stable_sort(out.begin(), out.end(), [&](int a, int b) { return rank(a) < rank(b); });
        return out;
    }

    const Certificate* from_store(const Certificate& child) {
        if (!in_.trust_store || ctx_.trust == nullptr) return nullptr;
        const auto memo = store_memo_.find(child.fingerprint);
        if (memo != store_memo_.end()) return memo->second;
        const Certificate* found = nullptr;
        if (ossl::X509Ptr x = ctx_.trust->issuer_of(child.x509.get())) {
            out_.owned.push_back(std::make_unique<Certificate>(make_certificate(std::move(x), 0)));
            found = out_.owned.back().get();
        }
        store_memo_.emplace(child.fingerprint, found);
        return found;
    }

    // Depth-first, in preference order; the first complete path wins. Returns true when found.
    bool search(const Certificate& node, int node_cand, std::vector<PathLink>& path, std::vector<bool>& on_path) {
        if (stopped_ || settled_) return false;
        if (++expansions_ > kMaxPathExpansions) {
            stop();
            return false;
        }
        if (static_cast<int>(path.size()) >= kMaxPathCertificates) return note_incomplete(path);
        const std::vector<int> issuers = issuers_of(node, node_cand, on_path);
        const auto try_candidate = [&](int j) {
            const Candidate& c = cands_[static_cast<std::size_t>(j)];
            path.push_back({c.source, c.index, c.cert});
            on_path[static_cast<std::size_t>(j)] = true;
            bool done = false;
            if (c.source == ChainSource::Anchor || is_anchor(*c.cert)) done = finish(path, PathEnd::Anchor);
            else if (c.cert->self_signed) done = finish(path, PathEnd::Root);
            else done = search(*c.cert, j, path, on_path);
            if (!done) {
                path.pop_back();
                on_path[static_cast<std::size_t>(j)] = false;
            }
            return done;
        };
        for (const int j : issuers) {
            if (valid_at(*cands_[static_cast<std::size_t>(j)].cert, ctx_.at) && try_candidate(j)) return true;
        }
        if (const Certificate* stored = from_store(node)) {
            const bool in_path = std::any_of(path.begin(), path.end(), [&](const PathLink& l) { return same(*l.cert, *stored); });
            if (!in_path) {
                path.push_back({ChainSource::TrustStore, -1, stored});
                if (stored->self_signed ? finish(path, PathEnd::TrustStore) : search(*stored, -1, path, on_path)) return true;
                path.pop_back();
            }
        }
        for (const int j : issuers) {
            if (!valid_at(*cands_[static_cast<std::size_t>(j)].cert, ctx_.at) && try_candidate(j)) return true;
        }
        return note_incomplete(path);
    }

    // A complete path. One whose issuers may all issue what they issued ends the search; the first
    // one with a fault is kept while the search goes on for another (a client that builds paths,
    // as browsers do, takes the other: x509-limbo's rfc5280::nc::nc-forbids-same-chain-ica).
    bool finish(const std::vector<PathLink>& path, PathEnd end) {
        std::optional<IssuerFault> fault = path_fault(path, in_.leaf->x509.get());
        const bool faulty = fault.has_value();
        if (!found_ || !faulty) {
            best_ = path;
            best_end_ = end;
            best_fault_ = std::move(fault);
            found_ = true;
        }
        return !faulty;
    }

    // A bound is reached: a search with a complete path in hand just ends; otherwise (no path yet,
    // or after the search) the model is TooMany.
    void stop() {
        if (searching_ && found_) {
            settled_ = true;
        } else {
            stopped_ = true;
        }
    }

    bool note_incomplete(const std::vector<PathLink>& path) {
        const auto from_chain = [](const std::vector<PathLink>& p) {
            return std::count_if(p.begin(), p.end(), [](const PathLink& l) { return l.source == ChainSource::Chain; });
        };
        if (!have_longest_ || path.size() > longest_.size() ||
            (path.size() == longest_.size() && from_chain(path) > from_chain(longest_))) {
            longest_ = path;
            have_longest_ = true;
        }
        return false;
    }

    std::vector<ChainEntry>& entries(ChainSource s) {
        if (s == ChainSource::Body) return out_.body;
        if (s == ChainSource::Bundle) return out_.bundle;
        return out_.chain;
    }

    void classify() {
        // Path positions by candidate.
        std::vector<int> path_pos(cands_.size(), -1);
        for (std::size_t p = 0; p < out_.path.size(); ++p) {
            const PathLink& l = out_.path[p];
            for (std::size_t j = 0; j < cands_.size(); ++j) {
                if (cands_[j].source == l.source && cands_[j].index == l.index && l.source != ChainSource::TrustStore) path_pos[j] = static_cast<int>(p);
            }
        }
        std::vector<int> leftovers;  // unique, off-path chain-file candidates
        std::size_t off_path_roots = 0;
        for (std::size_t j = 0; j < cands_.size(); ++j) {
            const Candidate& c = cands_[j];
            if (c.source == ChainSource::Anchor || c.source == ChainSource::TrustStore || c.source == ChainSource::Fetched) continue;
            ChainEntry& e = entries(c.source)[static_cast<std::size_t>(c.index)];
            if (c.leaf_copy) {
                e.role = ChainRole::LeafCopy;
            } else if (path_pos[j] >= 0) {
                e.role = ChainRole::OnPath;
                e.same_as = path_pos[j];
            } else if (c.first != static_cast<int>(j)) {
                const Candidate& first = cands_[static_cast<std::size_t>(c.first)];
                e.role = first.leaf_copy ? ChainRole::LeafCopy : ChainRole::Duplicate;
                e.same_as = first.source == c.source ? first.index : -1;
            } else if (const int alt = alternate_of(*c.cert); alt != -2) {
                e.role = ChainRole::Alternate;
                e.same_as = alt;
            } else {
                e.role = ChainRole::Unrelated;
                if (c.source == ChainSource::Chain) {
                    leftovers.push_back(static_cast<int>(j));
                    if (c.cert->self_signed) ++off_path_roots;
                }
            }
        }
        out_.pasted_store = off_path_roots >= kPastedStoreRoots;
        if (out_.end != PathEnd::Missing || out_.pasted_store) return;
        // Above the gap: a root, or a CA certificate linked to another leftover, may well belong
        // above the missing certificate. Links are found through the name index, not every pair.
        std::vector<bool> linked(cands_.size(), false);
        for (const int j : leftovers) {
            const Certificate& c = *cands_[static_cast<std::size_t>(j)].cert;
            if (c.self_signed) linked[static_cast<std::size_t>(j)] = true;
            const auto it = by_subject_.find(name_hash(X509_get_issuer_name(c.x509.get())));
            if (it == by_subject_.end()) continue;
            for (const int k : it->second) {
                if (k == j || std::find(leftovers.begin(), leftovers.end(), k) == leftovers.end()) continue;
                if (key_ids_differ(c.x509.get(), cands_[static_cast<std::size_t>(k)].cert->x509.get())) continue;  // a hint is enough here
                if (issued(c, *cands_[static_cast<std::size_t>(k)].cert)) {
                    linked[static_cast<std::size_t>(j)] = true;
                    linked[static_cast<std::size_t>(k)] = true;
                }
            }
        }
        for (const int j : leftovers) {
            if (linked[static_cast<std::size_t>(j)]) out_.chain[static_cast<std::size_t>(cands_[static_cast<std::size_t>(j)].index)].role = ChainRole::AboveGap;
        }
    }

    // The path position a certificate stands in for (same subject as a path certificate), -1 for
    // the missing issuer's name, -2 when it is no alternate.
    int alternate_of(const Certificate& c) const {
        const X509_NAME* subject = X509_get_subject_name(c.x509.get());
        for (std::size_t p = 0; p < out_.path.size(); ++p) {
            if (X509_NAME_cmp(subject, X509_get_subject_name(out_.path[p].cert->x509.get())) == 0) return static_cast<int>(p);
        }
        if (out_.end == PathEnd::Missing) {
            const Certificate& last = out_.path.empty() ? *in_.leaf : *out_.path.back().cert;
            if (X509_NAME_cmp(subject, X509_get_issuer_name(last.x509.get())) == 0) return -1;
        }
        return -2;
    }

    // As AWS reads the file: chain[0] issued the leaf and chain[i] issued chain[i-1].
    void file_order() {
        if (in_.chain == nullptr) return;
        const std::vector<Certificate>& chain = *in_.chain;
        for (std::size_t i = 0; i < chain.size(); ++i) {
            const Certificate& child = i == 0 ? *in_.leaf : chain[i - 1];
            if (!issued(child, chain[i])) {
                out_.first_bad = static_cast<int>(i);
                return;
            }
        }
    }

    const ChainInputs& in_;
    const Context& ctx_;
    ChainModel& out_;
    std::vector<Candidate> cands_;
    std::unordered_map<std::string, std::vector<int>> by_fingerprint_;
    std::unordered_map<unsigned long, std::vector<int>> by_subject_;
    std::map<std::pair<std::string, std::string>, bool> memo_;
    std::unordered_map<std::string, const Certificate*> store_memo_;
    int checks_ = 0;
    int expansions_ = 0;
    bool stopped_ = false;
    bool searching_ = false;
    bool settled_ = false;  // a bound was reached after a complete path was found: keep it
    bool found_ = false;
    bool have_longest_ = false;
    std::vector<PathLink> best_;
    std::optional<IssuerFault> best_fault_;
    PathEnd best_end_ = PathEnd::Missing;
    std::vector<PathLink> longest_;
};

std::string date_of(const ASN1_TIME* t) {
    const auto v = x509::to_time(t);
    return v ? x509::format_time(*v).substr(0, 10) : std::string{"(unreadable)"};
}

}  // namespace

std::vector<int> ChainModel::chain_with(ChainRole role) const {
    std::vector<int> out;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (chain[i].role == role) out.push_back(static_cast<int>(i));
    }
    return out;
}

std::vector<int> ChainModel::chain_extras() const {
    std::vector<int> out;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        const ChainRole r = chain[i].role;
        if (r == ChainRole::Duplicate || r == ChainRole::Alternate || r == ChainRole::Unrelated) out.push_back(static_cast<int>(i));
    }
    return out;
}

std::vector<int> ChainModel::path_chain_indices() const {
    std::vector<int> out;
    for (const PathLink& l : path) out.push_back(l.source == ChainSource::Chain ? l.index : -1);
    return out;
}

const PathLink* ChainModel::last_from_chain() const {
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        if (it->source == ChainSource::Chain) return &*it;
    }
    return nullptr;
}

ChainModel build_chain_model(const ChainInputs& in, const Context& ctx) {
    ChainModel out;
    if (in.leaf == nullptr) return out;
    Builder(in, ctx, out).run();
    ossl::clear_errors();
    return out;
}

const ChainModel* chain_model(const Material& m, const Context& ctx) {
    const Certificate* leaf = m.leaf();
    if (leaf == nullptr) return nullptr;
    const LoadedFile* anchor = ctx.roles_anywhere != nullptr && ctx.roles_anywhere->anchor ? &*ctx.roles_anywhere->anchor : nullptr;
    Material::ModelMemo& memo = m.model_memo;
    if (memo.model && memo.at == ctx.at && memo.trust == ctx.trust && memo.anchors == anchor) return memo.model.get();
    ChainInputs in;
    in.leaf = leaf;
    in.chain = &m.chain_certs;
    in.anchors = anchor != nullptr ? &anchor->certs : nullptr;
    // Without a chain file there is nothing of the user's to complete: the trust store (the
    // system bundle costs ~20 ms to load) is asked only when a chain was given.
    in.trust_store = m.chain.has_value() && anchor == nullptr;
    memo.model = std::make_shared<const ChainModel>(build_chain_model(in, ctx));
    memo.at = ctx.at;
    memo.trust = ctx.trust;
    memo.anchors = anchor;
    return memo.model.get();
}

namespace {

// Why x may not issue the certificate below it (X509_check_ca said no).
std::string not_an_issuer(X509* x) {
    const std::uint32_t flags = X509_get_extension_flags(x);
    if ((flags & EXFLAG_BCONS) == 0) {
        return fmt::format("is not a CA certificate (no basicConstraints extension, X.509 version {})", X509_get_version(x) + 1);
    }
    if ((flags & EXFLAG_CA) == 0) return "is not a CA certificate (basicConstraints CA:FALSE)";
    return "has a keyUsage without keyCertSign";
}

// ---- name constraints (RFC 5280 4.2.1.10, 6.1.3 (b), (c)), judged as OpenSSL judges them

struct NameConstraintsFree {
    void operator()(NAME_CONSTRAINTS* nc) const noexcept { NAME_CONSTRAINTS_free(nc); }
};
using NameConstraintsPtr = std::unique_ptr<NAME_CONSTRAINTS, NameConstraintsFree>;

NameConstraintsPtr name_constraints_of(X509* x) {
    NameConstraintsPtr nc{static_cast<NAME_CONSTRAINTS*>(X509_get_ext_d2i(x, NID_name_constraints, nullptr, nullptr))};
    ossl::clear_errors();
    return nc;
}

bool has_dns_san(X509* x) {
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
    ossl::clear_errors();
    bool dns = false;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) dns = dns || sk_GENERAL_NAME_value(names, i)->type == GEN_DNS;
    GENERAL_NAMES_free(names);
    return dns;
}

// OpenSSL's verdict (X509_V_OK or the X509_V_ERR_ it gives) on x under nc, as X509_verify_cert
// reaches it: the subject name and every subjectAltName, and for the leaf without a DNS
// subjectAltName also its CN read as a host name.
int name_constraints_verdict(X509* x, NAME_CONSTRAINTS* nc, bool leaf) {
    int rv = NAME_CONSTRAINTS_check(x, nc);
    if (rv == X509_V_OK && leaf && !has_dns_san(x)) rv = NAME_CONSTRAINTS_check_CN(x, nc);
    ossl::clear_errors();
    return rv;
}

// A certificate holding only `subject` and the one subjectAltName `name` (either may be null),
// for asking NAME_CONSTRAINTS_check about that name alone.
ossl::X509Ptr probe_certificate(const X509_NAME* subject, const GENERAL_NAME* name) {
    ossl::X509Ptr probe{X509_new()};
    if (!probe) return probe;
    if (subject != nullptr) X509_set_subject_name(probe.get(), subject);
    if (name != nullptr) {
        GENERAL_NAMES* one = sk_GENERAL_NAME_new_null();
        GENERAL_NAME* copy = GENERAL_NAME_dup(name);
        if (one != nullptr && copy != nullptr && sk_GENERAL_NAME_push(one, copy) > 0) {
            copy = nullptr;
            X509_add1_ext_i2d(probe.get(), NID_subject_alt_name, one, 0, X509V3_ADD_DEFAULT);
        }
        GENERAL_NAME_free(copy);
        GENERAL_NAMES_free(one);
    }
    // NAME_CONSTRAINTS_check reads the subjectAltName OpenSSL caches with the extension flags.
    X509_get_extension_flags(probe.get());
    ossl::clear_errors();
    return probe;
}

// The name of x that nc refuses, for the message: "DNS:www.example.net", "its subject name
// CN=...", "its CN www.example.net (read as a host name: it has no DNS subjectAltName)"; "" when
// no single name is refused on its own.
std::string refused_name(X509* x, NAME_CONSTRAINTS* nc, bool leaf) {
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
    ossl::clear_errors();
    const std::vector<std::string> texts = x509::general_names(names);  // one per entry, in order
    std::string found;
    for (int i = 0; i < sk_GENERAL_NAME_num(names) && found.empty(); ++i) {
        const ossl::X509Ptr probe = probe_certificate(nullptr, sk_GENERAL_NAME_value(names, i));
        if (probe && NAME_CONSTRAINTS_check(probe.get(), nc) != X509_V_OK) found = texts.at(static_cast<std::size_t>(i));
    }
    GENERAL_NAMES_free(names);
    ossl::clear_errors();
    if (!found.empty()) return found;
    const X509_NAME* subject = X509_get_subject_name(x);
    const ossl::X509Ptr probe = probe_certificate(subject, nullptr);
    if (probe && NAME_CONSTRAINTS_check(probe.get(), nc) != X509_V_OK) return fmt::format("its subject name {}", x509::name_line(subject));
    if (probe && leaf && !has_dns_san(x) && NAME_CONSTRAINTS_check_CN(probe.get(), nc) != X509_V_OK) {
        return fmt::format("its CN {} (read as a host name: it has no DNS subjectAltName)", x509::name_entry(subject, NID_commonName));
    }
    ossl::clear_errors();
    return {};
}

std::string name_constraints_reason(int verdict, const std::string& name) {
    const std::string what = name.empty() ? std::string{"a name"} : name;
    switch (verdict) {
        case X509_V_ERR_PERMITTED_VIOLATION: return fmt::format("has name constraints whose permitted subtrees do not include {}", what);
        case X509_V_ERR_EXCLUDED_VIOLATION: return fmt::format("has name constraints that exclude {}", what);
        case X509_V_ERR_SUBTREE_MINMAX:
            return "has name constraints with a minimum or maximum distance (RFC 5280 4.2.1.10 forbids them), which OpenSSL "
                   "refuses for";
        default:
            return fmt::format("has name constraints that OpenSSL cannot apply to {} ({})", what, X509_verify_cert_error_string(verdict));
    }
}

std::optional<IssuerFault> path_fault(const std::vector<PathLink>& path, X509* leaf) {
    if (path.empty()) return std::nullopt;
    // OpenSSL's own test (check_chain_extensions in X509_verify_cert), on the model's path as it
    // stands: the signatures were verified when the model was built, so X509_verify_cert, which
    // would verify them again, is not run (it cost 16% of a scan). Depth k is path[k - 1].
    const std::size_t top = path.size();
    long below = 0;  // CA certificates below the one judged that are not self-issued
    for (std::size_t k = 1; k <= top; ++k) {
        X509* x = path[k - 1].cert->x509.get();
        // X509_check_ca: 1 for basicConstraints CA:TRUE (with keyCertSign if keyUsage is present),
        // 3 for a self-signed X.509 v1 certificate, 4 and 5 for legacy forms, 0 for none. Below the
        // top only 1 will do, as OpenSSL requires of intermediates.
        const int ca = X509_check_ca(x);
        if (ca == 0 || (k < top && ca != 1)) return IssuerFault{k, not_an_issuer(x), std::nullopt};
        const long pathlen = X509_get_pathlen(x);
        if (k > 1 && pathlen != -1 && below > pathlen) {
            return IssuerFault{k, fmt::format("allows {} CA certificate{} below it (pathlen:{}) but the path has {}", pathlen, pathlen == 1 ? "" : "s", pathlen, k - 1),
                               std::nullopt};
        }
        if ((X509_get_extension_flags(x) & EXFLAG_SI) == 0) ++below;
    }
    if (leaf == nullptr) return std::nullopt;
    // Name constraints (check_name_constraints in X509_verify_cert): a CA's constraints bind
    // every certificate below it on the path, the leaf always, a self-issued CA certificate never.
    // The nearest constraining CA of the lowest certificate is reported first.
    std::vector<NameConstraintsPtr> constraints(top + 1);
    bool any = false;
    for (std::size_t k = 1; k <= top; ++k) {
        constraints[k] = name_constraints_of(path[k - 1].cert->x509.get());
        any = any || constraints[k] != nullptr;
    }
    if (!any) return std::nullopt;
    for (std::size_t i = 0; i < top; ++i) {
        X509* x = i == 0 ? leaf : path[i - 1].cert->x509.get();
        if (i > 0 && (X509_get_extension_flags(x) & EXFLAG_SI) != 0) continue;
        for (std::size_t k = i + 1; k <= top; ++k) {
            if (!constraints[k]) continue;
            const int verdict = name_constraints_verdict(x, constraints[k].get(), i == 0);
            if (verdict == X509_V_OK) continue;
            return IssuerFault{k, name_constraints_reason(verdict, refused_name(x, constraints[k].get(), i == 0)), i};
        }
    }
    return std::nullopt;
}

}  // namespace

std::string distinct_label(const Certificate& c, const std::vector<const Certificate*>& peers) {
    X509* x = c.x509.get();
    bool same_subject = false;
    bool same_issuer = false;
    bool same_expiry = false;
    for (const Certificate* p : peers) {
        if (p == nullptr || p == &c || (p->fingerprint == c.fingerprint && !c.fingerprint.empty())) continue;
        if (X509_NAME_cmp(X509_get_subject_name(x), X509_get_subject_name(p->x509.get())) != 0) continue;
        same_subject = true;
        if (X509_NAME_cmp(X509_get_issuer_name(x), X509_get_issuer_name(p->x509.get())) == 0) {
            same_issuer = true;
            if (ASN1_TIME_compare(X509_get0_notAfter(x), X509_get0_notAfter(p->x509.get())) == 0) same_expiry = true;
        }
    }
    if (!same_subject) return c.label;
    if (!same_issuer) {
        return c.self_signed ? fmt::format("{} (self-signed)", c.label)
                             : fmt::format("{} (issued by {})", c.label, x509::short_name(X509_get_issuer_name(x)));
    }
    if (!same_expiry) return fmt::format("{} (valid until {})", c.label, date_of(X509_get0_notAfter(x)));
    return fmt::format("{} (SHA-256 {})", c.label, x509::hex(c.fingerprint).substr(0, 16));
}

std::string chain_ref(const Material& m, int index) {
    const Certificate& c = m.chain_certs.at(static_cast<std::size_t>(index));
    std::vector<const Certificate*> peers;
    peers.reserve(m.chain_certs.size() + 1);
    if (m.leaf() != nullptr) peers.push_back(m.leaf());
    for (const Certificate& p : m.chain_certs) peers.push_back(&p);
    const std::string label = distinct_label(c, peers);
    if (c.line > 0) return fmt::format("chain[{}] ({}, line {})", index, label, c.line);
    return fmt::format("chain[{}] ({})", index, label);
}

std::string describe_end(const ChainModel& model, const Context& ctx) {
    switch (model.end) {
        case PathEnd::Root:
            return model.path.empty() ? std::string{"the certificate is self-signed"}
                                      : fmt::format("the path ends in the self-signed root {}", model.path.back().cert->label);
        case PathEnd::TrustStore:
            return fmt::format("the path ends at {}, a root of {}", model.path.back().cert->label,
                               ctx.trust != nullptr ? ctx.trust->description() : std::string{"the trust store"});
        case PathEnd::Anchor:
            return model.path.empty() ? std::string{"the certificate is a trust anchor"}
                                      : fmt::format("the path ends at the trust anchor {}", model.path.back().cert->label);
        case PathEnd::Missing:
            return fmt::format("the issuer of {} ({}) is missing", model.missing_after, model.missing_issuer);
        case PathEnd::TooMany: return model.too_many;
    }
    return {};
}

}  // namespace certcheck
