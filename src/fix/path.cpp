#include "fix/path.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "endpoint/aia.hpp"
#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "load/assemble.hpp"
#include "rules/rules.hpp"

namespace certcheck::fixer {

bool PathBuilder::roles_anywhere() const { return r_.run->profile->target == UploadTarget::RolesAnywhere; }

bool PathBuilder::trusted(X509* root) const {
    if (r_.run->ctx.trust == nullptr) return false;
    const ossl::X509Ptr found = r_.run->ctx.trust->issuer_of(root);
    return found && x509::same_cert(found.get(), root);
}

bool PathBuilder::valid_at_checked_time(const Certificate& c) const {
    const auto nb = x509::to_time(X509_get0_notBefore(c.x509.get()));
    const auto na = x509::to_time(X509_get0_notAfter(c.x509.get()));
    return nb && na && r_.run->ctx.at >= *nb && r_.run->ctx.at <= *na;
}

// The path stops: fetch its missing issuers through AIA (each verified against the certificate it
// issued) and build the model again with them as candidates.
void PathBuilder::fetch_missing() {
    const Certificate& stop = model_.path.empty() ? leaf_ : *model_.path.back().cert;
    const TrustStore* trust = roles_anywhere() ? nullptr : r_.run->ctx.trust;
    for (FetchedIssuer& got : fetch_issuers_above(stop.x509.get(), *r_.fetch_missing, trust, fetch_failure_)) {
        fetched_from_.push_back(got.url);
        fetched_.push_back(make_certificate(std::move(got.cert), 0));
    }
    if (!fetched_.empty()) {
        in_.fetched = &fetched_;
        model_ = build_chain_model(in_, r_.run->ctx);
    }
}

void PathBuilder::missing_problem(std::vector<std::string>& problems) const {
    const bool ra = roles_anywhere();
    std::string sources = r_.chain || r_.bundle ? "--cert, --chain, --bundle" : "--cert (no --chain or --bundle was given)";
    sources += ra ? " nor --trust-anchor" : " nor the trust store";
    problems.push_back(fmt::format(
        "the intermediate certificate that issued {} cannot be found: its issuer '{}' is in neither {}; get the intermediate from "
        "your CA and pass it with --chain or --bundle{} [{}]",
        model_.missing_after, model_.missing_issuer, sources,
        !r_.fetch_missing ? std::string{" (or try --fetch-missing)"} : fmt::format(" (--fetch-missing: {})", fetch_failure_),
        ra ? "ra-chain-to-anchor" : "chain-complete"));
}

void PathBuilder::build(std::vector<std::string>& problems, std::vector<std::string>& notes) {
    const bool ra = roles_anywhere();
    const RolesAnywhereInputs* ra_inputs = r_.run->ctx.roles_anywhere;
    const LoadedFile* anchor = ra && ra_inputs != nullptr && ra_inputs->anchor ? &*ra_inputs->anchor : nullptr;
    in_.leaf = &leaf_;
    in_.chain = chain_ != nullptr ? &chain_->certs : nullptr;
    in_.body = &cert_.certs;
    in_.bundle = bundle_ != nullptr ? &bundle_->certs : nullptr;
    in_.anchors = anchor != nullptr ? &anchor->certs : nullptr;
    // Roles Anywhere trusts its anchor only: the system store is no issuer source there.
    in_.trust_store = !ra;
    model_ = build_chain_model(in_, r_.run->ctx);
    if (model_.end == PathEnd::Missing && r_.fetch_missing) fetch_missing();
    if (model_.end == PathEnd::TooMany) {
        problems.push_back(model_.too_many + (ra ? " [ra-chain-to-anchor]" : " [chain-order]"));
        return;
    }
    // Without an anchor a path may rightly stop below a root (the anchor may be an intermediate CA).
    if (model_.end == PathEnd::Missing && !(ra && anchor == nullptr)) {
        missing_problem(problems);
        return;
    }
    if (ra && anchor != nullptr && model_.end == PathEnd::Root && !model_.path.empty()) {
        problems.push_back(fmt::format(
            "the path from {} ends in the self-signed {}, which is not a certificate of the trust anchor {}: "
            "give the CA certificate registered as the Roles Anywhere trust anchor with --trust-anchor "
            "[ra-chain-to-anchor]",
            leaf_.label, model_.path.back().cert->label, anchor->file.path));
        return;
    }
    choose(notes);
    if (ra && anchor == nullptr) {
        const std::string end = model_.path.empty() ? std::string{"it holds no certificate above the leaf"}
                                : dropped_top_ != nullptr
                                    ? fmt::format("it ends below the root {}, which was left out", dropped_top_->cert->label)
                                    : fmt::format("it ends at {}", model_.path.back().cert->label);
        notes.push_back(fmt::format(
            "no --trust-anchor was given: chain.pem is the path found in your inputs ({}); fix could not check "
            "that it reaches your Roles Anywhere trust anchor",
            end));
    }
    if (bundle_ != nullptr) {
        const auto used = std::count_if(links_.begin(), links_.end(), [](const PathLink* l) { return l->source == ChainSource::Bundle; });
        notes.push_back(fmt::format("--bundle {}: {} of its {} certificate{} on the leaf's path", r_.bundle.value_or(""), used,
                                    bundle_->certs.size(), bundle_->certs.size() == 1 ? " is" : "s are"));
    }
}

// What chain.pem holds: the path, without the root clients or the service already hold.
void PathBuilder::choose(std::vector<std::string>& /*notes*/) {
    const bool ra = roles_anywhere();
    for (const PathLink& link : model_.path) {
        const bool last = &link == &model_.path.back();
        if (model_.end == PathEnd::Anchor && last) {
            // Roles Anywhere verifies against the anchor it holds: chain.pem stops below it.
            if (link.source != ChainSource::Anchor) {
                dropped_top_ = &link;
                dropped_kind_ = "anchor-removed";
                dropped_text_ = fmt::format(
                    "left out the trust anchor {} (Roles Anywhere verifies against the certificate registered "
                    "as the anchor; --intermediates carries only the certificates below it)",
                    link.cert->label);
            }
            break;
        }
        if (link.source == ChainSource::TrustStore || link.source == ChainSource::Fetched) {
            if (link.cert->self_signed) break;  // a root: clients hold their own
        } else if (link.cert->self_signed) {
            const bool no_root_rule = r_.run->profile->find("chain-no-root") != nullptr;
            if (ra || no_root_rule || trusted(link.cert->x509.get())) {
                dropped_top_ = &link;
                dropped_kind_ = "root-removed";
                dropped_text_ = fmt::format("left out the root {} ({})", link.cert->label,
                                            ra             ? "a Roles Anywhere trust anchor holds the CA; the helper sends intermediates only"
                                            : no_root_rule ? "this profile wants intermediates only"
                                                           : "clients already trust it: it is in the trust store");
                break;
            }
        }
        path_.push_back(link.cert);
        links_.push_back(&link);
    }
}

void PathBuilder::note_changes(ChangeList& changes) const {
    std::vector<const Certificate*> peers{&leaf_};
    for (const PathLink& l : model_.path) peers.push_back(l.cert);
    if (chain_ != nullptr) {
        for (const Certificate& c : chain_->certs) peers.push_back(&c);
    }
    const auto label = [&](const Certificate& c) { return distinct_label(c, peers); };
    std::vector<int> given_order;
    for (const PathLink* l : links_) {
        switch (l->source) {
            case ChainSource::Chain: given_order.push_back(l->index); break;
            case ChainSource::Body:
                changes.add("chain", "moved-from-cert", "moved " + label(*l->cert) + " from the certificate file into the chain");
                break;
            case ChainSource::Bundle:
                changes.add("chain", "added-from-bundle", fmt::format("added {} from --bundle {}", label(*l->cert), r_.bundle.value_or("")));
                break;
            case ChainSource::TrustStore:
                changes.add("chain", "added-from-trust-store", "added " + l->cert->label + " from the trust store");
                break;
            case ChainSource::Fetched:
                changes.add("chain", "fetched-from-aia",
                            fmt::format("fetched {} from {} (AIA caIssuers, signature verified)", l->cert->label,
                                        fetched_from_[static_cast<std::size_t>(l->index)]));
                break;
            case ChainSource::Anchor: break;  // never written (the path stops below the anchor)
        }
    }
    if (dropped_top_ != nullptr && dropped_top_->source == ChainSource::Chain) given_order.push_back(dropped_top_->index);
    if (!std::is_sorted(given_order.begin(), given_order.end())) {
        std::string order;
        for (const Certificate* c : path_) order += (order.empty() ? "" : ", ") + label(*c);
        if (dropped_top_ != nullptr) order += (order.empty() ? "" : ", ") + label(*dropped_top_->cert);
        changes.add("chain", "chain-reordered", "reordered into issuing order: " + order);
    }
    if (dropped_top_ != nullptr && dropped_top_->source != ChainSource::Fetched && dropped_top_->source != ChainSource::TrustStore) {
        changes.add("chain", dropped_kind_, dropped_text_);
    }
    const auto dropped = [&](std::string_view file, const std::vector<Certificate>& certs, const std::vector<ChainEntry>& entries) {
        bool leaf_noted = false;
        // A whole CA store pasted into the chain file: its off-path certificates make one line.
        const bool store = file == "chain" && model_.pasted_store;
        std::vector<const Certificate*> off_path;
        for (std::size_t i = 0; i < entries.size() && i < certs.size(); ++i) {
            const Certificate& c = certs[i];
            if (&c == &leaf_) continue;
            switch (entries[i].role) {
                case ChainRole::OnPath: break;
                case ChainRole::LeafCopy:
                    if (file == "chain" && !leaf_noted) {
                        changes.add(file, "leaf-copy-removed", "dropped the leaf certificate (it belongs in cert.pem only)");
                    }
                    leaf_noted = true;
                    break;
                case ChainRole::Duplicate:
                    if (file == "chain") changes.add(file, "duplicate-removed", "dropped a duplicate of " + label(c));
                    break;
                case ChainRole::Alternate:
                    changes.add(file, "alternate-removed",
                                fmt::format("dropped {} (another certificate with its name is on the path{})", label(c),
                                            valid_at_checked_time(c) ? "" : "; this one is not valid at the checked time"));
                    break;
                case ChainRole::AboveGap:
                case ChainRole::Unrelated:
                    if (store) off_path.push_back(&c);
                    else changes.add(file, "unrelated-removed", fmt::format("dropped {} (not on the leaf's issuing path)", label(c)));
                    break;
            }
        }
        if (!off_path.empty()) {
            changes.add(file, "unrelated-removed",
                        fmt::format("dropped {} certificates not on the leaf's issuing path (the chain file looks like a whole CA "
                                    "store): {}",
                                    off_path.size(),
                                    rules::list_some(off_path.size(), "; ", [&](std::size_t i) { return label(*off_path[i]); })));
        }
    };
    if (chain_ != nullptr) dropped("chain", chain_->certs, model_.chain);
    dropped("cert", cert_.certs, model_.body);
}

}  // namespace certcheck::fixer
