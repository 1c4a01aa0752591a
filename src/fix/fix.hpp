// certcheck fix: from what the user has (PEM, DER, PKCS#7, PKCS#12, encrypted or not), write
// upload-ready cert.pem, key.pem and chain.pem, check them with the profile, and say what changed.
#pragma once

#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "endpoint/aia.hpp"
#include "certcheck/check.hpp"
#include "load/contents.hpp"
#include "certcheck/engine.hpp"
#include "certcheck/report.hpp"

namespace certcheck {

// The output cannot be written as asked (a target exists without --force, a target is an input,
// --out is not a directory): exit 2, nothing written.
class FixTargetError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct FixRequest {
    std::string cert;
    std::string key;
    std::optional<std::string> chain;
    std::optional<std::string> bundle;
    std::string out_dir;
    std::vector<std::string> other_inputs;  // the trust store, passphrase file, ...: never replaced either
    bool force = false;
    const RunContext* run = nullptr;           // the profile, its rules, --at and the trust store chains are completed from
    PassphraseSource passphrase;               // empty: encrypted inputs cannot be opened
    std::optional<AiaSettings> fetch_missing;  // --fetch-missing: an intermediate found nowhere else comes from AIA
    Request request;                           // --name, --path, --user-name: checked by the profile's request rules, carried into the command
};

// One change fix made, for one output file.
struct FixChange {
    std::string file;  // "cert", "key" or "chain": the output file it concerns
    std::string kind;  // stable, machine-readable: "from-der", "key-decrypted", "chain-reordered" (docs/fix.md lists them)
    std::string text;  // for people: "converted DER (binary) to PEM"; never key material
};

struct FixOutcome {
    bool fixed = false;                    // the files were written and pass the profile
    std::vector<FixChange> changes;        // one per change, cert then key then chain
    std::vector<std::string> notes;        // what the reader should know that is not a change (an unused --bundle)
    std::vector<std::string> problems;     // why it could not fix; never key material
    bool needs_passphrase = false;         // an input was encrypted and no passphrase was available
    std::vector<std::string> written;      // the paths written
    std::optional<SubjectReport> recheck;  // check of the written files
};

// Throws InputError (an input cannot be read) or FixTargetError (the output cannot be placed).
// Writes nothing unless every problem is solved and the result passes the profile's rules.
[[nodiscard]] FixOutcome fix(const FixRequest& request);

// The outcome as people read it (the default) or as a JSON document (--format json; docs/fix.md
// has its shape). Neither holds key material. `profile` and `checked_at` name the run.
void render_fix_text(const FixRequest& request, const FixOutcome& outcome, std::string_view profile, std::ostream& out);
void render_fix_json(const FixRequest& request, const FixOutcome& outcome, std::string_view profile, std::string_view checked_at,
                     std::ostream& out);

}  // namespace certcheck
