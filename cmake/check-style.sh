#!/usr/bin/env bash
# The style check of the test suite (ctest: scripts.style), against the committed .clang-format
# and .clang-tidy:
#   - clang-format on the C++ lines this branch changed (git clang-format --diff against the
#     merge-base with main, or against the last commit when the branch has no change of its own);
#     with --all, on every file of src include tests bench fuzz instead;
#   - clang-tidy on the .cpp files changed the same way (at most CERTCHECK_TIDY_MAX, default 6,
#     each bounded by CERTCHECK_TIDY_TIMEOUT seconds, default 180), with BUILD_DIR's
#     compile_commands.json.
# Exit 77 (ctest: skipped) when clang-format, clang-tidy or git is missing or this is no work tree.
#
# usage: cmake/check-style.sh BUILD_DIR [--all]
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: cmake/check-style.sh BUILD_DIR [--all]}
all=${2:-}

pick() { for t in "$@"; do command -v "$t" >/dev/null 2>&1 && { echo "$t"; return; }; done; }
format=$(pick clang-format-14 clang-format)
tidy=$(pick clang-tidy-14 clang-tidy)
gitcf=$(pick git-clang-format-14 git-clang-format)
if [[ -z $format || -z $tidy || -z $gitcf ]] || ! command -v git >/dev/null || ! git rev-parse --git-dir >/dev/null 2>&1; then
    echo "check-style: skipped: needs git, clang-format, git-clang-format and clang-tidy (cmake/install-deps.sh installs them)"
    exit 77
fi

base=""
for ref in main origin/main; do
    if git rev-parse --verify -q "$ref^{commit}" >/dev/null; then
        base=$(git merge-base HEAD "$ref" 2>/dev/null) && break
    fi
done
sources=(src include tests bench fuzz)
changed() { git diff --name-only --diff-filter=ACMR "$1" -- "${sources[@]}" | grep -E '\.(cpp|hpp|h)$'; }
if [[ -z $base || -z $(changed "$base") ]]; then
    base=$(git rev-parse -q --verify HEAD~1) || { echo "check-style: skipped: no commit to compare with"; exit 77; }
    what="the last commit"
else
    what="the merge-base with main ($(git rev-parse --short "$base"))"
fi
mapfile -t files < <(changed "$base")
status=0

if [[ $all == --all ]]; then
    mapfile -t every < <(git ls-files -- "${sources[@]}" | grep -E '\.(cpp|hpp|h)$')
    if ! out=$("$format" --dry-run -Werror "${every[@]}" 2>&1); then
        echo "$out" | head -200
        echo "FAIL  clang-format: $(grep -c 'error:' <<<"$out") places in ${#every[@]} files differ from .clang-format (clang-format -i FILE fixes them)"
        status=1
    else
        echo "ok    clang-format: ${#every[@]} files"
    fi
elif ((${#files[@]})); then
    out=$("$gitcf" --binary "$format" --diff --extensions cpp,hpp,h "$base" -- "${files[@]}" 2>&1)
    if [[ -n $out && $out != *"did not modify any files"* && $out != *"no modified files to format"* ]]; then
        echo "$out" | head -200
        echo "FAIL  clang-format: lines changed since $what differ from .clang-format; fix with: git clang-format $base"
        status=1
    else
        echo "ok    clang-format: the lines of ${#files[@]} files changed since $what"
    fi
else
    echo "ok    clang-format: no C++ file changed since $what"
fi

if [[ ! -f $build/compile_commands.json ]]; then
    echo "check-style: clang-tidy skipped: no $build/compile_commands.json (configure with a preset first)"
    exit $((status ? status : 77))
fi
max=${CERTCHECK_TIDY_MAX:-6}
limit=${CERTCHECK_TIDY_TIMEOUT:-180}
tidied=()
for f in "${files[@]}"; do
    [[ $f == *.cpp ]] && grep -q "\"file\": \".*/$f\"" "$build/compile_commands.json" && tidied+=("$f")
done
if ((${#tidied[@]} > max)); then
    echo "note  clang-tidy: ${#tidied[@]} changed .cpp files, checking the first $max (CERTCHECK_TIDY_MAX)"
    tidied=("${tidied[@]:0:max}")
fi
for f in "${tidied[@]}"; do
    out=$(timeout "$limit" "$tidy" -p "$build" --quiet "$f" 2>&1)
    rc=$?
    if ((rc == 124)); then
        echo "note  clang-tidy: $f took over ${limit}s, not judged"
    elif ((rc != 0)) || grep -qE '(warning|error):' <<<"$out"; then
        grep -E -A4 '(warning|error):' <<<"$out" | head -80
        echo "FAIL  clang-tidy: $f (see .clang-tidy)"
        status=1
    else
        echo "ok    clang-tidy: $f"
    fi
done
((${#tidied[@]})) || echo "ok    clang-tidy: no changed .cpp file in $build/compile_commands.json"
exit $status
