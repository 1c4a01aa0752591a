// The chain fix writes: the issuing path from the one chain model over --chain, the other
// certificates of --cert, --bundle, the trust store (or, for roles-anywhere, --trust-anchor) and
// --fetch-missing, with the root or the anchor left out as the profile wants (internal to fix).
#pragma once

#include <string>
#include <vector>

#include "certcheck/chain.hpp"
#include "load/contents.hpp"
#include "fix/fix.hpp"
#include "fix/changes.hpp"

namespace certcheck::fixer {

class PathBuilder {
public:
    // The inputs are borrowed and must outlive the builder; chain and bundle may be null.
    PathBuilder(const FixRequest& r, const Certificate& leaf, const Contents& cert, const Contents* chain, const Contents* bundle)
        : r_(r), leaf_(leaf), cert_(cert), chain_(chain), bundle_(bundle) {}

    // Builds the path; a reason it cannot be written goes to problems, what the reader should know
    // (roles-anywhere without --trust-anchor, an unused --bundle) to notes.
    void build(std::vector<std::string>& problems, std::vector<std::string>& notes);
    // The change lines for what the path did with every certificate of --chain, --cert and --bundle.
    void note_changes(ChangeList& changes) const;
    // What chain.pem holds, in order (empty: no chain.pem).
    [[nodiscard]] const std::vector<const Certificate*>& certs() const noexcept { return path_; }
    // The link each of certs() came from.
    [[nodiscard]] const std::vector<const PathLink*>& links() const noexcept { return links_; }

private:
    [[nodiscard]] bool roles_anywhere() const;
    [[nodiscard]] bool trusted(X509* root) const;
    [[nodiscard]] bool valid_at_checked_time(const Certificate& c) const;
    void fetch_missing();
    void missing_problem(std::vector<std::string>& problems) const;
    void choose(std::vector<std::string>& notes);

    const FixRequest& r_;
    const Certificate& leaf_;
    const Contents& cert_;
    const Contents* chain_;
    const Contents* bundle_;
    ChainInputs in_;
    ChainModel model_;
    std::vector<const Certificate*> path_;
    std::vector<const PathLink*> links_;
    const PathLink* dropped_top_ = nullptr;  // the root or anchor left out of chain.pem
    std::string dropped_kind_;               // its change kind ("root-removed", "anchor-removed")
    std::string dropped_text_;               // its change text
    std::vector<Certificate> fetched_;       // --fetch-missing: issuers fetched through AIA
    std::vector<std::string> fetched_from_;  // parallel: the URL each came from
    std::string fetch_failure_;              // why --fetch-missing found no (further) issuer
};

}  // namespace certcheck::fixer
