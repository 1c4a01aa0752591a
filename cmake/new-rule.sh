#!/usr/bin/env bash
# Creates a new rule from cmake/templates/: src/rules/<id>.cpp (its metadata and a skeleton that
# fails every certificate), tests/rules/<id>_test.cpp (pass, fail and not-applicable tests that fail
# until they are written) and docs/rules/<id>.md, placed last in the catalogue; then builds certcheck
# and regenerates the rule lists of docs/rules/README.md and docs/man/certcheck.1
# (cmake/gen-catalogue.py). What is left by hand: the TODOs, and the rule's line in a profile of
# src/profile/profiles.cpp (then run cmake/gen-catalogue.py again for the README's tables).
#
# usage: cmake/new-rule.sh RULE-ID [BUILD_DIR]     e.g. cmake/new-rule.sh acm-key-usage
#   BUILD_DIR: a configured build tree (default: build, from `cmake --preset default`).
set -euo pipefail
cd "$(dirname "$0")/.."

id=${1:-}
build=${2:-build}
if [[ ! $id =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]]; then
    echo "usage: cmake/new-rule.sh RULE-ID [BUILD_DIR]  (RULE-ID in kebab-case, e.g. acm-key-usage)" >&2
    exit 2
fi
stem=${id//-/_}
class=$(sed -E 's/(^|-)([a-z0-9])/\U\2/g' <<<"$id")
rule=src/rules/$stem.cpp
test=tests/rules/${stem}_test.cpp
page=docs/rules/$id.md
for f in "$rule" "$test" "$page"; do
    if [[ -e $f ]]; then
        echo "new-rule: $f exists already" >&2
        exit 1
    fi
done
if [[ ! -f $build/CMakeCache.txt ]]; then
    echo "new-rule: $build is not a configured build tree; run 'cmake --preset default' first" >&2
    exit 1
fi
last=$(sed -n 's|^// catalogue: \([0-9]*\)$|\1|p' src/rules/*.cpp | sort -n | tail -1)
position=$((${last:-0} + 10))

fill() {
    sed -e "s|@ID@|$id|g" -e "s|@STEM@|$stem|g" -e "s|@CLASS@|$class|g" -e "s|@POSITION@|$position|g" "$1" >"$2"
    echo "new-rule: wrote $2"
}
fill cmake/templates/rule.cpp.in "$rule"
fill cmake/templates/rule_test.cpp.in "$test"
fill cmake/templates/rule.md.in "$page"

cmake --build "$build" --target certcheck >/dev/null
python3 cmake/gen-catalogue.py "$build/src/certcheck" .
cat <<NEXT
new-rule: $id is registered at catalogue position $position (the last). Next:
  1. put it in a profile: a line {"$id", {}}, in src/profile/profiles.cpp;
  2. write the TODOs of $rule, $test and $page (a real failing example from the binary);
  3. python3 cmake/gen-catalogue.py $build/src/certcheck   (the README's tables follow the profile)
  4. cmake --build --preset quick && ctest --preset quick
NEXT
