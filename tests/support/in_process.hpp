// `certcheck check ARGS --format json` without the binary: the same core calls the check command
// makes (make_run_context, check_subject, render_json, the report's exit code), in the test's own
// process. For the corpus replays, which check thousands of inputs; each corpus keeps tests
// through the binary as well (tests/e2e/corpora_*_test.cpp).
#pragma once

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/report.hpp"

namespace certcheck::test {

// ARGS as check's command line: --cert, --key, --chain, --at, --trust-store, --profile, --only,
// --skip, --name, --path, --host, --fail-on, --expiry-warn, --trust-anchor and --format json (the
// only format). out is the json report, err the message of an exit-2 error ("certcheck: error: ...")
// as the binary prints it, exit_code what the binary would exit with. An option outside that list
// fails the test.
[[nodiscard]] RunResult run_check_in_process(const std::vector<std::string>& args);

// check_json_report's in-process twin: the same Checked, from run_check_in_process.
[[nodiscard]] Checked check_json_in_process(const std::vector<std::string>& args);

}  // namespace certcheck::test
