// certcheck fix: pick the leaf and its key out of whatever the user has, build the issuing path,
// write PEM the profile accepts, and refuse (writing nothing) what cannot be repaired.
// The pieces: pem.cpp (what is written), changes.cpp (the change list), path.cpp (chain.pem),
// write.cpp (placing the files), report.cpp (text and json).
#include "fix/fix.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "certcheck/check.hpp"
#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "fix/changes.hpp"
#include "fix/path.hpp"
#include "fix/pem.hpp"
#include "fix/write.hpp"

namespace certcheck {
namespace {

using fixer::ChangeList;

void note_unreadable(const std::string& path, const Contents& c, std::vector<std::string>& problems) {
    for (const std::string& p : c.problems) problems.push_back(fmt::format("{}: {}", path, p));
}

bool pair(const Certificate& cert, const PrivateKey& key) {
    EVP_PKEY* pub = X509_get0_pubkey(cert.x509.get());
    const bool ok = pub != nullptr && key.pkey && EVP_PKEY_eq(pub, key.pkey.get()) == 1;
    ossl::clear_errors();
    return ok;
}

// The findings at or above --fail-on, as reasons fix refuses; each with its rule and hint.
void refuse_failures(const SubjectReport& report, Status fail_on, std::vector<std::string>& problems) {
    for (const Finding& f : report.findings) {
        if (f.status < fail_on) continue;
        problems.push_back(f.hint ? fmt::format("{} [{}]; to fix: {}", f.message, f.rule, *f.hint) : fmt::format("{} [{}]", f.message, f.rule));
    }
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

        const PassphraseSource* pass = r_.passphrase ? &r_.passphrase : nullptr;
        // The source asks once and remembers, so a PKCS#12 given as both --cert and --key is one prompt.
        cert_ = read_contents(read_input(Slot::Body, r_.cert), pass);
        key_ = read_contents(read_input(Slot::Key, r_.key), pass);
        if (r_.chain) chain_ = read_contents(read_input(Slot::Chain, *r_.chain), pass);
        if (r_.bundle) bundle_ = read_contents(read_input(Slot::Chain, *r_.bundle), pass);

        pick_leaf();
        if (out_.problems.empty()) check_dates();
        if (out_.problems.empty() && uploads_chain()) {
            path_.emplace(r_, *leaf_, cert_, chain_ ? &*chain_ : nullptr, bundle_ ? &*bundle_ : nullptr);
            path_->build(out_.problems, out_.notes);
        }
        if (!out_.problems.empty()) return std::move(out_);

        std::string cert_text = fixer::cert_pem(leaf_->x509.get());
        std::string key_text = fixer::key_pem(key_ptr_->pkey.get());
        std::string chain_text;
        const std::vector<const Certificate*> none;
        const std::vector<const Certificate*>& chain_certs = path_ ? path_->certs() : none;
        for (const Certificate* c : chain_certs) chain_text += fixer::cert_pem(c->x509.get());
        if (cert_text.empty() || key_text.empty() || (!chain_certs.empty() && chain_text.empty())) {
            fixer::wipe(key_text);
            out_.problems.emplace_back("OpenSSL could not write the certificate or key as PEM");
            return std::move(out_);
        }
        note_changes(cert_text, key_text);

        // Judge the result before anything touches the disk: what fails here is not fixable.
        {
            SubjectFiles files;
            files.body = load_file(analyse_input(Slot::Body, cert_path, cert_text));
            files.key = load_file(analyse_input(Slot::Key, key_path, key_text));
            if (!chain_certs.empty()) files.chain = load_file(analyse_input(Slot::Chain, chain_path, chain_text));
            files.request = r_.request;
            // check_subject wipes the copy of the key it loaded.
            refuse_failures(check_subject(std::move(files), *r_.run), r_.run->fail_on, out_.problems);
        }
        if (!out_.problems.empty()) {
            fixer::wipe(key_text);
            return std::move(out_);
        }

        std::vector<fixio::OutFile> files;
        files.push_back({cert_path, cert_text, false});
        files.push_back({key_path, key_text, true});
        if (!chain_certs.empty()) files.push_back({chain_path, chain_text, false});
        fixer::wipe(key_text);
        // The files written are checked again as they are on disk, under the directory's lock
        // (a concurrent fix --force into the same --out waits until then).
        CheckInputs again;
        again.cert = cert_path;
        again.key = key_path;
        if (!chain_certs.empty()) again.chain = chain_path;
        again.request = r_.request;
        try {
            fixio::write_all(r_.out_dir, files, inputs, r_.force, [&] { out_.recheck = check_subject(again, *r_.run); });
        } catch (...) {
            fixer::wipe(files[1].data);
            throw;
        }
        fixer::wipe(files[1].data);
        for (const auto& f : files) out_.written.push_back(f.path);
        out_.fixed = out_.recheck->verdict == Verdict::Pass;
        return std::move(out_);
    }

private:
    // An IAM signing certificate is uploaded alone: no chain.pem.
    [[nodiscard]] bool uploads_chain() const { return r_.run->profile->target != UploadTarget::IamSigningCertificate; }

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
        }
    }

    void check_dates() {
        X509* x = leaf_->x509.get();
        const auto nb = x509::to_time(X509_get0_notBefore(x));
        const auto na = x509::to_time(X509_get0_notAfter(x));
        if (na && r_.run->ctx.at > *na) {
            out_.problems.push_back(fmt::format(
                "the certificate {} expired on {} (judged at {}): fix cannot renew it; have a new "
                "certificate issued [body-validity]",
                leaf_->label, x509::format_time(*na), x509::format_time(r_.run->ctx.at)));
        } else if (nb && r_.run->ctx.at < *nb) {
            out_.problems.push_back(fmt::format(
                "the certificate {} is not valid until {} (judged at {}): fix cannot change its dates "
                "[body-validity]",
                leaf_->label, x509::format_time(*nb), x509::format_time(r_.run->ctx.at)));
        }
    }

    // Every change, one entry each: the files' containers and text, the leaf and key taken out of
    // them, blocks written again, and what the path did with the chain candidates.
    void note_changes(const std::string& cert_text, const std::string& key_text) {
        ChangeList changes;
        const bool combined = r_.key == r_.cert;
        fixer::note_file_changes(changes, "cert", cert_, {.also_key = combined, .also_cert = true});
        if (!combined) fixer::note_file_changes(changes, "key", key_, {.also_key = true, .also_cert = false});
        if (chain_) fixer::note_file_changes(changes, "chain", *chain_, {});
        if (cert_.certs.size() > 1) {
            changes.add("cert", "leaf-kept-alone",
                        fmt::format("kept the leaf {} alone ({} other {} in {})", leaf_->label, cert_.certs.size() - 1,
                                    cert_.certs.size() == 2 ? "certificate was" : "certificates were", r_.cert));
        }
        if (cert_.container == Container::Pem) fixer::note_rewritten(changes, "cert", cert_.file, leaf_->line, cert_text, "the certificate block");
        const PrivateKey& k = *key_ptr_;
        fixer::note_key_changes(changes, key_, k, key_text, r_.key);
        if (key_.container == Container::Pem && !k.encrypted && fixer::written_key_label(key_text) == k.label) {
            fixer::note_rewritten(changes, "key", key_.file, k.line, key_text, "the key block");
        }
        if (path_) {
            for (const PathLink* l : path_->links()) {
                const Contents* from = l->source == ChainSource::Chain  ? (chain_ ? &*chain_ : nullptr)
                                       : l->source == ChainSource::Body ? &cert_
                                                                        : nullptr;
                if (from != nullptr && from->container == Container::Pem) {
                    fixer::note_rewritten(changes, "chain", from->file, l->cert->line, fixer::cert_pem(l->cert->x509.get()),
                                          "the block of " + l->cert->label);
                }
            }
            path_->note_changes(changes);
        } else if (chain_ || r_.bundle) {
            changes.add("chain", "chain-not-written",
                        fmt::format("wrote no chain.pem: {} uploads the certificate alone (--chain and --bundle are not used)",
                                    r_.run->profile->name));
        }
        out_.changes = changes.take();
    }

    const FixRequest& r_;
    FixOutcome out_;
    Contents cert_;
    Contents key_;
    std::optional<Contents> chain_;
    std::optional<Contents> bundle_;
    const Certificate* leaf_ = nullptr;
    const PrivateKey* key_ptr_ = nullptr;
    std::optional<fixer::PathBuilder> path_;
};

}  // namespace

FixOutcome fix(const FixRequest& request) { return Fixer(request).run(); }

}  // namespace certcheck
