#!/usr/bin/env bash
# Regenerates the certcheck test fixtures (testdata/fixtures/) and the
# quick-start examples (testdata/examples/) with the openssl CLI (3.0+).
#
#   bash testdata/gen.sh          # from any directory
#
# Keys are freshly generated on every run; all certificate validity dates
# are fixed, so results only depend on the --at time used by the tests
# (2030-01-01T00:00:00Z).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/fixtures"
EX="$HERE/examples"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/certcheck-gen.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Standard dates
NB=20250101000000Z
NA=20991231235959Z
ORG="/C=US/O=certcheck tests"

rm -rf "$OUT"
mkdir -p "$OUT" "$EX" "$WORK/newcerts"
: > "$WORK/index.txt"
echo 1000 > "$WORK/serial"

cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = CA_default

[ CA_default ]
dir            = $WORK
database       = \$dir/index.txt
new_certs_dir  = \$dir/newcerts
serial         = \$dir/serial
default_md     = sha256
default_days   = 365
policy         = policy_anything
unique_subject = no
preserve       = yes
email_in_dn    = no
copy_extensions = none

[ policy_anything ]
countryName            = optional
stateOrProvinceName    = optional
localityName           = optional
organizationName       = optional
organizationalUnitName = optional
commonName             = optional
emailAddress           = optional

[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder
CNF

cat > "$WORK/ext.cnf" <<'EXT'
[ v3_root ]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ v3_inter ]
basicConstraints       = critical, CA:true, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EXT

log() { printf '  %s\n' "$*"; }

# Run a command quietly; dump its output if it fails.
q() {
  if ! "$@" > "$WORK/cmd.log" 2>&1; then
    echo "FAILED: $*" >&2
    cat "$WORK/cmd.log" >&2
    return 1
  fi
}

# rsa_key <file> <bits>   -> PKCS#1 ("BEGIN RSA PRIVATE KEY")
rsa_key() { q openssl genrsa -traditional -out "$1" "$2"; }

# csr <keyfile> <subject> <out>
csr() { q openssl req -config "$WORK/ca.cnf" -new -sha256 -key "$1" -subj "$2" -out "$3"; }

# leaf_ext <section-file> <dns names...>  (end-entity server extensions)
# KU is taken from $LEAF_KU (default RSA: digitalSignature,keyEncipherment)
leaf_ext() {
  local f="$1"; shift
  {
    echo "[ v3_leaf ]"
    echo "basicConstraints       = CA:false"
    echo "keyUsage               = critical, ${LEAF_KU:-digitalSignature, keyEncipherment}"
    echo "extendedKeyUsage       = serverAuth"
    echo "subjectKeyIdentifier   = hash"
    echo "authorityKeyIdentifier = keyid:always"
    echo "subjectAltName         = @alt_names"
    echo "[ alt_names ]"
    local i=1 n
    for n in "$@"; do echo "DNS.$i = $n"; i=$((i + 1)); done
  } > "$f"
}

# sign <csr> <out> <ca-cert|SELF> <ca-key> <extfile> <section> <start> <end> [md]
sign() {
  local csr="$1" out="$2" cacert="$3" cakey="$4" ext="$5" sect="$6" sd="$7" ed="$8" md="${9:-sha256}"
  local issuer=(-cert "$cacert")
  [ "$cacert" = SELF ] && issuer=(-selfsign)
  q openssl ca -config "$WORK/ca.cnf" -batch -notext -md "$md" \
    "${issuer[@]}" -keyfile "$cakey" \
    -startdate "$sd" -enddate "$ed" \
    -extfile "$ext" -extensions "$sect" \
    -in "$csr" -out "$out"
}

# leaf_cert <name> <keyfile> <CN> <start> <end> [md] -- signs by inter-ca
# extra SANs via $SANS (array) else SAN = CN
issue_leaf() {
  local name="$1" key="$2" cn="$3" sd="$4" ed="$5" md="${6:-sha256}"
  csr "$key" "$ORG/CN=$cn" "$WORK/$name.csr"
  leaf_ext "$WORK/$name.ext" "${SANS[@]:-$cn}"
  sign "$WORK/$name.csr" "$OUT/$name.pem" "$OUT/inter-ca.pem" "$OUT/inter-ca.key" \
    "$WORK/$name.ext" v3_leaf "$sd" "$ed" "$md"
}

cd "$OUT"

echo "== CAs"
rsa_key root-ca.key 2048
csr root-ca.key "$ORG/CN=certcheck Test Root CA" "$WORK/root.csr"
sign "$WORK/root.csr" root-ca.pem SELF root-ca.key "$WORK/ext.cnf" v3_root "$NB" "$NA"

rsa_key inter-ca.key 2048
csr inter-ca.key "$ORG/CN=certcheck Test Intermediate CA" "$WORK/inter.csr"
sign "$WORK/inter.csr" inter-ca.pem root-ca.pem root-ca.key "$WORK/ext.cnf" v3_inter "$NB" "$NA"

rsa_key other-root.key 2048
csr other-root.key "/C=US/O=other/CN=Unrelated Root CA" "$WORK/other-root.csr"
sign "$WORK/other-root.csr" other-root.pem SELF other-root.key "$WORK/ext.cnf" v3_root "$NB" "$NA"

# Same subject + key as inter-ca, re-signed by root: expired, and sha1
sign "$WORK/inter.csr" expired-inter.pem root-ca.pem root-ca.key "$WORK/ext.cnf" v3_inter \
  20200101000000Z 20210101000000Z
sign "$WORK/inter.csr" sha1-inter.pem root-ca.pem root-ca.key "$WORK/ext.cnf" v3_inter "$NB" "$NA" sha1

echo "== leaf"
rsa_key leaf.key 2048
SANS=(www.example.com example.com '*.api.example.com')
issue_leaf leaf leaf.key www.example.com "$NB" "$NA"
SANS=()

echo "== chains"
cat inter-ca.pem root-ca.pem > chain.pem
cat inter-ca.pem > chain-no-root.pem
cat root-ca.pem inter-ca.pem > chain-reversed.pem
cat leaf.pem inter-ca.pem root-ca.pem > fullchain.pem
cat leaf.pem inter-ca.pem root-ca.pem > chain-with-leaf.pem
cat inter-ca.pem other-root.pem root-ca.pem > chain-unrelated.pem
cat inter-ca.pem inter-ca.pem root-ca.pem > chain-duplicate.pem
cat root-ca.pem > chain-root-only.pem
cat expired-inter.pem root-ca.pem > chain-expired-inter.pem
cat sha1-inter.pem root-ca.pem > chain-sha1-inter.pem

echo "== leaf encodings"
q openssl pkcs8 -topk8 -nocrypt -in leaf.key -out leaf-pkcs8.key
q openssl rsa -in leaf.key -traditional -aes256 -passout pass:test -out leaf-enc-legacy.key
q openssl pkcs8 -topk8 -v2 aes-256-cbc -in leaf.key -passout pass:test -out leaf-enc-pkcs8.key
q openssl x509 -in leaf.pem -outform DER -out leaf.der
q openssl rsa -in leaf.key -traditional -outform DER -out leaf-key.der
q openssl crl2pkcs7 -nocrl -certfile fullchain.pem -out leaf.p7b
q openssl crl2pkcs7 -nocrl -certfile fullchain.pem -outform DER -out leaf-p7b.der
q openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile chain.pem \
  -name www.example.com -passout pass:test -out leaf.p12
q openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile chain.pem \
  -name www.example.com -passout pass: -out leaf-nopass.p12

echo "== other keys"
rsa_key other.key 2048
q openssl ecparam -name prime256v1 -genkey -noout -out ec-leaf.key
q openssl pkcs8 -topk8 -nocrypt -in ec-leaf.key -out ec-leaf-pkcs8.key
LEAF_KU="digitalSignature" issue_leaf ec-leaf ec-leaf.key ec.example.com "$NB" "$NA"
q openssl genpkey -algorithm ED25519 -out ed25519.key
q openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$WORK/dsa.param"
q openssl genpkey -paramfile "$WORK/dsa.param" -out "$WORK/dsa-pkcs8.key"
q openssl dsa -in "$WORK/dsa-pkcs8.key" -out dsa.key

echo "== key sizes"
for bits in 1024 4096 6144; do
  rsa_key "rsa$bits-leaf.key" "$bits"
  issue_leaf "rsa$bits-leaf" "rsa$bits-leaf.key" "rsa$bits.example.com" "$NB" "$NA"
done

echo "== dates"
rsa_key expired.key 2048
issue_leaf expired expired.key expired.example.com 20200101000000Z 20210101000000Z
rsa_key notyet.key 2048
issue_leaf notyet notyet.key notyet.example.com 20900101000000Z 20950101000000Z
rsa_key soon.key 2048
issue_leaf soon soon.key soon.example.com "$NB" 20300120000000Z

echo "== weak signatures"
rsa_key sha1-leaf.key 2048
issue_leaf sha1-leaf sha1-leaf.key sha1.example.com "$NB" "$NA" sha1
rsa_key md5-leaf.key 2048
if ! issue_leaf md5-leaf md5-leaf.key md5.example.com "$NB" "$NA" md5 2>/dev/null; then
  log "openssl refused md5 signing; md5-leaf.pem skipped"
  rm -f md5-leaf.key md5-leaf.pem
fi

echo "== self-signed leaf"
rsa_key self-signed.key 2048
csr self-signed.key "$ORG/CN=selfsigned.example.com" "$WORK/self.csr"
leaf_ext "$WORK/self.ext" selfsigned.example.com
sed -i '/authorityKeyIdentifier/d' "$WORK/self.ext"
sign "$WORK/self.csr" self-signed.pem SELF self-signed.key "$WORK/self.ext" v3_leaf "$NB" "$NA"

echo "== huge leaf"
rsa_key huge-leaf.key 2048
SANS=(huge.example.com)
for i in $(seq 1 700); do
  SANS+=("$(printf 'host-%04d.very-long-subdomain-name.example.com' "$i")")
done
issue_leaf huge-leaf huge-leaf.key huge.example.com "$NB" "$NA"
SANS=()

echo "== body-format problems"
sed 's/$/\r/' leaf.pem > leaf-crlf.pem
awk 'NR % 2 == 0 { printf "%s\r\n", $0; next } { print }' leaf.pem > leaf-mixed-eol.pem
sed '2s/$/ /;5s/$/ /' leaf.pem > leaf-trailing-space.pem
{ printf '\xEF\xBB\xBF'; cat leaf.pem; } > leaf-bom.pem
{ printf 'subject=www.example.com'; cat leaf.pem; } > leaf-glued-text.pem
{ printf '\xFF\xFE'; iconv -f UTF-8 -t UTF-16LE leaf.pem; } > leaf-utf16.pem
q openssl pkcs12 -in leaf.p12 -nokeys -clcerts -passin pass:test -out leaf-bag-attributes.pem
q openssl x509 -in leaf.pem -text -out leaf-text-dump.pem
# 3rd base64 body line (file line 4): replace its 32nd character with '!'
awk 'NR == 4 { $0 = substr($0, 1, 31) "!" substr($0, 33) } { print }' leaf.pem > leaf-bad-base64.pem
grep -v -- '-----END CERTIFICATE-----' leaf.pem > leaf-no-end.pem
cat leaf.pem leaf.key > leaf-with-key.pem
sed '/^-----/!s/^/\t/' leaf.pem > leaf-tab-indented.pem
csr leaf.key "$ORG/CN=www.example.com" csr.pem

echo "== key-file problems"
cat leaf.key other.key > two-keys.key
cp leaf.pem key-is-cert.key
q openssl pkey -in leaf.key -pubout -out leaf-pub.pem
sed 's/$/\r/' leaf.key > leaf-crlf.key
: > empty.pem
# 4 KiB deterministic pseudo-random bytes: AES-128-CTR keystream, all-zero key/iv
head -c 4096 /dev/zero | openssl enc -aes-128-ctr -nosalt \
  -K 00000000000000000000000000000000 -iv 00000000000000000000000000000000 > garbage.bin

echo "== examples"
cp leaf.pem "$EX/cert.pem"
cp leaf.key "$EX/key.pem"
cp chain.pem "$EX/chain.pem"

echo "== profiles (gen-profiles.sh)"
bash "$HERE/gen-profiles.sh"

echo "== weak keys (gen-weak.py)"
python3 "$HERE/gen-weak.py"

echo "done: $(ls "$OUT" | wc -l) files in $OUT"
