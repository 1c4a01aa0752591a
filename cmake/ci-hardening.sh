#!/usr/bin/env bash
# cmake/ci-hardening.sh [SECONDS]: the hardening half of CI, also for running by hand.
# 1. cmake --workflow --preset asan: configure (clang, ASan + UBSan, fuzzers on), build, and run
#    the whole test suite under the sanitizers.
# 2. Every libFuzzer target for SECONDS (default 60), two at a time (fuzz/run.sh -P 2 all).
# Exits non-zero on any test failure, sanitizer report, crash, leak or timeout.
# Needs clang and libclang-rt-14-dev (cmake/install-deps.sh) and ../shared/corpora for the seeds.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
cd "$repo"
start=$(date +%s)
stamp() { echo "ci-hardening: $1 after $(( $(date +%s) - start )) s"; }

cmake --workflow --preset asan
stamp "sanitizer suite passed"
fuzz/run.sh -B build-asan -P 2 all "$seconds"
stamp "every fuzz target ran ${seconds} s with nothing found"
