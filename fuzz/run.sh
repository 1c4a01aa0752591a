#!/usr/bin/env bash
# fuzz/run.sh [-B BUILD_DIR] [-P PARALLEL] TARGET|all SECONDS
# Runs each libFuzzer target (fuzz/fuzz_<target>.cpp, built with CERTCHECK_BUILD_FUZZERS=ON) for
# SECONDS, PARALLEL targets at a time (default 1), each in one process. Per input: a timeout
# (FUZZ_TIMEOUT, 10 s) and an RSS limit (FUZZ_RSS_MB, 2048); leaks are fatal. New inputs go to
# BUILD_DIR/fuzz-corpus/<target>, crashes/leaks/timeouts to BUILD_DIR/fuzz-artifacts/<target>/,
# logs to BUILD_DIR/fuzz-logs/<target>.log. Exits 1 if any target found anything.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
build=$repo/build-asan
parallel=1
while getopts "B:P:" opt; do
  case $opt in
    B) build=$(cd "$OPTARG" && pwd) ;;
    P) parallel=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -ne 2 ]; then
  echo "usage: fuzz/run.sh [-B BUILD_DIR] [-P PARALLEL] TARGET|all SECONDS" >&2
  exit 2
fi
what=$1
seconds=$2

if [ "$what" = all ]; then
  targets=()
  for f in "$here"/fuzz_*.cpp; do
    t=$(basename "$f" .cpp)
    targets+=("${t#fuzz_}")
  done
else
  targets=("$what")
fi

for t in "${targets[@]}"; do
  [ -x "$build/fuzz/fuzz_$t" ] || { echo "run.sh: $build/fuzz/fuzz_$t is not built (cmake --preset asan && cmake --build --preset asan)" >&2; exit 2; }
done
"$here/seeds.sh" "$build/fuzz-seeds" "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$build/fuzz-logs"

run_one() {
  local t=$1 corpus=$build/fuzz-corpus/$1 artifacts=$build/fuzz-artifacts/$1/ log=$build/fuzz-logs/$1.log rc=0
  mkdir -p "$corpus" "$artifacts"
  # The outer timeout only guards against libFuzzer itself not stopping.
  timeout --kill-after=30 $((seconds + 300)) "$build/fuzz/fuzz_$t" \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
    -max_len="${FUZZ_MAX_LEN:-65536}" -dict="$here/certcheck.dict" -print_final_stats=1 \
    -artifact_prefix="$artifacts" "$corpus" "$build/fuzz-seeds/$t" > "$log" 2>&1 || rc=$?
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "run.sh: $t: ok, ${execs:-?} executions in ${seconds} s (log $log)"
  else
    echo "run.sh: $t: FAILED (exit $rc) after ${execs:-?} executions; see $log and $artifacts" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -5 >&2 || true
  fi
  return $rc
}

failed=0
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
exit $failed
