#!/usr/bin/env bash
# certcheck benchmark: scan throughput and memory, `check` latency, and an openssl-CLI baseline,
# all measured in the same run so the ratios hold on a noisy machine. See docs/performance.md.
#
#   bash bench/run.sh [--count N] [--baseline-count M] [--build DIR]
#                     [--layout plain|mixed] [--check-runs R] [--scan-runs S] [--jobs J] [--seed S]
#                     [--shared-primes] [--gcd-counts "N1 N2 ..."] [--loop-count L]
#
#   --count N           triples in the scan corpus (default 10000)
#   --baseline-count M  triples checked by the openssl-CLI baseline loop (default 200)
#   --build DIR         build directory (default: build-bench in the repository; configured if
#                       missing); the corpus is cached in DIR/bench-cache, never in the source tree
#   --layout L          corpus layout: plain (default) or mixed (certbot, NAME.crt/.key/.ca-bundle, plain)
#   --check-runs R      runs of `certcheck check` on one triple (default 200)
#   --scan-runs S       timed scan runs after one warm-up run; the median is reported (default 3)
#   --jobs J            scan --jobs (default 2)
#   --seed S            corpus seed (default 1)
#   --shared-primes     build the corpus's key pool from few primes (every key shares a prime with
#                       others: the planted-weak case, key-weak fails every subject)
#   --gcd-counts "..."  batch GCD benchmark sizes (default "10000 100000"; "" skips it)
#   --loop-count L      triples run through the plain OpenSSL API loop (default: the whole corpus)
#
# It ends with the issue 19 ratios, each against a baseline measured in the same run: check /
# cfssl bundle (skipped with a line saying so when cfssl is not installed: Debian golang-cfssl),
# scan / plain OpenSSL loop, peak RSS for 100,000 triples (--count 100000), --version / openssl version.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
count=10000 baseline_count=200 build="$repo/build-bench" layout=plain check_runs=200 scan_runs=3 jobs=2 seed=1
primes=distinct gcd_counts="10000 100000" loop_count=""
at=2030-01-01T00:00:00Z

die() { echo "bench/run.sh: $*" >&2; exit 2; }
need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --count) need_value "$@"; count=$2; shift 2 ;;
        --baseline-count) need_value "$@"; baseline_count=$2; shift 2 ;;
        --build) need_value "$@"; build=$2; shift 2 ;;
        --layout) need_value "$@"; layout=$2; shift 2 ;;
        --check-runs) need_value "$@"; check_runs=$2; shift 2 ;;
        --scan-runs) need_value "$@"; scan_runs=$2; shift 2 ;;
        --jobs) need_value "$@"; jobs=$2; shift 2 ;;
        --seed) need_value "$@"; seed=$2; shift 2 ;;
        --shared-primes) primes=shared; shift ;;
        --loop-count) need_value "$@"; loop_count=$2; shift 2 ;;
        --gcd-counts) [[ $# -ge 2 ]] || die "--gcd-counts needs a value"; gcd_counts=$2; shift 2 ;;
        -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[[ -z $loop_count ]] && loop_count=$count
for v in count baseline_count check_runs scan_runs jobs seed loop_count; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "--${v//_/-} needs a number, got '${!v}'"
done
((count >= 1 && check_runs >= 1 && scan_runs >= 1 && jobs >= 1)) || die "counts must be at least 1"
[[ $layout == plain || $layout == mixed ]] || die "--layout is plain or mixed"
((baseline_count > count)) && baseline_count=$count
((loop_count > count || loop_count < 1)) && loop_count=$count

build=$(realpath -m "$build")
# The corpus lives in the build dir: refuse a build dir that git would track.
if [[ $build == "$repo"/* ]] && git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 \
    && ! git -C "$repo" check-ignore -q "$build/bench-cache"; then
    die "$build is inside the repository and not ignored by git; use build-*/ or a directory outside it"
fi
mkdir -p "$build" || die "cannot create $build"

# ---- tools ------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    echo "installing the Debian 'time' package for /usr/bin/time ..." >&2
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi \
        || die "/usr/bin/time is missing and could not be installed (apt-get install time)"
fi
command -v openssl >/dev/null || die "the openssl command line is needed for the baseline"

# ---- build (one job: the machine is shared) ----------------------------------------------
if [[ ! -f $build/build.ninja ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCERTCHECK_BUILD_BENCH=ON >/dev/null || die "cmake configure failed"
fi
ninja -C "$build" -j1 certcheck certcheck_bench_gen certcheck_bench_gcd certcheck_bench_openssl_loop >/dev/null \
    || die "build failed (ninja -C $build -j1 certcheck certcheck_bench_gen certcheck_bench_gcd certcheck_bench_openssl_loop)"
cc="$build/src/certcheck"
gen="$build/bench/certcheck_bench_gen"

# ---- corpus (cached) ---------------------------------------------------------------------
cache="$build/bench-cache"
corpus="$cache/corpus-$layout-$count-s$seed-$primes-primes"
list="$corpus.tsv"
gen_note="cached"
if [[ ! -f $corpus.done ]]; then
    mkdir -p "$cache"
    rm -rf "$corpus" "$list"
    echo "generating $count triples ($layout) in $corpus ..." >&2
    t0=$EPOCHREALTIME
    shared_flag=(); [[ $primes == shared ]] && shared_flag=(--shared-primes)
    "$gen" --out "$corpus" --count "$count" --layout "$layout" --seed "$seed" --list "$list" "${shared_flag[@]}" \
        || die "corpus generation failed"
    gen_note=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "generated now in %.1f s", b - a }')
    touch "$corpus.done"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/certcheck-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
at_epoch=$(date -u -d "$at" +%s)

# ---- machine -----------------------------------------------------------------------------
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ { print $2 }' "$build/CMakeCache.txt")
echo "== machine"
echo "nproc:        $(nproc)"
echo "cpu:          ${cpu:-unknown}"
echo "memory:       $mem"
echo "kernel:       $(uname -r)"
echo "openssl:      $(openssl version)"
if rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null); then
    git -C "$repo" diff --quiet HEAD 2>/dev/null || rev="$rev + uncommitted changes"
else
    rev="not a git checkout"
fi
echo "certcheck:    $("$cc" --version 2>/dev/null) ($build_type build, $rev)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (start)"
echo "corpus:       $corpus ($count triples, $layout layout, $gen_note)"
echo

# ---- (a) scan ----------------------------------------------------------------------------
scan_rate="" scan_ms="" scan_rss="" scan_note=""
# CLI11 answers `certcheck scan --help` with the top-level help when scan is unknown, so look
# for scan in the list of subcommands instead.
if "$cc" --help 2>/dev/null | grep -qE '^[[:space:]]+scan([[:space:]]|$)'; then
    echo "== scan: $cc scan CORPUS --format ndjson --at $at --jobs $jobs"
    # Warm-up run (page cache), kept for a sanity count of the output lines.
    "$cc" scan "$corpus" --format ndjson --at "$at" --jobs "$jobs" >"$tmp/scan.ndjson" 2>"$tmp/scan.err"
    rc=$?
    if ((rc > 1)); then
        scan_note="scan failed (exit $rc)"
        echo "$scan_note: $(head -c 300 "$tmp/scan.err")"
    else
        planted=$(awk -F'\t' '$5 == 0' "$list" | wc -l)
        echo "warm-up: exit $rc, $(wc -l <"$tmp/scan.ndjson") ndjson lines for $count triples," \
            "$(grep -c '"verdict":"fail"' "$tmp/scan.ndjson") with \"verdict\":\"fail\" ($planted mismatched keys planted)," \
            "$(grep -c '"rule":"key-weak","status":"error"' "$tmp/scan.ndjson") key-weak failures ($primes primes)"
        : >"$tmp/scan.walls"; : >"$tmp/scan.rss"; : >"$tmp/noweak.walls"; : >"$tmp/scan.cpu"; : >"$tmp/noweak.cpu"
        for ((r = 1; r <= scan_runs; r++)); do
            t0=$EPOCHREALTIME
            /usr/bin/time -f '%M %U %S' -o "$tmp/time.out" \
                "$cc" scan "$corpus" --format ndjson --at "$at" --jobs "$jobs" >/dev/null 2>"$tmp/scan.err"
            rc=$?
            t1=$EPOCHREALTIME
            ((rc > 1)) && { scan_note="scan failed (exit $rc)"; break; }
            w=$(elapsed "$t0" "$t1"); echo "$w" >>"$tmp/scan.walls"
            read -r rss u s < <(tail -1 "$tmp/time.out")
            echo "$rss" >>"$tmp/scan.rss"
            c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }'); echo "$c" >>"$tmp/scan.cpu"
            # The same scan without key-weak, right after: key-weak's share of the time. On a
            # loaded machine the CPU time (user + system) is the steadier measure of the two.
            t0=$EPOCHREALTIME
            /usr/bin/time -f '%U %S' -o "$tmp/time.out" \
                "$cc" scan "$corpus" --format ndjson --at "$at" --jobs "$jobs" --skip key-weak >/dev/null 2>"$tmp/scan.err"
            t1=$EPOCHREALTIME
            nw=$(elapsed "$t0" "$t1"); echo "$nw" >>"$tmp/noweak.walls"
            read -r u s < <(tail -1 "$tmp/time.out")
            nc=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }'); echo "$nc" >>"$tmp/noweak.cpu"
            printf 'run %d: %.3f s (CPU %.2f s), peak RSS %d KiB; without key-weak %.3f s (CPU %.2f s)\n' "$r" "$w" "$c" "$rss" "$nw" "$nc"
        done
        if [[ -z $scan_note ]]; then
            scan_s=$(sort -g "$tmp/scan.walls" | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }')
            scan_rate=$(awk -v n="$count" -v s="$scan_s" 'BEGIN { printf "%.0f", n / s }')
            scan_ms=$(awk -v s="$scan_s" 'BEGIN { printf "%.0f", s * 1000 }')
            scan_rss=$(sort -n "$tmp/scan.rss" | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')
            noweak_s=$(sort -g "$tmp/noweak.walls" | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }')
            weak_pct=$(awk -v a="$scan_s" -v b="$noweak_s" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }')
            median() { sort -g "$1" | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
            scan_cpu=$(median "$tmp/scan.cpu"); noweak_cpu=$(median "$tmp/noweak.cpu")
            weak_cpu_pct=$(awk -v a="$scan_cpu" -v b="$noweak_cpu" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }')
        fi
    fi
else
    scan_note="scan: not available in this build"
    echo "== $scan_note"
fi
echo

# ---- (b) check of one triple, and the start-up baselines ---------------------------------
# Each round times, back to back: certcheck check, cfssl bundle on the same files (when cfssl is
# installed), /bin/true (the floor of this way of timing), certcheck --version and openssl
# version, so that every ratio compares figures taken under the same load. Medians are reported.
read -r _ cert key chain _ < <(awk -F'\t' '$5 == 1 { print; exit }' "$list")
# cfssl wants the root apart from the intermediates: the chain's last certificate.
awk '/-----BEGIN CERTIFICATE-----/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' "$chain" >"$tmp/check-root.pem"
cfssl_bin=$(command -v cfssl || true)
cfssl_note=""
if [[ -n $cfssl_bin ]]; then
    if ! "$cfssl_bin" bundle -cert "$cert" -key "$key" -int-bundle "$chain" -ca-bundle "$tmp/check-root.pem" >"$tmp/cfssl.json" 2>"$tmp/cfssl.err" \
        || ! grep -q '"bundle"' "$tmp/cfssl.json"; then
        cfssl_note="cfssl bundle failed on the check triple: $(head -c 300 "$tmp/cfssl.err")"
        cfssl_bin=""
    fi
else
    cfssl_note="cfssl is not installed (Debian: apt-get install golang-cfssl): the check / cfssl bundle ratio is skipped"
fi
echo "== check: $cc check --cert $cert --key $key --chain $chain --at $at --format json  ($check_runs runs)"
[[ -n $cfssl_bin ]] && echo "   cfssl: $cfssl_bin bundle -cert CERT -key KEY -int-bundle CHAIN -ca-bundle ROOT ($("$cfssl_bin" version 2>/dev/null | head -1))"
[[ -n $cfssl_note ]] && echo "   $cfssl_note"
for ((r = 0; r < 5; r++)); do "$cc" check --cert "$cert" --key "$key" --chain "$chain" --at "$at" --format json >/dev/null 2>&1; done
check_rc=0
: >"$tmp/check.ms"; : >"$tmp/cfssl.ms"; : >"$tmp/true.ms"; : >"$tmp/version.ms"; : >"$tmp/osslver.ms"
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }'; }
for ((r = 0; r < check_runs; r++)); do
    t0=$EPOCHREALTIME
    "$cc" check --cert "$cert" --key "$key" --chain "$chain" --at "$at" --format json >/dev/null 2>&1
    rc=$?
    t1=$EPOCHREALTIME
    ((rc != 0)) && check_rc=$rc
    ms "$t0" "$t1" >>"$tmp/check.ms"
    if [[ -n $cfssl_bin ]]; then
        t0=$EPOCHREALTIME
        "$cfssl_bin" bundle -cert "$cert" -key "$key" -int-bundle "$chain" -ca-bundle "$tmp/check-root.pem" >/dev/null 2>&1
        t1=$EPOCHREALTIME
        ms "$t0" "$t1" >>"$tmp/cfssl.ms"
    fi
    t0=$EPOCHREALTIME; /bin/true; t1=$EPOCHREALTIME; ms "$t0" "$t1" >>"$tmp/true.ms"
    t0=$EPOCHREALTIME; "$cc" --version >/dev/null; t1=$EPOCHREALTIME; ms "$t0" "$t1" >>"$tmp/version.ms"
    t0=$EPOCHREALTIME; openssl version >/dev/null; t1=$EPOCHREALTIME; ms "$t0" "$t1" >>"$tmp/osslver.ms"
done
stats() { sort -g "$1" | awk '
    { v[NR] = $1; s += $1 }
    END { i = int(NR * 0.95 + 0.999999); if (i > NR) i = NR; m = int((NR + 1) / 2)
          printf "%.2f %.2f %.2f\n", s / NR, (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2, v[i] }'; }
read -r check_mean check_p50 check_p95 < <(stats "$tmp/check.ms")
echo "certcheck check:   mean $check_mean ms, median $check_p50 ms, p95 $check_p95 ms (exit status $check_rc; expected 0)"
cfssl_p50=""
if [[ -n $cfssl_bin ]]; then
    read -r cfssl_mean cfssl_p50 cfssl_p95 < <(stats "$tmp/cfssl.ms")
    echo "cfssl bundle:      mean $cfssl_mean ms, median $cfssl_p50 ms, p95 $cfssl_p95 ms"
fi
read -r true_mean true_p50 true_p95 < <(stats "$tmp/true.ms")
echo "/bin/true (floor): mean $true_mean ms, median $true_p50 ms, p95 $true_p95 ms"
read -r version_mean version_p50 version_p95 < <(stats "$tmp/version.ms")
echo "certcheck --version: mean $version_mean ms, median $version_p50 ms, p95 $version_p95 ms"
read -r osslver_mean osslver_p50 osslver_p95 < <(stats "$tmp/osslver.ms")
echo "openssl version:   mean $osslver_mean ms, median $osslver_p50 ms, p95 $osslver_p95 ms"
echo

# ---- (b2) the plain OpenSSL API loop: the baseline of scan throughput --------------------
echo "== baseline: plain one-thread OpenSSL API loop, $build/bench/certcheck_bench_openssl_loop --list LIST --count $loop_count"
loop_line=$("$build/bench/certcheck_bench_openssl_loop" --list "$list" --count "$loop_count" 2>&1)
loop_rc=$?
echo "$loop_line"
loop_rate="" loop_cpu=""
if ((loop_rc == 0)); then
    loop_rate=$(sed -nE 's/.*: ([0-9.]+) triples\/s.*/\1/p' <<<"$loop_line")
    loop_cpu=$(sed -nE 's/.*\(CPU ([0-9.]+) s\).*/\1/p' <<<"$loop_line")
else
    echo "(the loop's verdicts differ from the planted ones or it failed: no scan / loop ratio)"
fi
echo

# ---- (c) openssl command-line baseline ---------------------------------------------------
# The same core checks, one set of processes per triple: parse + validity at --at, key matches
# certificate (public keys compared), chain verifies to the chain's own root, PKCS#1 label.
baseline_triple() {
    local cert=$1 key=$2 chain=$3 ok=0 cert_pub key_pub
    local checkend=$((at_epoch - EPOCHSECONDS)); ((checkend < 0)) && checkend=0
    openssl x509 -in "$cert" -noout -checkend "$checkend" >/dev/null 2>&1 || ok=1
    cert_pub=$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null) || ok=1
    key_pub=$(openssl pkey -in "$key" -pubout 2>/dev/null) || ok=1
    [[ -n $cert_pub && $cert_pub == "$key_pub" ]] || ok=1
    awk '/-----BEGIN CERTIFICATE-----/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' "$chain" >"$tmp/root.pem"
    openssl verify -attime "$at_epoch" -CAfile "$tmp/root.pem" -untrusted "$chain" "$cert" >/dev/null 2>&1 || ok=1
    grep -q -- '-----BEGIN RSA PRIVATE KEY-----' "$key" || ok=1
    return $ok
}
echo "== baseline: openssl command line, one triple at a time, first $baseline_count triples"
head -n "$baseline_count" "$list" >"$tmp/baseline.tsv"
expected_fail=$(awk -F'\t' '$5 == 0' "$tmp/baseline.tsv" | wc -l)
pass=0 fail=0
t0=$EPOCHREALTIME
while IFS=$'\t' read -r _ cert key chain _; do
    if baseline_triple "$cert" "$key" "$chain"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done <"$tmp/baseline.tsv"
t1=$EPOCHREALTIME
base_s=$(elapsed "$t0" "$t1")
base_rate=$(awk -v n="$baseline_count" -v s="$base_s" 'BEGIN { printf "%.1f", n / s }')
base_ms=$(awk -v n="$baseline_count" -v s="$base_s" 'BEGIN { printf "%.1f", s * 1000 / n }')
echo "$baseline_count triples in $(printf '%.1f' "$base_s") s: $base_rate triples/s, $base_ms ms per triple; $pass pass, $fail fail (expected $expected_fail fail)"
echo

# ---- (d) batch GCD -----------------------------------------------------------------------
gcd_rows=()
for n in $gcd_counts; do
    echo "== batch GCD: $build/bench/certcheck_bench_gcd --count $n --jobs $jobs"
    # The moduli (products of 64-bit primes, see bench/batch_gcd_bench.cpp) are cached beside the corpus.
    line=$("$build/bench/certcheck_bench_gcd" --count "$n" --jobs "$jobs" --cache "$cache") || line="failed: $line"
    echo "$line"
    gcd_rows+=("$n|$(sed -E 's/.*: ([0-9.]+) s wall, ([0-9.]+) s CPU .*peak RSS ([0-9]+) MiB.*/\1 s (CPU \2 s), \3 MiB/' <<<"$line")")
done
echo

# ---- table -------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.1f", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" -v d="$3" 'BEGIN { if (v == "") print "pending"; else if ((d == "min" && v + 0 >= t) || (d == "max" && v + 0 <= t)) print "met"; else print "NOT met" }'; }
echo "== results (load average at end: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "measure" "certcheck" "openssl CLI baseline" "ratio" "target"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------" "------------------------" "------------------------" "--------------" "------------"
if [[ -n $scan_rate ]]; then
    printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "scan, $count triples, --jobs $jobs" "$scan_rate triples/s" "$base_rate triples/s" "$(ratio "$scan_rate" "$base_rate")x" \
        "$(verdict "$scan_rate" 10000 min) (>=10000/s)"
    printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "scan wall time (median of $scan_runs)" "$scan_ms ms" "-" "-" "-"
    printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "key-weak's share of the scan, wall" "$weak_pct%" "-" "-" \
        "$(awk -v p="$weak_pct" 'BEGIN { print (p + 0 <= 10) ? "met (<=10%)" : "NOT met (<=10%)" }')"
    printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "key-weak's share of the scan, CPU" "$weak_cpu_pct% ($scan_cpu vs $noweak_cpu s)" "-" "-" \
        "$(awk -v p="$weak_cpu_pct" 'BEGIN { print (p + 0 <= 10) ? "met (<=10%)" : "NOT met (<=10%)" }')"
    printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "scan peak RSS, $count triples" "$scan_rss MiB" "-" "-" \
        "$( ((count >= 100000)) && echo "$(verdict "$scan_rss" 200 max) (<=200 MiB)" || echo "(100k: <=200 MiB)")"
else
    printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "scan, $count triples" "${scan_note#scan: }" "$base_rate triples/s" "-" "pending"
fi
printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "check one triple, mean" "$check_mean ms" "$base_ms ms" "$(ratio "$base_ms" "$check_mean")x faster" \
    "$(verdict "$check_mean" 5 max) (<=5 ms)"
printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "check one triple, p95" "$check_p95 ms" "-" "-" "$(verdict "$check_p95" 5 max) (<=5 ms)"
printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "process floor (/bin/true), mean" "$true_mean ms" "-" "-" "-"
printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "certcheck --version, mean" "$version_mean ms" "-" "-" "-"
for row in "${gcd_rows[@]}"; do
    n=${row%%|*} v=${row#*|}
    target="-"
    ((n == 100000)) && target="$(awk -v s="${v%% *}" 'BEGIN { print (s + 0 <= 60) ? "met" : "NOT met" }') (<=60 s)"
    printf '| %-34s | %-22s | %-22s | %-12s | %-10s |\n' "batch GCD, $n moduli, --jobs $jobs" "$v" "-" "-" "$target"
done
echo

# ---- the issue 19 targets, as ratios against baselines measured in this run --------------
echo "== issue 19 ratios (medians; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
mark() { awk -v v="$1" -v t="$2" -v d="$3" 'BEGIN { if ((d == "min" && v + 0 >= t) || (d == "max" && v + 0 <= t)) print "met"; else print "NOT met" }'; }
if [[ -n $cfssl_p50 ]]; then
    r=$(awk -v a="$check_p50" -v b="$cfssl_p50" 'BEGIN { printf "%.2f", a / b }')
    echo "check / cfssl bundle: $r (target <= 0.60): $(mark "$r" 0.60 max)  [$check_p50 ms vs $cfssl_p50 ms]"
else
    echo "check / cfssl bundle: skipped: $cfssl_note"
fi
if [[ -n $scan_rate && -n $loop_rate ]]; then
    r=$(awk -v a="$scan_rate" -v b="$loop_rate" 'BEGIN { printf "%.1f", a / b }')
    echo "scan / openssl loop: $r x (target >= 10): $(mark "$r" 10 min)  [$scan_rate vs $loop_rate triples/s; scan --jobs $jobs, loop one thread]"
    # On a loaded machine wall time measures the scheduler as much as the code: the same ratio
    # in CPU time per triple (scan: all threads, user + system; loop: its process).
    if [[ -n $loop_cpu && -n ${scan_cpu:-} ]]; then
        echo "   in CPU time per triple: scan $(awk -v c="$scan_cpu" -v n="$count" 'BEGIN { printf "%.0f", c * 1e6 / n }') us, loop $(awk -v c="$loop_cpu" -v n="$loop_count" 'BEGIN { printf "%.0f", c * 1e6 / n }') us: loop / scan = $(awk -v a="$loop_cpu" -v n="$loop_count" -v b="$scan_cpu" -v m="$count" 'BEGIN { printf "%.1f", (a / n) / (b / m) }') x per CPU second (x $jobs threads for the wall-time target)"
    fi
else
    echo "scan / openssl loop: not measured (${scan_note:-the loop failed})"
fi
if [[ -n $scan_rss ]]; then
    if ((count >= 100000)); then
        echo "peak RSS, $count triples: $scan_rss MiB (target <= 100): $(mark "$scan_rss" 100 max)"
    else
        echo "peak RSS, 100000 triples: not measured in this run (run with --count 100000); $count triples: $scan_rss MiB"
    fi
fi
r=$(awk -v a="$version_p50" -v b="$osslver_p50" 'BEGIN { printf "%.2f", a / b }')
echo "--version / openssl version: $r  [$version_p50 ms vs $osslver_p50 ms]"
if [[ -n ${weak_cpu_pct:-} ]]; then
    echo "key-weak's added CPU per triple: $weak_cpu_pct% (target <= 10%): $(mark "${weak_cpu_pct#+}" 10 max)  [wall: $weak_pct%]"
fi
