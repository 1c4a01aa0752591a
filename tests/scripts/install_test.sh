#!/usr/bin/env bash
# cmake --install into a temporary DESTDIR: the binary, the man page (linted), the bash and zsh
# completions (syntax-checked; the bash one also driven as bash would drive it), the licence.
# usage: install_test.sh BUILD_DIR
set -euo pipefail
build="$1"
stage="$(mktemp -d "${TMPDIR:-/tmp}/certcheck-install.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
passed=0
failed=0
ok() { echo "ok    $1"; passed=$((passed + 1)); }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }
expect() { if (set +o pipefail; eval "$1"); then ok "$2"; else bad "$2"; fi; }  # grep -q may close a pipe early

DESTDIR="$stage" cmake --install "$build" --prefix /usr >/dev/null
root="$stage/usr"
for f in bin/certcheck share/man/man1/certcheck.1 share/bash-completion/completions/certcheck \
    share/zsh/vendor-completions/_certcheck share/doc/certcheck/copyright share/doc/certcheck/ci.md; do
    expect "[ -f '$root/$f' ]" "installed $f"
done
expect "[ -x '$root/bin/certcheck' ] && '$root/bin/certcheck' --version | grep -q '^certcheck [0-9]'" "the installed binary runs"

# The man page: groff's own warnings (-ww), and mandoc's linter when it is installed.
page="$root/share/man/man1/certcheck.1"
groff_err="$(groff -man -t -Tutf8 -ww -z "$page" 2>&1 || true)"
expect "[ -z \"\$groff_err\" ]" "groff -man -ww reports nothing on the man page ${groff_err}"
expect "MANWIDTH=80 man -l '$page' 2>/dev/null | grep -q 'EXIT STATUS'" "man -l renders the page"
if command -v mandoc >/dev/null; then
    lint="$(mandoc -Tlint -W warning "$page" 2>&1 || true)"
    expect "[ -z \"\$lint\" ]" "mandoc -Tlint -W warning reports nothing ${lint}"
else
    echo "skip  mandoc is not installed: mandoc lint skipped"
fi

bash_comp="$root/share/bash-completion/completions/certcheck"
zsh_comp="$root/share/zsh/vendor-completions/_certcheck"
expect "bash -n '$bash_comp'" "bash -n on the bash completion"
if command -v zsh >/dev/null; then
    expect "zsh -n '$zsh_comp'" "zsh -n on the zsh completion"
else
    echo "skip  zsh is not installed: zsh -n skipped"
fi

# Drive the bash completion as bash does: COMP_WORDS/COMP_CWORD in, COMPREPLY out. Profile names
# and rule ids come from the installed binary at completion time.
complete_words() {  # prints COMPREPLY, one per line, for the words given (the last is completed)
    bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _certcheck
        printf "%s\n" "${COMPREPLY[@]}"
    ' _ "$bash_comp" "$@"
}
bin="$root/bin/certcheck"
expect "[ \"\$(complete_words '$bin' '' | sort | tr '\n' ' ')\" = 'access check endpoint exporter fix help inspect merge profiles rules scan ' ]" "bash: commands"
expect "complete_words '$bin' help ch | grep -qx check" "bash: help ch -> check"
expect "[ \"\$(complete_words '$bin' inspect --passphrase- | sort | tr '\n' ' ')\" = '--passphrase-env --passphrase-file ' ]" "bash: inspect --passphrase- -> both passphrase sources"
expect "complete_words '$bin' check --sk | grep -qx -- --skip" "bash: check --sk -> --skip"
expect "complete_words '$bin' scan --inc | grep -qx -- --include" "bash: scan --inc -> --include"
expect "complete_words '$bin' --no | grep -qx -- --no-config" "bash: --no -> --no-config"
expect "[ \"\$(complete_words '$bin' check --skip chain-p | sort | tr '\n' ' ')\" = 'chain-pem chain-present ' ]" "bash: --skip chain-p -> the chain-p rule ids"
expect "complete_words '$bin' scan --only body-pem,key-rs | grep -qx body-pem,key-rsa-pkcs1" "bash: comma-separated rule ids"
expect "[ \"\$(complete_words '$bin' check --profile '' | sort | tr '\n' ' ')\" = 'acm cloudfront endpoint iam-server iam-signing roles-anywhere ' ]" "bash: --profile -> the profiles"
expect "complete_words '$bin' scan --format '' | grep -qx sarif" "bash: scan --format -> sarif"
expect "complete_words '$bin' rules --format '' | grep -qx ids" "bash: rules --format -> ids"
expect "complete_words '$bin' check --fail-on w | grep -qx warn" "bash: --fail-on w -> warn"
expect "[ -z \"\$(complete_words '$bin' check --at '')\" ]" "bash: nothing offered for --at"
expect "[ \"\$(complete_words '$bin' fix --passphrase- | sort | tr '\\n' ' ')\" = '--passphrase-env --passphrase-file ' ]" "bash: fix --passphrase- -> both passphrase sources"
expect "[ \"\$(complete_words '$bin' inspect --format '' | sort | tr '\\n' ' ')\" = 'json text ' ]" "bash: inspect --format -> text json"
expect "[ \"\$(complete_words '$bin' access --format '' | sort | tr '\\n' ' ')\" = 'csv html json text ' ]" "bash: access --format -> text json csv html"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
