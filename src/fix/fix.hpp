// certcheck fix: from what the user has (PEM, DER, PKCS#7, PKCS#12, encrypted or not), write
// upload-ready cert.pem, key.pem and chain.pem, check them with the profile, and say what changed.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
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
    const RunContext* run = nullptr;   // the profile, its rules, --at and the trust store chains are completed from
    PassphraseSource passphrase;       // empty: encrypted inputs cannot be opened
    std::optional<AiaSettings> fetch_missing;  // --fetch-missing: an intermediate found nowhere else comes from AIA
};

struct FixOutcome {
    bool fixed = false;                  // the files were written and pass the profile
    std::vector<std::string> changes;    // one line per change ("key: converted PKCS#8 to PKCS#1")
    std::vector<std::string> problems;   // why it could not fix; never key material
    bool needs_passphrase = false;       // an input was encrypted and no passphrase was available
    std::vector<std::string> written;    // the paths written
    std::optional<SubjectReport> recheck;  // check of the written files
};

// Throws InputError (an input cannot be read) or FixTargetError (the output cannot be placed).
// Writes nothing unless every problem is solved and the result passes the profile's rules.
[[nodiscard]] FixOutcome fix(const FixRequest& request);

}  // namespace certcheck
