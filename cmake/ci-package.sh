#!/usr/bin/env bash
# Builds the Debian package, installs it with apt-get as a user would, checks the installed
# certcheck (examples, man page, completions, the pre-commit hook), then removes it again.
# Run as root on Debian 12, from anywhere in a clone:
#
#   bash cmake/ci-package.sh              # a Release build in build-package/ (a few minutes on 2 cores)
#   bash cmake/ci-package.sh build-ci     # package an existing build directory instead (seconds)
#
# Exit 0 when every check passed. The machine is left as it was: the package is removed at the end
# (also on failure), and nothing else is installed but the package's own dependencies.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
cd "$src"
build="${1:-build-package}"
start=$SECONDS
passed=0
failed=0
ok() { echo "ok    $1"; passed=$((passed + 1)); }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }
expect() { if (set +o pipefail; eval "$1"); then ok "$2"; else bad "$2"; fi; }  # grep -q may close a pipe early

if dpkg-query -W -f='${Status}' certcheck 2>/dev/null | grep -q "install ok installed"; then
    echo "ci-package: the certcheck package is already installed; remove it first (apt-get remove certcheck)" >&2
    exit 2
fi
if [ ! -f "$build/CPackConfig.cmake" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCERTCHECK_BUILD_TESTS=OFF -DCERTCHECK_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" --target certcheck -j "$(nproc)" >/dev/null
rm -f "$build"/certcheck_*.deb
(cd "$build" && cpack -G DEB >/dev/null 2>&1) || { echo "ci-package: cpack -G DEB failed" >&2; exit 1; }
deb="$(ls "$build"/certcheck_*.deb)"
echo "built $deb ($(du -h "$deb" | cut -f1)) in $((SECONDS - start)) s"
dpkg-deb -f "$deb" Package Version Architecture Maintainer Depends Suggests

depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libssl3 libgmp10; do
    expect "[[ '$depends' == *$lib* ]]" "Depends names $lib (computed by dpkg-shlibdeps)"
done
# Loaded on first use with dlopen (src/rules/host_match.cpp): named by cmake/CertcheckPackaging.cmake.
expect "[[ '$depends' == *libidn2-0* ]]" "Depends names libidn2-0 (loaded on first use)"
# Compiled into the binary for a faster start (cmake/CertcheckLinking.cmake, docs/performance.md).
for lib in libfmt9 libspdlog1.10 libtomlplusplus3 libstdc++6; do
    expect "[[ '$depends' != *$lib* ]]" "Depends does not name $lib (compiled in)"
done
contents="$(dpkg-deb -c "$deb")"
expect "[[ \"\$contents\" == *'./usr/share/doc/certcheck/copyright'* ]]" "the package holds the licence as copyright"

trap 'apt-get remove -y -q certcheck >/dev/null 2>&1 || true' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q "$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")" >/dev/null
expect "[ \"\$(command -v certcheck)\" = /usr/bin/certcheck ]" "apt-get install puts certcheck in /usr/bin"
expect "certcheck --version | grep -qx 'certcheck [0-9.]*'" "the installed certcheck runs"
out="$(cd testdata/examples && certcheck check --no-config --cert cert.pem --key key.pem --chain chain.pem 2>&1)" && rc=0 || rc=$?
expect "[ $rc -eq 0 ] && [[ \"\$out\" == *'aws iam upload-server-certificate'* ]]" "check passes on testdata/examples with the upload command"
scan="$(certcheck scan --no-config testdata/examples --format json)" && rc=0 || rc=$?
expect "[ $rc -eq 0 ] && [[ \"\$scan\" == *'\"passed\": 1'* ]]" "scan of testdata/examples passes"
expect "[ -f /usr/share/man/man1/certcheck.1 ]" "the man page is installed"
if command -v man >/dev/null; then
    expect "[ \"\$(man -w certcheck 2>/dev/null)\" = /usr/share/man/man1/certcheck.1 ]" "man -w certcheck finds it"
else
    echo "skip  man-db is not installed: man -w skipped"
fi
expect "[ -f /usr/share/bash-completion/completions/certcheck ] && [ -f /usr/share/zsh/vendor-completions/_certcheck ]" "bash and zsh completions are installed"
if command -v pre-commit >/dev/null && command -v git >/dev/null; then
    expect "bash cmake/ci-precommit.sh >/dev/null" "the pre-commit hook works with the installed certcheck (cmake/ci-precommit.sh)"
else
    echo "skip  pre-commit or git is not installed: the hook test is skipped"
fi

apt-get remove -y -q certcheck >/dev/null
trap - EXIT
expect "! dpkg-query -W -f='\${Status}' certcheck 2>/dev/null | grep -q 'install ok installed' && [ ! -e /usr/bin/certcheck ]" "apt-get remove leaves no certcheck behind"
echo "ci-package: $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
