#!/usr/bin/env bash
# Regenerates testdata/fixtures/pki/: PKIs shaped like the real ones users upload, for the chain
# model and scan tests (tests/e2e/pki_test.cpp). Judged at 2030-01-01T00:00:00Z (kTestAt).
#
#   bash testdata/gen-pki.sh
#
# le/        Let's Encrypt-like
#   dst.pem         "DST-like Root CA X3", self-signed, 2000-09-30 .. 2021-09-30 (expired)
#   x1.pem          "ISRG-like Root X1", self-signed, 2015-06-04 .. 2035-06-04
#   x1-cross.pem    X1's subject and key, issued by DST, 2021-01-20 .. 2024-09-30 (expired)
#   r3.pem, r3.key  "R3", issued by X1, 2020-09-04 .. 2035-09-15
#   r3-old.pem      R3 re-issued earlier: same subject, key and issuer, 2019-01-01 .. 2025-01-01 (expired)
#   r3-cross.pem    R3's subject and key, issued by DST, 2020-10-07 .. 2021-09-29 (expired)
#   r3-stale.pem    R3's subject with ANOTHER key, issued by X1, valid (a stale R3 from another generation)
#   leaf.pem, leaf.key      CN=www.example.org, issued by R3, 2029-10-01 .. 2030-03-01
#   leaf-old.pem            the same names and key, issued by R3, 2029-06-01 .. 2029-09-01 (superseded)
#   selfsigned.pem/.key     what `openssl req -x509` makes: CA:TRUE, self-signed, CN=intranet.example.org
# sectigo/   Sectigo-like, with the USERTrust root cross-signed by AAA
#   aaa.pem         "AAA-like Certificate Services", self-signed, 2004 .. 2028-12-31 (expired at 2030)
#   usertrust.pem   "USERTrust-like RSA Certification Authority", self-signed, 2010 .. 2038
#   usertrust-cross.pem  USERTrust's subject and key, issued by AAA, 2019-03-12 .. 2028-12-31
#   dv.pem          "Sectigo-like RSA Domain Validation Secure Server CA", issued by USERTrust, 2018 .. 2030-12-31
#   leaf.pem, leaf.key  CN=shop.example.com, issued by dv, 2028-07-01 .. 2029-07-01 (judged at 2028-09-01)
# store/ca-store.pem   six unrelated self-signed roots ("Store Root 1".."Store Root 6"), as a CA store file
#
# Keys are fresh on every run (only the leaves', R3's and the self-signed one's are kept); every
# validity date is fixed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/fixtures/pki"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/certcheck-gen-pki.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=lib-ca.sh
. "$HERE/lib-ca.sh"

rm -rf "$OUT"
mkdir -p "$OUT/le" "$OUT/sectigo" "$OUT/store"

ext "$WORK/root.ext" "basicConstraints=critical,CA:TRUE" "keyUsage=critical,keyCertSign,cRLSign" \
  "subjectKeyIdentifier=hash"
ext "$WORK/ca.ext" "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,digitalSignature,keyCertSign,cRLSign" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid:always"
ext "$WORK/cross.ext" "basicConstraints=critical,CA:TRUE" "keyUsage=critical,keyCertSign,cRLSign" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid:always"
leaf_ext() {
  ext "$WORK/leaf.ext" "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid:always" "subjectAltName=$1"
}

# ---- Let's Encrypt-like
L="$OUT/le"
rsa_key "$WORK/dst.key"; rsa_key "$WORK/x1.key"; rsa_key "$L/r3.key"; rsa_key "$WORK/r3-stale.key"; rsa_key "$L/leaf.key"
selfsign "$L/dst.pem" "$WORK/dst.key" "/O=Digital Signature Trust-like Co./CN=DST-like Root CA X3" "$WORK/root.ext" \
  20000930211240Z 20210930140115Z
selfsign "$L/x1.pem" "$WORK/x1.key" "/C=US/O=Internet Security Research Group-like/CN=ISRG-like Root X1" "$WORK/root.ext" \
  20150604110438Z 20350604110438Z
sign "$L/x1-cross.pem" "$WORK/x1.key" "/C=US/O=Internet Security Research Group-like/CN=ISRG-like Root X1" \
  "$L/dst.pem" "$WORK/dst.key" "$WORK/cross.ext" 20210120191403Z 20240930180000Z
R3="/C=US/O=Let's Encrypt-like/CN=R3"
sign "$L/r3.pem" "$L/r3.key" "$R3" "$L/x1.pem" "$WORK/x1.key" "$WORK/ca.ext" 20200904000000Z 20350915160000Z
sign "$L/r3-old.pem" "$L/r3.key" "$R3" "$L/x1.pem" "$WORK/x1.key" "$WORK/ca.ext" 20190101000000Z 20250101000000Z
sign "$L/r3-cross.pem" "$L/r3.key" "$R3" "$L/dst.pem" "$WORK/dst.key" "$WORK/ca.ext" 20201007192140Z 20210929192140Z
sign "$L/r3-stale.pem" "$WORK/r3-stale.key" "$R3" "$L/x1.pem" "$WORK/x1.key" "$WORK/ca.ext" 20200904000000Z 20350915160000Z
leaf_ext "DNS:www.example.org,DNS:example.org"
sign "$L/leaf.pem" "$L/leaf.key" "/CN=www.example.org" "$L/r3.pem" "$L/r3.key" "$WORK/leaf.ext" 20291001000000Z 20300301000000Z
sign "$L/leaf-old.pem" "$L/leaf.key" "/CN=www.example.org" "$L/r3.pem" "$L/r3.key" "$WORK/leaf.ext" 20290601000000Z 20290901000000Z
rsa_key "$L/selfsigned.key"
ext "$WORK/x509.ext" "basicConstraints=critical,CA:TRUE" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid:always" \
  "subjectAltName=DNS:intranet.example.org"
selfsign "$L/selfsigned.pem" "$L/selfsigned.key" "/CN=intranet.example.org" "$WORK/x509.ext" 20290101000000Z 20310101000000Z

# ---- Sectigo-like
S="$OUT/sectigo"
rsa_key "$WORK/aaa.key"; rsa_key "$WORK/usertrust.key"; rsa_key "$WORK/dv.key"; rsa_key "$S/leaf.key"
selfsign "$S/aaa.pem" "$WORK/aaa.key" "/C=GB/O=Comodo CA-like Limited/CN=AAA-like Certificate Services" "$WORK/root.ext" \
  20040101000000Z 20281231235959Z
UT="/C=US/O=The USERTRUST-like Network/CN=USERTrust-like RSA Certification Authority"
selfsign "$S/usertrust.pem" "$WORK/usertrust.key" "$UT" "$WORK/root.ext" 20100201000000Z 20380118235959Z
sign "$S/usertrust-cross.pem" "$WORK/usertrust.key" "$UT" "$S/aaa.pem" "$WORK/aaa.key" "$WORK/cross.ext" \
  20190312000000Z 20281231235959Z
sign "$S/dv.pem" "$WORK/dv.key" "/C=GB/O=Sectigo-like Limited/CN=Sectigo-like RSA Domain Validation Secure Server CA" \
  "$S/usertrust.pem" "$WORK/usertrust.key" "$WORK/ca.ext" 20181102000000Z 20301231235959Z
leaf_ext "DNS:shop.example.com"
sign "$S/leaf.pem" "$S/leaf.key" "/CN=shop.example.com" "$S/dv.pem" "$WORK/dv.key" "$WORK/leaf.ext" 20280701000000Z 20290701000000Z

# ---- a CA store pasted as a chain
: > "$OUT/store/ca-store.pem"
for i in 1 2 3 4 5 6; do
  rsa_key "$WORK/store$i.key"
  selfsign "$WORK/store$i.pem" "$WORK/store$i.key" "/O=Store Example $i/CN=Store Root $i" "$WORK/root.ext" \
    20100101000000Z 20400101000000Z
  cat "$WORK/store$i.pem" >> "$OUT/store/ca-store.pem"
done

echo "wrote $OUT"
