#!/usr/bin/env bash
# fuzz/seeds.sh OUT_DIR [TARGET...]: assembles each fuzz target's seed corpus in OUT_DIR/<target>
# from ../shared/corpora (openssl-fuzz-corpora, boringssl fuzz seeds, pyca vectors, x509-limbo),
# testdata/fixtures and testdata/regress/<target> (inputs that once failed). Nothing is copied into
# the repository. Files over 64 KiB are left out. CERTCHECK_CORPORA overrides where the corpora are.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
corpora=${CERTCHECK_CORPORA:-$repo/../shared/corpora}
fixtures=$repo/testdata/fixtures
max_bytes=65536

# One line per target: the corpora folders it starts from (relative to $corpora), plus
# @fixtures (testdata/fixtures) and @triples (real body, key and chain files joined by the
# fuzz::kSeparator line, for the targets that split their input).
declare -A SEEDS=(
  [pem]="openssl-fuzz-corpora/pem boringssl-pki/fuzz/read_pem_corpus pyca-cryptography-vectors/asymmetric/PEM_Serialization @fixtures"
  [load_body]="openssl-fuzz-corpora/x509 boringssl-pki/fuzz/cert_corpus pyca-cryptography-vectors/x509 pyca-cryptography-vectors/pkcs7 @fixtures"
  [load_key]="openssl-fuzz-corpora/decoder boringssl-pki/fuzz/privkey_corpus boringssl-pki/fuzz/pkcs8_corpus pyca-cryptography-vectors/asymmetric pyca-cryptography-vectors/pkcs12 @fixtures"
  [load_chain]="x509-limbo/cases cfssl-bundler/derived pyca-cryptography-vectors/x509/custom @fixtures"
  [check]="@triples"
  [scan]="@triples"
  [trust_policy]="@policies"
)

if [ $# -lt 1 ]; then
  echo "usage: fuzz/seeds.sh OUT_DIR [TARGET...]   (targets: ${!SEEDS[*]})" >&2
  exit 2
fi
out=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${!SEEDS[@]}")

sep=$'\n--8<--\n'

n=0
add() {  # add DIR FILE...: copies each regular file of at most max_bytes (same names kept apart)
  local dir=$1
  shift
  [ $# -gt 0 ] || return 0
  find "$@" -maxdepth 0 -type f -size -$((max_bytes + 1))c -print0 | xargs -0 -r cp --backup=numbered -t "$dir"
}

put() {  # put DIR TEXT: one seed holding TEXT
  n=$((n + 1))
  printf '%s' "$2" > "$1/seed-$n"
}

triples() {  # every fixture certificate with its key and each chain file; limbo's cert + pool
  local dir=$1 cert key chain body keytext
  local -a chains=()
  for chain in "$fixtures"/chain*.pem; do chains+=("$(<"$chain")"); done
  for cert in "$fixtures"/*.pem; do
    { body=$(<"$cert"); } 2>/dev/null  # (NUL bytes of the UTF-16 fixture are dropped)
    [[ $body == *"BEGIN CERTIFICATE"* ]] || continue
    key=${cert%.pem}.key
    [ -f "$key" ] || key=$fixtures/leaf.key
    keytext=$(<"$key")
    for chain in "${chains[@]}"; do put "$dir" "$body$sep$keytext$sep$chain"; done
    put "$dir" "$body$sep$keytext"
  done
  if [ -d "$corpora/x509-limbo/cases" ]; then
    for cert in "$corpora"/x509-limbo/cases/*/cert.pem; do
      put "$dir" "$(<"$cert")$sep$sep$(<"$(dirname "$cert")/chain.pem")"
    done
  fi
}

for t in "${targets[@]}"; do
  if [ -z "${SEEDS[$t]+x}" ]; then
    echo "seeds.sh: no seeds listed for '$t' (add a line to SEEDS)" >&2
    exit 2
  fi
  dir=$out/$t
  rm -rf "$dir"
  mkdir -p "$dir"
  for src in ${SEEDS[$t]}; do
    case $src in
      @fixtures) add "$dir" "$fixtures"/* ;;
      @triples) triples "$dir" ;;
      @policies) add "$dir" "$fixtures"/profiles/policy-*.json ;;
      *)
        if [ -d "$corpora/$src" ]; then
          find "$corpora/$src" -type f -size -$((max_bytes + 1))c ! -name 'README*' ! -name '*.json' ! -name '*.tsv' -print0 |
            xargs -0 -r cp --backup=numbered -t "$dir"
        else
          echo "seeds.sh: $corpora/$src is missing; $t starts without it" >&2
        fi
        ;;
    esac
  done
  [ -d "$repo/testdata/regress/$t" ] && add "$dir" "$repo/testdata/regress/$t"/*
  echo "seeds.sh: $t: $(find "$dir" -type f | wc -l) seeds in $dir"
done
