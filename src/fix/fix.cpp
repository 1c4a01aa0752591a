// certcheck fix: pick the leaf and its key out of whatever the user has, build the issuing path,
// write PEM the profile accepts, and refuse (writing nothing) what cannot be repaired.
#include "fix/fix.hpp"

#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "certcheck/chain.hpp"
#include "certcheck/check.hpp"
#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "fix/write.hpp"
#include "load/keys.hpp"

namespace certcheck {
namespace {

// Wipes a string that held key material before it is freed.
void wipe(std::string& s) {
    if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
    s.clear();
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string{};
}

std::string cert_pem(X509* x) {
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio || PEM_write_bio_X509(bio.get(), x) != 1) {
        ossl::clear_errors();
        return {};
    }
    return bio_text(bio.get());
}

// PKCS#1 for RSA (SEC1 for EC, the traditional form for DSA); PKCS#8 only when no traditional form exists.
std::string key_pem(EVP_PKEY* k) {
    ossl::BioPtr bio{BIO_new(BIO_s_secmem())};
    if (!bio) return {};
    if (PEM_write_bio_PrivateKey_traditional(bio.get(), k, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        ossl::clear_errors();
        bio.reset(BIO_new(BIO_s_secmem()));
        if (!bio || PEM_write_bio_PrivateKey(bio.get(), k, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
            ossl::clear_errors();
            return {};
        }
    }
    return bio_text(bio.get());
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Changes that come from how a file was written (its container and its text), not from what it holds.
void note_file_changes(const std::string& tag, const Contents& c, std::vector<std::string>& changes) {
    const InputFile& f = c.file;
    switch (c.container) {
        case Container::Der: changes.push_back(tag + ": converted DER (binary) to PEM"); break;
        case Container::Pkcs7:
            changes.push_back(fmt::format("{}: extracted {} from PKCS#7", tag, plural(c.certs.size(), "certificate", "certificates")));
            break;
        case Container::Pkcs12: changes.push_back(tag + ": extracted from the PKCS#12 archive " + f.path); break;
        default: break;
    }
    if (f.encoding != Encoding::Pem) return;  // binary: its bytes say nothing about line endings
    if (f.text.utf8_bom) changes.push_back(tag + ": removed the UTF-8 byte-order mark");
    if (f.text.crlf_lines > 0 || f.text.cr_lines > 0) changes.push_back(tag + ": converted CRLF line endings to LF");
    if (f.text.trailing_ws_count > 0) changes.push_back(tag + ": removed trailing whitespace");
    for (const TextRun& r : f.stray) {
        changes.push_back(r.first_line == r.last_line ? fmt::format("{}: stripped {} (line {})", tag, r.kind, r.first_line)
                                                      : fmt::format("{}: stripped {} (lines {}-{})", tag, r.kind, r.first_line, r.last_line));
    }
}

void note_unreadable(const std::string& path, const Contents& c, std::vector<std::string>& problems) {
    for (const std::string& p : c.problems) problems.push_back(fmt::format("{}: {}", path, p));
}

bool pair(const Certificate& cert, const PrivateKey& key) {
    EVP_PKEY* pub = X509_get0_pubkey(cert.x509.get());
    const bool ok = pub != nullptr && key.pkey && EVP_PKEY_eq(pub, key.pkey.get()) == 1;
    ossl::clear_errors();
    return ok;
}

class Fixer {
public:
    explicit Fixer(const FixRequest& r) : r_(r) {}

    FixOutcome run() {
        namespace fs = std::filesystem;
        const std::string cert_path = (fs::path(r_.out_dir) / "cert.pem").string();
        const std::string key_path = (fs::path(r_.out_dir) / "key.pem").string();
        const std::string chain_path = (fs::path(r_.out_dir) / "chain.pem").string();
        std::vector<std::string> inputs{r_.cert, r_.key};
        if (r_.chain) inputs.push_back(*r_.chain);
        if (r_.bundle) inputs.push_back(*r_.bundle);
        inputs.insert(inputs.end(), r_.other_inputs.begin(), r_.other_inputs.end());
        fixio::check_targets(r_.out_dir, {cert_path, key_path, chain_path}, inputs, r_.force);
        inputs_ = inputs;

        const PassphraseSource* pass = r_.passphrase ? &r_.passphrase : nullptr;
        // The source asks once and remembers, so a PKCS#12 given as both --cert and --key is one prompt.
        cert_ = read_contents(read_input(Slot::Body, r_.cert), pass);
        key_ = read_contents(read_input(Slot::Key, r_.key), pass);
        if (r_.chain) chain_ = read_contents(read_input(Slot::Chain, *r_.chain), pass);
        if (r_.bundle) bundle_ = read_contents(read_input(Slot::Chain, *r_.bundle), pass);

        pick_leaf();
        if (out_.problems.empty()) check_dates();
        if (out_.problems.empty()) build_chain();
        if (!out_.problems.empty()) return std::move(out_);

        std::string cert_text = cert_pem(leaf_->x509.get());
        std::string key_text = key_pem(key_ptr_->pkey.get());
        std::string chain_text;
        for (const Certificate* c : path_) chain_text += cert_pem(c->x509.get());
        if (cert_text.empty() || key_text.empty() || (!path_.empty() && chain_text.empty())) {
            wipe(key_text);
            out_.problems.emplace_back("OpenSSL could not write the certificate or key as PEM");
            return std::move(out_);
        }
        note_changes(key_text);

        // Judge the result before anything touches the disk: what fails here is not fixable.
        {
            SubjectFiles files;
            files.body = load_file(analyse_input(Slot::Body, cert_path, cert_text));
            files.key = load_file(analyse_input(Slot::Key, key_path, key_text));
            if (!path_.empty()) files.chain = load_file(analyse_input(Slot::Chain, chain_path, chain_text));
            // The copy of the key this check makes is wiped by the loader's owner below.
            SubjectReport pre = check_subject(std::move(files), *r_.run);
            for (const Finding& f : pre.findings) {
                if (f.status >= r_.run->fail_on) out_.problems.push_back(fmt::format("{} [{}]", f.message, f.rule));
            }
        }
        if (!out_.problems.empty()) {
            wipe(key_text);
            return std::move(out_);
        }

        std::vector<fixio::OutFile> files;
        files.push_back({cert_path, cert_text, false});
        files.push_back({key_path, key_text, true});
        if (!path_.empty()) files.push_back({chain_path, chain_text, false});
        wipe(key_text);
        try {
            fixio::write_all(r_.out_dir, files, inputs_, r_.force);
        } catch (...) {
            wipe(files[1].data);
            throw;
        }
        wipe(files[1].data);
        for (const auto& f : files) out_.written.push_back(f.path);

        CheckInputs again;
        again.cert = cert_path;
        again.key = key_path;
        if (!path_.empty()) again.chain = chain_path;
        out_.recheck = check_subject(again, *r_.run);
        out_.fixed = out_.recheck->verdict == Verdict::Pass;
        return std::move(out_);
    }

private:
    void pick_leaf() {
        note_unreadable(r_.cert, cert_, out_.problems);
        if (r_.key != r_.cert) note_unreadable(r_.key, key_, out_.problems);
        if (chain_) note_unreadable(*r_.chain, *chain_, out_.problems);
        if (bundle_) note_unreadable(*r_.bundle, *bundle_, out_.problems);
        for (const PrivateKey& k : key_.keys) {
            if (!k.pkey && k.encrypted && !k.problem) continue;  // locked: reported below
            if (!k.pkey) out_.problems.push_back(fmt::format("{}: the private key{} cannot be used: {}", r_.key,
                                                             k.line > 0 ? fmt::format(" at line {}", k.line) : "", k.problem.value_or("it did not load")));
        }
        const bool locked = cert_.needs_passphrase || key_.needs_passphrase || (chain_ && chain_->needs_passphrase) ||
                            (bundle_ && bundle_->needs_passphrase);
        if (locked) {
            out_.needs_passphrase = true;
            out_.problems.emplace_back(
                "an input is encrypted and no passphrase was given: use --passphrase-file FILE or --passphrase-env VAR "
                "(fix prompts only when standard input is a terminal)");
        }
        if (cert_.certs.empty()) {
            out_.problems.push_back(fmt::format("{}: holds no certificate that could be read", r_.cert));
            return;
        }
        const bool any_key = std::any_of(key_.keys.begin(), key_.keys.end(), [](const PrivateKey& k) { return k.pkey != nullptr; });
        if (!any_key) {
            if (key_.keys.empty() && !locked) out_.problems.push_back(fmt::format("{}: holds no private key", r_.key));
            return;
        }
        for (const Certificate& c : cert_.certs) {
            for (const PrivateKey& k : key_.keys) {
                if (leaf_ == nullptr && pair(c, k)) {
                    leaf_ = &c;
                    key_ptr_ = &k;
                }
            }
        }
        if (leaf_ == nullptr) {
            out_.problems.push_back(
                cert_.certs.size() == 1
                    ? fmt::format("the private key in {} does not match the certificate {} in {}: they are not a pair, so fix cannot "
                                  "combine them; find the key the certificate was issued for",
                                  r_.key, cert_.certs.front().label, r_.cert)
                    : fmt::format("the private key in {} matches none of the {} certificates in {}; find the key the certificate was "
                                  "issued for",
                                  r_.key, cert_.certs.size(), r_.cert));
            return;
        }
    }

    void check_dates() {
        X509* x = leaf_->x509.get();
        const auto nb = x509::to_time(X509_get0_notBefore(x));
        const auto na = x509::to_time(X509_get0_notAfter(x));
        if (na && r_.run->ctx.at > *na) {
            out_.problems.push_back(fmt::format("the certificate {} expired on {} (judged at {}): fix cannot renew it; have a new "
                                                "certificate issued [body-validity]",
                                                leaf_->label, x509::format_time(*na), x509::format_time(r_.run->ctx.at)));
        } else if (nb && r_.run->ctx.at < *nb) {
            out_.problems.push_back(fmt::format("the certificate {} is not valid until {} (judged at {}): fix cannot change its dates "
                                                "[body-validity]",
                                                leaf_->label, x509::format_time(*nb), x509::format_time(r_.run->ctx.at)));
        }
    }

    bool trusted(X509* root) const {
        if (r_.run->ctx.trust == nullptr) return false;
        const ossl::X509Ptr found = r_.run->ctx.trust->issuer_of(root);
        return found && x509::same_cert(found.get(), root);
    }

    // The issuing path from the one chain model, over --chain, the other certificates of --cert,
    // --bundle and the trust store; the root kept or left out as the profile wants.
    void build_chain() {
        ChainInputs in;
        in.leaf = leaf_;
        in.chain = chain_ ? &chain_->certs : nullptr;
        in.body = &cert_.certs;
        in.bundle = bundle_ ? &bundle_->certs : nullptr;
        in.trust_store = true;
        model_ = build_chain_model(in, r_.run->ctx);
        if (model_.end == PathEnd::Missing && r_.fetch_missing) {
            // The path stops: fetch its missing issuers through AIA (each verified against the
            // certificate it issued) and build the model again with them as candidates.
            const Certificate& stop = model_.path.empty() ? *leaf_ : *model_.path.back().cert;
            X509* current = stop.x509.get();
            for (int depth = 0; depth < kMaxPathCertificates; ++depth) {
                auto got = fetch_issuer(current, *r_.fetch_missing, fetch_failure_);
                if (!got) break;
                fetched_from_.push_back(got->url);
                fetched_.push_back(make_certificate(std::move(got->cert), 0));
                if (fetched_.back().self_signed) break;
                current = fetched_.back().x509.get();
                if (r_.run->ctx.trust != nullptr && r_.run->ctx.trust->has_issuer_of(current)) break;
            }
            if (!fetched_.empty()) {
                in.fetched = &fetched_;
                model_ = build_chain_model(in, r_.run->ctx);
            }
        }
        if (model_.end == PathEnd::TooMany) {
            out_.problems.push_back(model_.too_many + " [chain-order]");
            return;
        }
        if (model_.end == PathEnd::Missing) {
            out_.problems.push_back(fmt::format(
                "the intermediate certificate that issued {} cannot be found: its issuer '{}' is in neither {} nor the trust store; "
                "get the intermediate from your CA and pass it with --chain or --bundle{} [chain-complete]",
                model_.missing_after, model_.missing_issuer,
                r_.chain || r_.bundle ? "--cert, --chain, --bundle" : "--cert (no --chain or --bundle was given)",
                !r_.fetch_missing ? std::string{" (or try --fetch-missing)"} : fmt::format(" (--fetch-missing: {})", fetch_failure_)));
            return;
        }
        for (const PathLink& link : model_.path) {
            if (link.source == ChainSource::TrustStore) {
                if (link.cert->self_signed) break;  // the root clients hold: the path is complete
                out_.changes.push_back("chain: added " + link.cert->label + " from the trust store");
            } else if (link.source == ChainSource::Fetched) {
                if (link.cert->self_signed) break;  // a root: clients hold their own
                out_.changes.push_back(fmt::format("chain: fetched {} from {} (AIA caIssuers, signature verified)", link.cert->label,
                                                   fetched_from_[static_cast<std::size_t>(link.index)]));
            } else if (link.cert->self_signed) {
                const bool no_root_rule = r_.run->profile->find("chain-no-root") != nullptr;
                if (trusted(link.cert->x509.get()) || no_root_rule) {
                    dropped_root_ = &link;
                    root_note_ = fmt::format("chain: left out the root {} ({})", link.cert->label,
                                             no_root_rule ? "this profile wants intermediates only"
                                                          : "clients already trust it: it is in the trust store");
                    break;
                }
            }
            path_.push_back(link.cert);
            links_.push_back(&link);
        }
    }

    // The change lines for what the model did with every certificate of --chain and --cert.
    void note_chain_changes() {
        std::vector<const Certificate*> peers{leaf_};
        for (const PathLink& l : model_.path) peers.push_back(l.cert);
        if (chain_) {
            for (const Certificate& c : chain_->certs) peers.push_back(&c);
        }
        const auto label = [&](const Certificate& c) { return distinct_label(c, peers); };
        std::vector<int> given_order;
        for (const PathLink* l : links_) {
            if (l->source == ChainSource::Chain) given_order.push_back(l->index);
            else if (l->source == ChainSource::Body) out_.changes.push_back("chain: moved " + label(*l->cert) + " from the certificate file into the chain");
        }
        if (dropped_root_ != nullptr && dropped_root_->source == ChainSource::Chain) given_order.push_back(dropped_root_->index);
        if (!std::is_sorted(given_order.begin(), given_order.end())) {
            std::string order;
            for (const Certificate* c : path_) order += (order.empty() ? "" : ", ") + label(*c);
            if (dropped_root_ != nullptr) order += (order.empty() ? "" : ", ") + label(*dropped_root_->cert);
            out_.changes.push_back("chain: reordered into issuing order: " + order);
        }
        if (!root_note_.empty()) out_.changes.push_back(root_note_);
        const auto dropped = [&](const std::string& tag, const std::vector<Certificate>& certs, const std::vector<ChainEntry>& entries) {
            bool leaf_noted = false;
            for (std::size_t i = 0; i < entries.size() && i < certs.size(); ++i) {
                const Certificate& c = certs[i];
                if (&c == leaf_) continue;
                switch (entries[i].role) {
                    case ChainRole::OnPath: break;
                    case ChainRole::LeafCopy:
                        if (tag == "chain" && !leaf_noted) out_.changes.emplace_back("chain: dropped the leaf certificate (it belongs in cert.pem only)");
                        leaf_noted = true;
                        break;
                    case ChainRole::Duplicate:
                        if (tag == "chain") out_.changes.push_back("chain: dropped a duplicate of " + label(c));
                        break;
                    case ChainRole::Alternate:
                        out_.changes.push_back(fmt::format("{}: dropped {} (another certificate with its name is on the path{})", tag, label(c),
                                                           valid_at_checked_time(c) ? "" : "; this one is not valid at the checked time"));
                        break;
                    case ChainRole::AboveGap:
                    case ChainRole::Unrelated:
                        out_.changes.push_back(fmt::format("{}: dropped {} (not on the leaf's issuing path)", tag, label(c)));
                        break;
                }
            }
        };
        if (chain_) dropped("chain", chain_->certs, model_.chain);
        dropped("cert", cert_.certs, model_.body);
        if (bundle_) {
            std::size_t used = 0;
            for (const PathLink* l : links_) used += l->source == ChainSource::Bundle ? 1 : 0;
            out_.changes.push_back(fmt::format("chain: took {} of the {} in {}", used,
                                               plural(bundle_->certs.size(), "certificate", "certificates"), *r_.bundle));
        }
    }

    bool valid_at_checked_time(const Certificate& c) const {
        const auto nb = x509::to_time(X509_get0_notBefore(c.x509.get()));
        const auto na = x509::to_time(X509_get0_notAfter(c.x509.get()));
        return nb && na && r_.run->ctx.at >= *nb && r_.run->ctx.at <= *na;
    }

    void note_changes(const std::string& key_text) {
        std::vector<std::string> file_changes;
        note_file_changes("cert", cert_, file_changes);
        if (r_.key != r_.cert) note_file_changes("key", key_, file_changes);
        if (chain_) note_file_changes("chain", *chain_, file_changes);
        out_.changes.insert(out_.changes.begin(), file_changes.begin(), file_changes.end());

        if (cert_.certs.size() > 1) {
            out_.changes.push_back(fmt::format("cert: kept the leaf {} alone ({} other {} in {})", leaf_->label,
                                               cert_.certs.size() - 1, cert_.certs.size() == 2 ? "certificate was" : "certificates were",
                                               r_.cert));
        }
        const PrivateKey& k = *key_ptr_;
        const bool pkcs1 = key_text.starts_with("-----BEGIN RSA PRIVATE KEY-----");
        if (k.encrypted && key_.container != Container::Pkcs12) {
            out_.changes.push_back(k.format == KeyFormat::LegacyEncrypted ? "key: decrypted (OpenSSL legacy PEM encryption)"
                                   : k.format == KeyFormat::Der       ? "key: decrypted (encrypted PKCS#8, DER)"
                                                                      : "key: decrypted (encrypted PKCS#8)");
        }
        if (pkcs1 && (k.format == KeyFormat::Pkcs8 || k.format == KeyFormat::Pkcs8Encrypted)) {
            out_.changes.emplace_back("key: converted PKCS#8 to PKCS#1 (BEGIN RSA PRIVATE KEY)");
        } else if (pkcs1 && (k.format == KeyFormat::Der || key_.container == Container::Pkcs12)) {
            out_.changes.emplace_back("key: written as PKCS#1 (BEGIN RSA PRIVATE KEY)");
        }
        if (key_.keys.size() > 1) {
            out_.changes.push_back(fmt::format("key: kept the one key that matches the certificate ({} keys in {})", key_.keys.size(), r_.key));
        }

        note_chain_changes();
        // cert, then key, then chain; each in the order found.
        const auto rank = [](const std::string& line) { return line.starts_with("cert:") ? 0 : line.starts_with("key:") ? 1 : 2; };
        std::stable_sort(out_.changes.begin(), out_.changes.end(),
                         [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    }

    const FixRequest& r_;
    std::vector<std::string> inputs_;  // every file the run reads; never replaced by a write
    FixOutcome out_;
    Contents cert_;
    Contents key_;
    std::optional<Contents> chain_;
    std::optional<Contents> bundle_;
    const Certificate* leaf_ = nullptr;
    const PrivateKey* key_ptr_ = nullptr;
    ChainModel model_;
    std::vector<const Certificate*> path_;   // what chain.pem holds, in order
    std::vector<const PathLink*> links_;      // parallel to path_
    const PathLink* dropped_root_ = nullptr;
    std::vector<Certificate> fetched_;   // --fetch-missing: issuers fetched through AIA
    std::vector<std::string> fetched_from_;  // parallel: the URL each came from
    std::string fetch_failure_;          // why --fetch-missing found no (further) issuer
    std::string root_note_;  // why the root was left out
};

}  // namespace

FixOutcome fix(const FixRequest& request) { return Fixer(request).run(); }

}  // namespace certcheck
