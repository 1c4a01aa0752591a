#!/usr/bin/env bash
# Regenerates testdata/fixtures/access/: a small organisation for `certcheck access` and the
# ra-revoked rule. The expected certificate x role matrix is written out by hand in
# tests/e2e/access_test.cpp and docs/roles-anywhere.md; keep the subjects below in step with it.
#
#   bash testdata/gen-access.sh
#
# anchor.pem         Example Root CA (the trust anchor)
# issuing-ca.pem     Example Issuing CA (under the root; issues the workloads)
# legacy-ca.pem      Example Legacy CA (under the root; revoked by crl/root.crl.pem)
# workloads/NAME/    NAME.pem and chain.pem (the issuing CA) for ten workloads:
#   web-1, web-2     OU=Web, DNS SAN NAME.svc.example.com
#   deploy-1         OU=Deploy, DNS SAN deploy-1.ci.example.com
#   deploy-2         OU=Deploy, no SAN
#   admin-1          OU=Platform
#   admin-2          OU=Contractors (a name the Admin role lists, but its Deny applies)
#   batch-1          OU=Batch, DNS SANs batch-1.jobs.example.com then batch-1.svc.example.com
#   old-1            OU=Web, expired on 2028-12-31
#   web-3            OU=Web, revoked by crl/issuing-ca.crl.pem
#   legacy-1         OU=Web, issued by the revoked Legacy CA (its chain.pem is the Legacy CA)
# stranger/          stranger.pem from Other Root CA, which the anchor does not trust
# roles/             deploy.json (a trust policy), readonly-role.json (aws iam get-role, the
#                    document URL-encoded), open.json (no condition), admin-role.json (get-role,
#                    the document as an object, with a Deny)
# crl/               issuing-ca.crl.pem, root.crl.pem, other-ca.crl.pem (not from the anchor)
# mapping-no-ou.json a profile attribute mapping without x509Subject/OU
#
# Keys are fresh on every run and not kept; every validity date is fixed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/fixtures/access"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/certcheck-gen-access.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

NB=20250101000000Z
NA=20991231235959Z
ORG="/C=US/O=Example Corp"
ARN="arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0123abcd-0123-4567-89ab-0123456789ab"

q() {
  if ! "$@" > "$WORK/cmd.log" 2>&1; then
    echo "FAILED: $*" >&2
    cat "$WORK/cmd.log" >&2
    return 1
  fi
}

# ca_dir NAME: an `openssl ca` database for the CA NAME (its key and certificate in $WORK/NAME.*).
ca_dir() {
  local d="$WORK/db-$1"
  mkdir -p "$d/newcerts"
  : > "$d/index.txt"
  printf '%s\n' "$2" > "$d/serial"
  echo 1000 > "$d/crlnumber"
  cat > "$d/ca.cnf" <<CNF
[ ca ]
default_ca = CA_default
[ CA_default ]
dir            = $d
database       = \$dir/index.txt
new_certs_dir  = \$dir/newcerts
serial         = \$dir/serial
crlnumber      = \$dir/crlnumber
certificate    = $WORK/$1.pem
private_key    = $WORK/$1.key
default_md     = sha256
policy         = policy_anything
unique_subject = no
preserve       = yes
email_in_dn    = no
[ policy_anything ]
countryName            = optional
organizationName       = optional
organizationalUnitName = optional
commonName             = optional
[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
}

root_ca() {  # NAME SUBJECT SERIAL
  q openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$WORK/$1.key" -out "$WORK/$1.pem" -subj "$2" \
    -sha256 -days 36500 -config "$WORK/base.cnf" -extensions v3_ca -set_serial "$3"
  ca_dir "$1" "$3"01
}

# issue CA_NAME OUT_PEM SUBJECT EXTFILE [ENDDATE]
issue() {
  local key="$WORK/$(basename "$2").key"
  q openssl req -new -newkey rsa:2048 -nodes -keyout "$key" -out "$WORK/req.csr" -subj "$3" -config "$WORK/base.cnf"
  q openssl ca -batch -config "$WORK/db-$1/ca.cnf" -in "$WORK/req.csr" -out "$2" -notext \
    -startdate "$NB" -enddate "${5:-$NA}" -extfile "$4"
}

cat > "$WORK/base.cnf" <<CNF
[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
CNF
cat > "$WORK/inter.ext" <<EXT
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT

leaf_ext() {  # FILE [SAN]
  {
    echo "basicConstraints = critical,CA:false"
    echo "keyUsage = critical,digitalSignature"
    echo "extendedKeyUsage = clientAuth"
    echo "subjectKeyIdentifier = hash"
    echo "authorityKeyIdentifier = keyid"
    if [ -n "${2:-}" ]; then echo "subjectAltName = $2"; fi
  } > "$1"
}

rm -rf "$OUT"
mkdir -p "$OUT/workloads" "$OUT/stranger" "$OUT/roles" "$OUT/crl"

root_ca root "$ORG/CN=Example Root CA" 10
issue root "$WORK/issuing.pem" "$ORG/CN=Example Issuing CA" "$WORK/inter.ext"
issue root "$WORK/legacy.pem" "$ORG/CN=Example Legacy CA" "$WORK/inter.ext"
cp "$WORK/issuing.pem.key" "$WORK/issuing.key"
cp "$WORK/legacy.pem.key" "$WORK/legacy.key"
ca_dir issuing 20
ca_dir legacy 30
root_ca other "/C=US/O=Elsewhere Inc/CN=Other Root CA" 40

cp "$WORK/root.pem" "$OUT/anchor.pem"
cp "$WORK/issuing.pem" "$OUT/issuing-ca.pem"
cp "$WORK/legacy.pem" "$OUT/legacy-ca.pem"

workload() {  # NAME OU SAN [ENDDATE] [CA]
  local dir="$OUT/workloads/$1" ca="${5:-issuing}"
  mkdir -p "$dir"
  leaf_ext "$WORK/$1.ext" "$3"
  issue "$ca" "$dir/$1.pem" "$ORG/OU=$2/CN=$1" "$WORK/$1.ext" "${4:-$NA}"
  cp "$WORK/$ca.pem" "$dir/chain.pem"
}
workload web-1 Web "DNS:web-1.svc.example.com"
workload web-2 Web "DNS:web-2.svc.example.com"
workload deploy-1 Deploy "DNS:deploy-1.ci.example.com"
workload deploy-2 Deploy ""
workload admin-1 Platform ""
workload admin-2 Contractors ""
workload batch-1 Batch "DNS:batch-1.jobs.example.com,DNS:batch-1.svc.example.com"
workload old-1 Web "DNS:old-1.svc.example.com" 20281231235959Z
workload web-3 Web "DNS:web-3.svc.example.com"
workload legacy-1 Web "DNS:legacy-1.svc.example.com" "" legacy

leaf_ext "$WORK/stranger.ext" "DNS:stranger.svc.example.com"
issue other "$OUT/stranger/stranger.pem" "/C=US/O=Elsewhere Inc/OU=Web/CN=stranger" "$WORK/stranger.ext"

# CRLs with fixed dates: the issuing CA revokes web-3, the root revokes the Legacy CA.
crl() {  # CA CERT_TO_REVOKE OUT
  if [ -n "$2" ]; then
    q openssl ca -config "$WORK/db-$1/ca.cnf" -revoke "$2" -crl_reason keyCompromise
    # openssl ca records "now" as the revocation date; fix it (2029-01-01) so the files do not depend on the day.
    sed -i -E 's/^(R\t[0-9]+Z\t)[0-9]+Z/\1290101000000Z/' "$WORK/db-$1/index.txt"
  fi
  q openssl ca -gencrl -config "$WORK/db-$1/ca.cnf" -out "$3" -crl_lastupdate 20290101000000Z -crl_nextupdate 20991231235959Z
}
crl issuing "$OUT/workloads/web-3/web-3.pem" "$OUT/crl/issuing-ca.crl.pem"
crl root "$WORK/legacy.pem" "$OUT/crl/root.crl.pem"
crl other "" "$OUT/crl/other-ca.crl.pem"

cat > "$OUT/roles/deploy.json" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DeployPipelines",
      "Effect": "Allow",
      "Principal": {"Service": "rolesanywhere.amazonaws.com"},
      "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
      "Condition": {
        "StringEquals": {"aws:PrincipalTag/x509Subject/OU": "Deploy"},
        "ArnEquals": {"aws:SourceArn": "$ARN"}
      }
    }
  ]
}
JSON

cat > "$OUT/roles/open.json" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Service": "rolesanywhere.amazonaws.com"},
      "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]
    }
  ]
}
JSON

READONLY_DOC='{"Version":"2012-10-17","Statement":[{"Sid":"ServiceHosts","Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Condition":{"StringLike":{"aws:PrincipalTag/x509SAN/DNS":"*.svc.example.com"}}}]}'
ENCODED="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$READONLY_DOC")"
cat > "$OUT/roles/readonly-role.json" <<JSON
{
    "Role": {
        "Path": "/",
        "RoleName": "ReadOnly",
        "RoleId": "AROAEXAMPLEREADONLY01",
        "Arn": "arn:aws:iam::123456789012:role/ReadOnly",
        "CreateDate": "2029-01-01T00:00:00+00:00",
        "AssumeRolePolicyDocument": "$ENCODED",
        "MaxSessionDuration": 3600
    }
}
JSON

cat > "$OUT/roles/admin-role.json" <<'JSON'
{
    "Role": {
        "Path": "/",
        "RoleName": "Admin",
        "RoleId": "AROAEXAMPLEADMIN00001",
        "Arn": "arn:aws:iam::123456789012:role/Admin",
        "CreateDate": "2029-01-01T00:00:00+00:00",
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "Admins",
                    "Effect": "Allow",
                    "Principal": {"Service": "rolesanywhere.amazonaws.com"},
                    "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                    "Condition": {"StringEquals": {"aws:PrincipalTag/x509Subject/CN": ["admin-1", "admin-2"]}}
                },
                {
                    "Sid": "NoContractors",
                    "Effect": "Deny",
                    "Principal": {"Service": "rolesanywhere.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"aws:PrincipalTag/x509Subject/OU": "Contractors"}}
                }
            ]
        },
        "MaxSessionDuration": 3600
    }
}
JSON

cat > "$OUT/mapping-no-ou.json" <<'JSON'
{
    "profile": {
        "name": "workloads",
        "profileId": "0123abcd-0123-4567-89ab-0123456789ac",
        "enabled": true,
        "attributeMappings": [
            {"certificateField": "x509Subject", "mappingRules": [{"specifier": "CN"}, {"specifier": "O"}]},
            {"certificateField": "x509Issuer", "mappingRules": [{"specifier": "*"}]},
            {"certificateField": "x509SAN", "mappingRules": [{"specifier": "DNS"}, {"specifier": "URI"}, {"specifier": "Name/*"}]}
        ]
    }
}
JSON
echo "wrote $OUT"
