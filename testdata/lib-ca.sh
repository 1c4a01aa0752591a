# Shared by the testdata generators that need dated certificates: a throw-away `openssl ca`
# set-up in $WORK and small helpers. Source it after setting WORK (a temporary directory).
#
#   q CMD...                          run quietly, print the output only on failure
#   ext FILE LINE...                  write an extension section [ e ]
#   rsa_key FILE BITS                 a PKCS#1 RSA key
#   ec_key FILE [CURVE]               an EC key (SEC1), P-256 unless CURVE is given
#   sign OUT KEY SUBJ CACERT CAKEY EXT NOTBEFORE NOTAFTER
#                                     a certificate for KEY, issued by CACERT/CAKEY with fixed dates
#   selfsign OUT KEY SUBJ EXT NOTBEFORE NOTAFTER
#                                     a self-signed certificate with fixed dates
# Dates are openssl ca's YYYYMMDDHHMMSSZ. Serial numbers start at CA_SERIAL (default 1000).

mkdir -p "$WORK/newcerts"
: > "$WORK/index.txt"
echo "${CA_SERIAL:-1000}" > "$WORK/serial"
cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = CA_default
[ CA_default ]
dir            = $WORK
database       = \$dir/index.txt
new_certs_dir  = \$dir/newcerts
serial         = \$dir/serial
default_md     = sha256
policy         = policy_anything
unique_subject = no
preserve       = yes
email_in_dn    = no
[ policy_anything ]
countryName            = optional
stateOrProvinceName    = optional
localityName           = optional
organizationName       = optional
organizationalUnitName = optional
commonName             = optional
[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder
CNF

q() {
  if ! "$@" > "$WORK/cmd.log" 2>&1; then
    echo "FAILED: $*" >&2
    cat "$WORK/cmd.log" >&2
    return 1
  fi
}

ext() {
  local f="$1"; shift
  { echo "[ e ]"; printf '%s\n' "$@"; } > "$f"
}

rsa_key() { q openssl genrsa -traditional -out "$1" "${2:-2048}"; }
ec_key() { q openssl ecparam -name "${2:-prime256v1}" -genkey -noout -out "$1"; }

sign() {
  local out="$1" key="$2" subj="$3" cacert="$4" cakey="$5" extf="$6" nb="$7" na="$8"
  q openssl req -config "$WORK/ca.cnf" -new -key "$key" -subj "/CN=placeholder" -out "$WORK/req.csr"
  q openssl ca -config "$WORK/ca.cnf" -batch -notext -cert "$cacert" -keyfile "$cakey" -subj "$subj" \
    -startdate "$nb" -enddate "$na" -extfile "$extf" -extensions e -in "$WORK/req.csr" -out "$out"
}

selfsign() {
  local out="$1" key="$2" subj="$3" extf="$4" nb="$5" na="$6"
  q openssl req -config "$WORK/ca.cnf" -new -key "$key" -subj "/CN=placeholder" -out "$WORK/req.csr"
  q openssl ca -config "$WORK/ca.cnf" -batch -notext -selfsign -keyfile "$key" -subj "$subj" \
    -startdate "$nb" -enddate "$na" -extfile "$extf" -extensions e -in "$WORK/req.csr" -out "$out"
}
