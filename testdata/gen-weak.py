#!/usr/bin/env python3
"""Regenerates the weak-key fixtures of key-weak (testdata/fixtures/weak-*.pem) with python3 and
the openssl CLI: the moduli are computed here (seeded, so the same every run), wrapped in a
SubjectPublicKeyInfo by `openssl asn1parse -genconf` and put in a certificate by
`openssl x509 -new -force_pubkey`, signed by a throwaway EC key. No private key is written.

    python3 testdata/gen-weak.py

weak-roca.pem          ROCA-form primes p = k*M + (65537^a mod M), M = the first 126 primes
weak-fermat.pem        q = the first prime above p + 2^400 (Fermat's method: step 1)
weak-small-factor.pem  n = 9973 * (a 2034-bit prime)
weak-exponent-1.pem    an ordinary modulus with e = 1
weak-shared-a.pem, weak-shared-b.pem   n_a = p * q, n_b = p * r (one shared prime)
"""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
rng = random.Random(17)


def is_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(32):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(bits):
    while True:
        p = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if p % 65537 != 1 and is_prime(p):
            return p


def next_prime(x):
    x |= 1
    while not (x % 65537 != 1 and is_prime(x)):
        x += 2
    return x


def roca_prime(bits, m_primes=126):
    m, c, found = 1, 2, 0
    while found < m_primes:
        if all(c % d for d in range(2, int(c ** 0.5) + 1)):
            m *= c
            found += 1
        c += 1
    k_bits = bits - m.bit_length()
    while True:
        k = rng.getrandbits(k_bits) | (3 << (k_bits - 2))
        p = k * m + pow(65537, rng.randrange(1, m), m)
        if p.bit_length() == bits and p % 65537 != 1 and is_prime(p):
            return p


def cert(name, cn, n, e, work, ca_key):
    conf = os.path.join(work, name + ".cnf")
    with open(conf, "w") as f:
        f.write("asn1=SEQUENCE:spki\n[spki]\nalg=SEQUENCE:alg\nkey=BITWRAP,SEQUENCE:rsakey\n"
                "[alg]\noid=OID:rsaEncryption\nnull=NULL\n"
                f"[rsakey]\nn=INTEGER:0x{n:X}\ne=INTEGER:0x{e:X}\n")
    der = os.path.join(work, name + ".der")
    subprocess.run(["openssl", "asn1parse", "-genconf", conf, "-out", der, "-noout"], check=True)
    pem = os.path.join(work, name + ".pub.pem")
    with open(der, "rb") as f:
        import base64
        body = base64.encodebytes(f.read()).decode().replace("\n", "")
    with open(pem, "w") as f:
        f.write("-----BEGIN PUBLIC KEY-----\n")
        for i in range(0, len(body), 64):
            f.write(body[i:i + 64] + "\n")
        f.write("-----END PUBLIC KEY-----\n")
    subprocess.run(["openssl", "x509", "-new", "-subj", f"/C=US/O=certcheck tests/CN={cn}", "-key", ca_key,
                    "-force_pubkey", pem, "-days", "36500",
                    "-set_serial", str(rng.getrandbits(60)), "-out", os.path.join(OUT, name + ".pem")],
                   check=True, capture_output=True)


def main():
    with tempfile.TemporaryDirectory(prefix="certcheck-weak.") as work:
        ca_key = os.path.join(work, "ca.key")
        subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ca_key],
                       check=True, capture_output=True)
        # Each file has primes of its own, except the two that share p on purpose.
        p, q, r = prime(1024), prime(1024), prime(1024)
        f = prime(1024)
        cert("weak-roca", "roca.example.com", roca_prime(1024) * roca_prime(1024), 65537, work, ca_key)
        cert("weak-fermat", "fermat.example.com", f * next_prime(f + (1 << 400)), 65537, work, ca_key)
        cert("weak-small-factor", "small-factor.example.com", 9973 * prime(2034), 65537, work, ca_key)
        cert("weak-exponent-1", "exponent-1.example.com", prime(1024) * prime(1024), 1, work, ca_key)
        cert("weak-shared-a", "shared-a.example.com", p * q, 65537, work, ca_key)
        cert("weak-shared-b", "shared-b.example.com", p * r, 65537, work, ca_key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
