#!/usr/bin/env bash
# Regenerates testdata/fixtures/profiles/: certificates, keys, trust anchors and
# role trust policies for the cloudfront, acm, iam-signing and roles-anywhere
# profiles. gen.sh runs it last; it may also be run alone, since it only reads
# the CAs gen.sh made (fixtures/root-ca.*, fixtures/inter-ca.*).
#
#   bash testdata/gen-profiles.sh
#
# Keys are fresh on every run; every validity date is fixed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CA="$HERE/fixtures"
OUT="$HERE/fixtures/profiles"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/certcheck-gen-profiles.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

NB=20250101000000Z
NA=20991231235959Z
ORG="/C=US/O=certcheck tests"

rm -rf "$OUT"
mkdir -p "$OUT"
# shellcheck source=lib-ca.sh
CA_SERIAL=2000 . "$HERE/lib-ca.sh"

# issue <out.pem> <key> <subject> <ca-cert> <ca-key> <ext-file|NONE> [md] [extra openssl ca args...]
# NONE: no extensions at all, so openssl ca writes a version 1 certificate.
issue() {
  local out="$1" key="$2" subj="$3" cacert="$4" cakey="$5" extf="$6" md="${7:-sha256}"
  shift 7 || shift $#
  q openssl req -config "$WORK/ca.cnf" -new -key "$key" -subj "/CN=placeholder" -out "$WORK/req.csr"
  local extargs=()
  [ "$extf" != NONE ] && extargs=(-extfile "$extf" -extensions e)
  q openssl ca -config "$WORK/ca.cnf" -batch -notext -md "$md" -cert "$cacert" -keyfile "$cakey" \
    -subj "$subj" -startdate "$NB" -enddate "$NA" "${extargs[@]}" "$@" -in "$WORK/req.csr" -out "$out"
}

cd "$OUT"
ROOT=("$CA/root-ca.pem" "$CA/root-ca.key")
INTER=("$CA/inter-ca.pem" "$CA/inter-ca.key")

echo "== roles-anywhere end-entity certificates (issued by inter-ca; anchor root-ca)"
ext "$WORK/ra.ext" "basicConstraints = critical, CA:false" \
  "keyUsage = critical, digitalSignature" \
  "extendedKeyUsage = clientAuth" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always" \
  "subjectAltName = @alt" "[ alt ]" \
  "DNS.1 = ra-client.example.com" "DNS.2 = second.example.com" \
  "URI.1 = spiffe://example.com/workload/a" "URI.2 = spiffe://example.com/workload/b" \
  "dirName.1 = dir_sect" "email.1 = ops@example.com" "IP.1 = 10.0.0.1" \
  "[ dir_sect ]" "O = Dir Org" "CN = dir-name"
rsa_key ra-leaf.key 2048
issue ra-leaf.pem ra-leaf.key "$ORG/OU=Security/OU=Engineering/OU=Research/CN=ra-client.example.com" "${INTER[@]}" "$WORK/ra.ext"

ec_key ra-ec-leaf.key prime256v1
issue ra-ec-leaf.pem ra-ec-leaf.key "$ORG/CN=ra-ec.example.com" "${INTER[@]}" "$WORK/ra.ext"

rsa_key ra-v1.key 2048
issue ra-v1.pem ra-v1.key "$ORG/CN=ra-v1.example.com" "${INTER[@]}" NONE

ext "$WORK/ca-true.ext" "basicConstraints = critical, CA:true" "keyUsage = critical, digitalSignature, keyCertSign"
rsa_key ra-ca-true.key 2048
issue ra-ca-true.pem ra-ca-true.key "$ORG/CN=ra-ca-true.example.com" "${INTER[@]}" "$WORK/ca-true.ext"

ext "$WORK/no-ds.ext" "basicConstraints = CA:false" "keyUsage = critical, keyEncipherment" "subjectAltName = DNS:ra-no-ds.example.com"
rsa_key ra-no-ds.key 2048
issue ra-no-ds.pem ra-no-ds.key "$ORG/CN=ra-no-ds.example.com" "${INTER[@]}" "$WORK/no-ds.ext"

ext "$WORK/no-bc.ext" "keyUsage = critical, digitalSignature" "subjectAltName = DNS:ra-no-bc.example.com"
rsa_key ra-no-bc.key 2048
issue ra-no-bc.pem ra-no-bc.key "$ORG/CN=ra-no-bc.example.com" "${INTER[@]}" "$WORK/no-bc.ext"

ext "$WORK/empty.ext" "basicConstraints = CA:false" "keyUsage = critical, digitalSignature" "subjectAltName = critical, DNS:empty-subject.example.com"
rsa_key ra-empty-subject.key 2048
issue ra-empty-subject.pem ra-empty-subject.key "/" "${INTER[@]}" "$WORK/empty.ext"

# A tag value outside the session-tag pattern (& and parentheses) and a URI over 256 characters.
LONG_URI="https://example.com/$(printf 'segment%03d/' $(seq 1 30))end"
ext "$WORK/badtags.ext" "basicConstraints = CA:false" "keyUsage = critical, digitalSignature" \
  "subjectAltName = @alt" "[ alt ]" "DNS.1 = ra-badtags.example.com" "URI.1 = $LONG_URI"
rsa_key ra-badtags.key 2048
issue ra-badtags.pem ra-badtags.key "$ORG/OU=R&D (lab)/CN=ra-badtags.example.com" "${INTER[@]}" "$WORK/badtags.ext"

# CN of 63 characters: the source identity is the bare CN (no "CN=" prefix).
CN63="$(printf 'a%.0s' $(seq 1 51)).example.com"
rsa_key ra-cn63.key 2048
issue ra-cn63.pem ra-cn63.key "$ORG/CN=$CN63" "${INTER[@]}" "$WORK/badtags.ext"

echo "== roles-anywhere paths: 6 certificates (too long) and 5 (the limit)"
ext "$WORK/ca.ext" "basicConstraints = critical, CA:true" "keyUsage = critical, keyCertSign, cRLSign" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always"
prev=("${ROOT[@]}")
for i in 1 2 3 4; do
  rsa_key "ra-deep-ca$i.key" 2048
  issue "ra-deep-ca$i.pem" "ra-deep-ca$i.key" "$ORG/CN=certcheck Deep CA $i" "${prev[@]}" "$WORK/ca.ext"
  prev=("ra-deep-ca$i.pem" "ra-deep-ca$i.key")
done
rsa_key ra-deep-leaf.key 2048
issue ra-deep-leaf.pem ra-deep-leaf.key "$ORG/CN=ra-deep.example.com" ra-deep-ca4.pem ra-deep-ca4.key "$WORK/ra.ext"
cat ra-deep-ca4.pem ra-deep-ca3.pem ra-deep-ca2.pem ra-deep-ca1.pem > ra-deep-chain.pem
rsa_key ra-depth5-leaf.key 2048
issue ra-depth5-leaf.pem ra-depth5-leaf.key "$ORG/CN=ra-depth5.example.com" ra-deep-ca3.pem ra-deep-ca3.key "$WORK/ra.ext"
cat ra-deep-ca3.pem ra-deep-ca2.pem ra-deep-ca1.pem > ra-depth5-chain.pem
rm -f ra-deep-ca*.key ra-deep-ca*.pem

echo "== trust anchor files"
cp "$CA/root-ca.pem" ra-anchor.pem
cat "$CA/root-ca.pem" "$CA/other-root.pem" > ra-anchor-2.pem
cat "$CA/root-ca.pem" "$CA/other-root.pem" "$CA/inter-ca.pem" > ra-anchor-3.pem
cat "$CA/root-ca.pem" "$CA/other-root.key" > ra-anchor-with-key.pem

echo "== acm and cloudfront key algorithms"
ext "$WORK/leaf.ext" "basicConstraints = CA:false" "keyUsage = critical, digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:keys.example.com"
rsa_key acm-rsa3072.key 3072
issue acm-rsa3072.pem acm-rsa3072.key "$ORG/CN=rsa3072.example.com" "${INTER[@]}" "$WORK/leaf.ext"
for curve in secp384r1 secp521r1 secp256k1; do
  ec_key "acm-$curve.key" "$curve"
  issue "acm-$curve.pem" "acm-$curve.key" "$ORG/CN=$curve.example.com" "${INTER[@]}" "$WORK/leaf.ext"
done
q openssl genpkey -algorithm ED25519 -out acm-ed25519.key
issue acm-ed25519.pem acm-ed25519.key "$ORG/CN=ed25519.example.com" "${INTER[@]}" "$WORK/leaf.ext"
rsa_key acm-v1.key 2048
issue acm-v1.pem acm-v1.key "$ORG/CN=v1.example.com" "${INTER[@]}" NONE

echo "== role trust policies"
ARN="arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0123abcd-0123-4567-89ab-0123456789ab"
RA_PRINCIPAL='"Principal": { "Service": "rolesanywhere.amazonaws.com" },
      "Action": [ "sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity" ]'
cat > policy-allow.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ClientCertificates",
      "Effect": "Allow",
      $RA_PRINCIPAL,
      "Condition": {
        "StringEquals": { "aws:PrincipalTag/x509Subject/CN": "ra-client.example.com" },
        "StringLike": { "aws:PrincipalTag/x509SAN/DNS": "*.example.com" },
        "ArnEquals": { "aws:SourceArn": "$ARN" }
      }
    }
  ]
}
JSON
cat > policy-block.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OnlyBilling",
      "Effect": "Allow",
      $RA_PRINCIPAL,
      "Condition": {
        "ArnEquals": { "aws:SourceArn": "$ARN" },
        "StringEquals": { "aws:PrincipalTag/x509Subject/OU": [ "Billing", "Finance" ] }
      }
    }
  ]
}
JSON
cat > policy-no-condition.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [ { "Effect": "Allow", $RA_PRINCIPAL } ]
}
JSON
cat > policy-unsupported.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      $RA_PRINCIPAL,
      "Condition": {
        "StringEquals": { "aws:PrincipalTag/x509Subject/CN": "ra-client.example.com" },
        "IpAddress": { "aws:SourceIp": "10.0.0.0/8" }
      }
    }
  ]
}
JSON
head -c 120 policy-allow.json > policy-malformed.json

echo "done: $(ls "$OUT" | wc -l) files in $OUT"
