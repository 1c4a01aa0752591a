// The chain model: one issuing path from a leaf through every candidate certificate (the chain
// file, the body file's other certificates, a bundle, the trust store, trust anchors), and what
// every chain-file certificate is relative to it. chain-order, chain-no-extra, chain-complete,
// chain-validity, ra-chain-to-anchor and fix all read this one model; none re-derives issuers.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certcheck/material.hpp"

namespace certcheck {

struct Context;

// Bounds per subject (docs/security.md): past them the analysis stops and says so.
inline constexpr int kMaxPathCertificates = 10;      // certificates above the leaf on one path
inline constexpr int kMaxSignatureChecks = 512;      // signature verifications
inline constexpr int kMaxPathExpansions = 256;       // path-search steps (cross-signs branch)
inline constexpr std::size_t kPastedStoreRoots = 4;  // off-path self-signed certificates that make a "CA store"

enum class ChainSource {
    Chain,
    Body,
    Bundle,
    TrustStore,
    Anchor,
    Fetched
};

// One certificate on the issuing path (after the leaf).
struct PathLink {
    ChainSource source = ChainSource::Chain;
    int index = -1;                     // position in its source list; -1 for the trust store
    const Certificate* cert = nullptr;  // borrowed from the inputs, or owned by the model
};

// What a candidate certificate is, relative to the chosen path.
enum class ChainRole {
    OnPath,     // used by the path
    LeafCopy,   // the leaf itself
    Duplicate,  // an identical copy of an earlier candidate (same_as)
    Alternate,  // the same subject as a path certificate (or the missing issuer), not used: an
                // expired re-issue, a cross-sign, a stale copy with another key (same_as: path position, or -1)
    AboveGap,   // the path breaks below it; it may belong above the missing certificate
    Unrelated,  // on no path from the leaf
};

struct ChainEntry {
    ChainRole role = ChainRole::Unrelated;
    int same_as = -1;
};

enum class PathEnd {
    Root,        // a self-signed certificate among the candidates
    TrustStore,  // a root of the trust store issued the last certificate
    Anchor,      // a trust anchor (roles-anywhere)
    Missing,     // the issuer of the last certificate is nowhere
    TooMany,     // the analysis stopped at a bound
};

// A certificate on the model's path that may not issue the one below it (RFC 5280 6.1.4): not a
// CA (basicConstraints), no keyCertSign, or its pathLenConstraint exceeded; or whose name
// constraints (RFC 5280 4.2.1.10) a certificate below it, the leaf included, breaks. Clients reject
// such a path although every signature verifies. OpenSSL's tests (X509_check_ca,
// pathLenConstraint over the certificates that are not self-issued, NAME_CONSTRAINTS_check as
// X509_verify_cert applies it) on the model's path; validity times, signatures and trust are
// judged elsewhere.
struct IssuerFault {
    std::size_t depth = 1;  // the certificate at fault: k is model.path[k - 1]
    std::string reason;     // "is not a CA certificate (basicConstraints CA:FALSE)", ...
    // Name constraints: the depth of the certificate that breaks them (0 is the leaf); for the
    // other faults it is depth - 1, the certificate the one at fault issued.
    std::optional<std::size_t> constrained;
};
struct ChainModel {
    std::vector<PathLink> path;  // the leaf's issuer first
    std::optional<IssuerFault> fault;  // the path's first issuer fault; none when end is TooMany
    PathEnd end = PathEnd::Missing;
    std::string missing_issuer;      // Missing: the subject (RFC 2253) the next certificate must have
    std::string missing_after;       // Missing: the label of the certificate whose issuer is missing
    std::vector<ChainEntry> chain;   // one per chain-file certificate
    std::vector<ChainEntry> body;    // one per body-file certificate (index 0 is usually the leaf)
    std::vector<ChainEntry> bundle;  // one per bundle certificate
    std::optional<int> first_bad;    // first chain index that did not issue the one before it (file order)
    bool pasted_store = false;       // the chain file holds a whole CA store
    std::string too_many;            // TooMany: why the analysis stopped
    int signature_checks = 0;
    std::vector<std::unique_ptr<Certificate>> owned;  // certificates taken from the trust store

    [[nodiscard]] bool complete() const noexcept {
        return end == PathEnd::Root || end == PathEnd::TrustStore || end == PathEnd::Anchor;
    }
    // Chain-file indices with a role, in file order.
    [[nodiscard]] std::vector<int> chain_with(ChainRole role) const;
    // Chain-file indices that are neither on the path nor above a gap nor the leaf: to remove.
    [[nodiscard]] std::vector<int> chain_extras() const;
    // Path positions' chain-file indices, in path order (-1 for links from elsewhere).
    [[nodiscard]] std::vector<int> path_chain_indices() const;
    // The last path certificate from the chain file, or null.
    [[nodiscard]] const PathLink* last_from_chain() const;
};

struct ChainInputs {
    const Certificate* leaf = nullptr;
    const std::vector<Certificate>* chain = nullptr;    // the --chain file, in file order
    const std::vector<Certificate>* body = nullptr;     // the body file (its other certificates are candidates)
    const std::vector<Certificate>* bundle = nullptr;   // fix --bundle
    const std::vector<Certificate>* anchors = nullptr;  // roles-anywhere trust anchors (a path ends there)
    const std::vector<Certificate>* fetched = nullptr;  // fix --fetch-missing: issuers fetched through AIA
    bool trust_store = true;                            // ask ctx.trust when the candidates run out
};

// Builds the issuing path: issuers found by name (and key identifier) through an index, each
// relation verified by signature (remembered by certificate identity), certificates valid at
// ctx.at preferred, the chain file's order preferred among equals; a complete path on which every
// issuer may issue what it issued (no IssuerFault, name constraints included) is preferred to one
// found earlier on which one may not. Never throws for content.
[[nodiscard]] ChainModel build_chain_model(const ChainInputs& in, const Context& ctx);

// The model of m's leaf and chain file under ctx (trust store, anchors): built on first use and
// kept with the Material while the context stays the same. Null when m has no leaf.
[[nodiscard]] const ChainModel* chain_model(const Material& m, const Context& ctx);

// A certificate's label, told apart from others with the same subject among peers: by its issuer,
// else its expiry, else a short fingerprint ("CN=R3 (issued by CN=DST Root CA X3)").
[[nodiscard]] std::string distinct_label(const Certificate& c, const std::vector<const Certificate*>& peers);

// "chain[1] (CN=R3, line 28)", with distinct_label among the leaf and the chain.
[[nodiscard]] std::string chain_ref(const Material& m, int index);

// Why the path ends, in words for a message ("the chain ends in the self-signed root CN=X", ...).
[[nodiscard]] std::string describe_end(const ChainModel& model, const Context& ctx);

}  // namespace certcheck
