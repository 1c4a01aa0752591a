// --passphrase-file / --passphrase-env: where a passphrase comes from (never an argument), for the
// commands that open encrypted inputs (fix, inspect).
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "load/contents.hpp"

namespace certcheck::cli {

// Declares --passphrase-file FILE and --passphrase-env VAR (one or the other).
void add_passphrase_options(CLI::App& cmd, std::optional<std::string>& file, std::optional<std::string>& env);

// One passphrase for the run, read at most once: the first line of `file`, or the variable `env`
// (then removed from the environment), or, only when may_prompt, asked on the terminal with echo
// off. An empty source when there is none. Throws UsageError for an unset variable and
// InputError for an unreadable file.
[[nodiscard]] PassphraseSource passphrase_source(const std::optional<std::string>& file, const std::optional<std::string>& env,
                                                 bool may_prompt);

// A decrypted key is about to be in memory: no core file may hold it, and no other process of
// the user may read this one's memory (RLIMIT_CORE 0, PR_SET_DUMPABLE 0; both last until exit).
void forbid_core_dumps();

}  // namespace certcheck::cli
