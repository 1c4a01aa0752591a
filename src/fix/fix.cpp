// certcheck fix: pick the leaf and its key out of whatever the user has, build the issuing path,
// write PEM the profile accepts, and refuse (writing nothing) what cannot be repaired.
#include "certcheck/fix.hpp"

#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <algorithm>
#include <deque>
#include <filesystem>

#include <fmt/format.h>

#include "certcheck/check.hpp"
#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "fix/write.hpp"
#include "load/keys.hpp"

namespace certcheck {
namespace {

constexpr int kMaxPath = 10;

struct Candidate {
    const Certificate* cert = nullptr;
    std::string from;  // "--chain", "--bundle", "--cert"
    int index = 0;     // position in its file
    bool used = false;
    bool skip = false;  // a copy of the leaf or a duplicate
};

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
            std::optional<InputFile> chain_in;
            if (!path_.empty()) chain_in = analyse_input(Slot::Chain, chain_path, chain_text);
            Material m = load_material(analyse_input(Slot::Body, cert_path, cert_text),
                                       analyse_input(Slot::Key, key_path, key_text), std::move(chain_in));
            for (const Finding& f : run_rules(r_.rules, m, r_.ctx)) {
                if (f.status >= r_.fail_on) out_.problems.push_back(fmt::format("{} [{}]", f.message, f.rule));
            }
            if (m.key) {  // the copies of the key this check made
                wipe(m.key->data);
                for (PemBlock& b : m.key->blocks) wipe(b.der);
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
        out_.recheck = check_subject(again, *r_.profile, r_.rules, r_.ctx, r_.fail_on);
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
        if (na && r_.ctx.at > *na) {
            out_.problems.push_back(fmt::format("the certificate {} expired on {} (judged at {}): fix cannot renew it; have a new "
                                                "certificate issued [body-validity]",
                                                leaf_->label, x509::format_time(*na), x509::format_time(r_.ctx.at)));
        } else if (nb && r_.ctx.at < *nb) {
            out_.problems.push_back(fmt::format("the certificate {} is not valid until {} (judged at {}): fix cannot change its dates "
                                                "[body-validity]",
                                                leaf_->label, x509::format_time(*nb), x509::format_time(r_.ctx.at)));
        }
    }

    void add_candidates(const Contents& c, const std::string& from) {
        int i = 0;
        for (const Certificate& cert : c.certs) {
            Candidate cand{&cert, from, i++};
            if (&cert == leaf_) continue;
            if (x509::same_cert(cert.x509.get(), leaf_->x509.get())) {
                cand.skip = true;
                if (from == "--chain") out_.changes.emplace_back("chain: dropped the leaf certificate (it belongs in cert.pem only)");
            } else {
                for (const Candidate& earlier : pool_) {
                    if (earlier.skip || !x509::same_cert(earlier.cert->x509.get(), cert.x509.get())) continue;
                    cand.skip = true;
                    if (from == "--chain" && earlier.from == "--chain") out_.changes.push_back("chain: dropped a duplicate of " + cert.label);
                    break;
                }
            }
            pool_.push_back(std::move(cand));
        }
    }

    bool trusted(X509* root) const {
        if (r_.ctx.trust == nullptr) return false;
        const ossl::X509Ptr found = r_.ctx.trust->issuer_of(root);
        return found && x509::same_cert(found.get(), root);
    }

    void build_chain() {
        if (chain_) add_candidates(*chain_, "--chain");
        add_candidates(cert_, "--cert");
        if (bundle_) add_candidates(*bundle_, "--bundle");
        X509* current = leaf_->x509.get();
        if (leaf_->self_signed) return;
        for (int depth = 0; depth < kMaxPath; ++depth) {
            Candidate* next = nullptr;
            for (Candidate& c : pool_) {
                if (!c.skip && !c.used && x509::issued_by(current, c.cert->x509.get())) {
                    next = &c;
                    break;
                }
            }
            if (next != nullptr) {
                next->used = true;
                if (next->cert->self_signed) {
                    const bool no_root_rule = r_.profile != nullptr && r_.profile->find("chain-no-root") != nullptr;
                    if (trusted(next->cert->x509.get()) || no_root_rule) {
                        dropped_root_ = next;
                        root_note_ = (fmt::format("chain: left out the root {} ({})", next->cert->label,
                                                           no_root_rule ? "this profile wants intermediates only"
                                                                        : "clients already trust it: it is in the trust store"));
                    } else {
                        path_.push_back(next->cert);
                        from_.push_back(next);
                    }
                    return;
                }
                path_.push_back(next->cert);
                from_.push_back(next);
                current = next->cert->x509.get();
                continue;
            }
            ossl::X509Ptr stored = r_.ctx.trust != nullptr ? r_.ctx.trust->issuer_of(current) : ossl::X509Ptr{};
            if (stored) {
                if (x509::self_signed(stored.get())) return;  // the root clients hold: the path is complete
                store_certs_.push_back(make_certificate(std::move(stored), 0));
                out_.changes.push_back("chain: added " + store_certs_.back().label + " from the trust store");
                path_.push_back(&store_certs_.back());
                from_.push_back(nullptr);
                current = store_certs_.back().x509.get();
                continue;
            }
            if (r_.fetch_missing) {
                std::string why;
                auto fetched = fetch_issuer(current, *r_.fetch_missing, why);
                if (fetched) {
                    if (x509::self_signed(fetched->cert.get())) return;  // a root: clients hold their own
                    store_certs_.push_back(make_certificate(std::move(fetched->cert), 0));
                    out_.changes.push_back(fmt::format("chain: fetched {} from {} (AIA caIssuers, signature verified)",
                                                       store_certs_.back().label, fetched->url));
                    path_.push_back(&store_certs_.back());
                    from_.push_back(nullptr);
                    current = store_certs_.back().x509.get();
                    continue;
                }
                fetch_failure_ = why;
            }
            break;
        }
        if (path_.size() >= kMaxPath) return;
        out_.problems.push_back(fmt::format(
            "the intermediate certificate that issued {} cannot be found: its issuer '{}' is in neither {} nor the trust store; get "
            "the intermediate from your CA and pass it with --chain or --bundle{} [chain-complete]",
            path_.empty() ? leaf_->label : path_.back()->label, x509::name_line(X509_get_issuer_name(current)),
            r_.chain || r_.bundle ? "--cert, --chain, --bundle" : "--cert (no --chain or --bundle was given)",
            !r_.fetch_missing ? std::string{" (or try --fetch-missing)"}
                              : fmt::format(" (--fetch-missing: {})", fetch_failure_)));
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

        // How the chain compares with the --chain file as given.
        std::vector<int> given_order;
        for (std::size_t i = 0; i < path_.size(); ++i) {
            const Candidate* c = from_[i];
            if (c == nullptr) continue;
            if (c->from == "--chain") given_order.push_back(c->index);
            else if (c->from == "--cert") out_.changes.push_back("chain: moved " + c->cert->label + " from the certificate file into the chain");
        }
        if (dropped_root_ != nullptr && dropped_root_->from == "--chain") given_order.push_back(dropped_root_->index);
        if (!std::is_sorted(given_order.begin(), given_order.end())) {
            std::string order;
            for (const Certificate* c : path_) order += (order.empty() ? "" : ", ") + c->label;
            if (dropped_root_ != nullptr) order += (order.empty() ? "" : ", ") + dropped_root_->cert->label;
            out_.changes.push_back("chain: reordered into issuing order: " + order);
        }
        if (!root_note_.empty()) out_.changes.push_back(root_note_);
        std::size_t bundle_used = 0;
        std::size_t bundle_total = 0;
        for (const Candidate& c : pool_) {
            if (c.from == "--bundle") {
                ++bundle_total;
                if (c.used && &c != dropped_root_) ++bundle_used;
            }
            if (c.used || c.skip) continue;
            if (c.from == "--chain") out_.changes.push_back("chain: dropped " + c.cert->label + " (not on the leaf's issuing path)");
            if (c.from == "--cert") out_.changes.push_back("cert: dropped " + c.cert->label + " (not on the leaf's issuing path)");
        }
        if (bundle_) {
            out_.changes.push_back(fmt::format("chain: took {} of the {} in {}", bundle_used,
                                               plural(bundle_total, "certificate", "certificates"), *r_.bundle));
        }
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
    std::vector<Candidate> pool_;
    std::vector<const Certificate*> path_;
    std::vector<const Candidate*> from_;  // parallel to path_; null for certificates from the trust store
    std::deque<Certificate> store_certs_;
    std::string fetch_failure_;  // why --fetch-missing found no issuer
    const Candidate* dropped_root_ = nullptr;
    std::string root_note_;  // why the root was left out
};

}  // namespace

FixOutcome fix(const FixRequest& request) { return Fixer(request).run(); }

}  // namespace certcheck
