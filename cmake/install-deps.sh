#!/usr/bin/env bash
# Installs the Debian 12 packages certcheck needs to build and test (run as root, or with sudo).
# The dpkg-dev line is for packaging and its tests: dpkg-dev (dpkg-shlibdeps for cpack -G DEB), git
# and pre-commit (the hook test), man-db, groff-base and mandoc (man page lint), zsh (zsh -n);
# clang-format and clang-tidy (the style check, cmake/check-style.sh).
# The monitoring tests: prometheus (promtool and a real server), chromium-headless-shell (the html
# report rendered), parallel (the docs/scan.md sharding recipe).
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libssl-dev openssl ca-certificates
  libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev libtomlplusplus-dev libgtest-dev
  libgmp-dev libidn2-dev
  libxml2-utils python3-jsonschema python3-yaml
  dpkg-dev git pre-commit man-db groff-base mandoc zsh
  clang libclang-rt-14-dev clang-format clang-tidy
  prometheus chromium-headless-shell parallel
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
