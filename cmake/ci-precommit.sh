#!/usr/bin/env bash
# Tests the pre-commit hook (.pre-commit-hooks.yaml) with Debian's pre-commit, offline, against a
# throwaway git repository: a good certificate, key and chain commit; a PKCS#8 key (an IAM error)
# is refused and the commit does not happen; a commit without certificates is not checked.
#
# usage: bash cmake/ci-precommit.sh [DIR_HOLDING_CERTCHECK]
#   certcheck must be on PATH (installed from the .deb), or in the directory given.
# Exit 0 all passed, 1 a check failed, 77 pre-commit or git is not installed (skipped).
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -ge 1 ]; then PATH="$(cd "$1" && pwd):$PATH"; fi
for tool in pre-commit git certcheck openssl; do
    if ! command -v "$tool" >/dev/null; then
        echo "skip: $tool is not installed (Debian: apt-get install pre-commit git; certcheck from its package)"
        exit 77
    fi
done
fixtures="$src/testdata/fixtures"
work="$(mktemp -d "${TMPDIR:-/tmp}/certcheck-precommit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
passed=0
failed=0
ok() { echo "ok    $1"; passed=$((passed + 1)); }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }

repo="$work/repo"
git init -q "$repo"
cd "$repo"
git config user.email ci@example.invalid
git config user.name ci
git config commit.gpgsign false
# The hook as a user's repository would run it: pre-commit with this repository's hooks file
# (try-repo also takes the uncommitted state of this checkout), on the staged files.
mkdir -p .git/hooks
cat >.git/hooks/pre-commit <<HOOK
#!/bin/sh
exec pre-commit try-repo "$src" certcheck
HOOK
chmod +x .git/hooks/pre-commit

mkdir site
cp "$fixtures/leaf.pem" site/site.crt
cp "$fixtures/leaf.key" site/site.key
cp "$fixtures/chain.pem" site/site.ca-bundle
echo "notes" >README.txt
git add site README.txt
if out="$(git commit -q -m good 2>&1)"; then ok "a good certificate, key and chain commit"; else bad "a good certificate, key and chain commit: $out"; fi

mkdir api
cp "$fixtures/leaf.pem" api/cert.pem
cp "$fixtures/leaf-pkcs8.key" api/key.pem
git add api
if out="$(git commit -q -m bad 2>&1)"; then
    bad "a PKCS#8 key is refused (the commit went through)"
else
    case "$out" in
        *key-rsa-pkcs1*) ok "a PKCS#8 key is refused, naming the rule" ;;
        *) bad "a PKCS#8 key is refused, naming the rule: $out" ;;
    esac
fi
[ "$(git rev-list --count HEAD 2>/dev/null)" = 1 ] && ok "the refused commit did not happen" || bad "the refused commit did not happen"
git reset -q api

# Only the files of the commit are checked: a bad file that is not staged does not matter.
echo "more" >>README.txt
git add README.txt
if out="$(git commit -q -m readme 2>&1)"; then ok "a commit without certificates passes (unstaged bad files ignored)"; else bad "a commit without certificates passes: $out"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
