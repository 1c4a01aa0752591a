#!/usr/bin/env python3
"""Runs the certcheck command lines of the recipes in docs/ci.md on real certificates.

Every line of a block marked `<!-- recipe: NAME -->` that runs certcheck is executed (from the
word `certcheck` to the end of the line, so `|| test $? -eq 1` and the like are kept) with bash,
in a temporary tree, with the certcheck under test first on PATH; the reports they write are
validated (SARIF 2.1.0 schema, JUnit.xsd) and the exit codes checked. A recipe that is renamed,
or loses its certcheck command, fails the test.

usage: ci_recipes_test.py CERTCHECK_BINARY SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what)
    if not cond:
        failures.append(what)


def recipes(md):
    out = {}
    for m in re.finditer(r"<!-- recipe: ([\w-]+) -->\s*```\w*\n(.*?)```", md, re.S):
        cmds = []
        for line in m.group(2).splitlines():
            i = line.find("certcheck ")
            if i >= 0 and not line.lstrip().startswith("#"):
                cmds.append(line[i:].strip())
        out[m.group(1)] = cmds
    return out


def run(cmd, cwd, env):
    p = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    print(f"      $ {cmd}  -> exit {p.returncode}")
    return p


def copy(fixtures, pairs, dest):
    os.makedirs(dest, exist_ok=True)
    for src, name in pairs:
        shutil.copy(os.path.join(fixtures, src), os.path.join(dest, name))


def main():
    binary, source = sys.argv[1], sys.argv[2]
    fixtures = os.path.join(source, "testdata", "fixtures")
    with open(os.path.join(source, "docs", "ci.md"), encoding="utf-8") as f:
        found = recipes(f.read())
    for name in ("github-actions", "gitlab-ci", "nightly", "nightly-pipeline", "nightly-audit"):
        check(bool(found.get(name)), f"docs/ci.md has recipe {name} with a certcheck command")
    if failures:
        return 1

    env = dict(os.environ)
    bindir = tempfile.mkdtemp(prefix="certcheck-recipes-bin")
    os.symlink(os.path.abspath(binary), os.path.join(bindir, "certcheck"))
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")

    good = [("leaf.pem", "cert.pem"), ("leaf.key", "key.pem"), ("chain.pem", "chain.pem")]
    bad = [("leaf.pem", "cert.pem"), ("leaf-pkcs8.key", "key.pem"), ("chain.pem", "chain.pem")]
    with tempfile.TemporaryDirectory(prefix="certcheck-recipes") as tmp:
        # A repository whose certs/ holds one good triple and one whose key is PKCS#8 (an IAM error).
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, ".git"))  # the config search stops here
        copy(fixtures, good, os.path.join(repo, "certs", "www"))
        copy(fixtures, bad, os.path.join(repo, "certs", "api"))
        clean = os.path.join(tmp, "clean")
        os.makedirs(os.path.join(clean, ".git"))
        copy(fixtures, good, os.path.join(clean, "certs", "www"))

        gh = found["github-actions"]
        annot = [c for c in gh if "--format github" in c]
        sarif = [c for c in gh if "--format sarif" in c]
        check(len(annot) == 1 and len(sarif) == 1, "github-actions: one annotation step and one SARIF step")
        p = run(annot[0], repo, env)
        check(p.returncode == 1, "github-actions: the annotation step fails the job on a failing certificate")
        check("::error file=certs/api/key.pem" in p.stdout and "key-rsa-pkcs1" in p.stdout,
              "github-actions: an ::error annotation names the file and the rule")
        check(run(annot[0], clean, env).returncode == 0, "github-actions: the annotation step passes on good certificates")
        p = run(sarif[0], repo, env)
        check(p.returncode == 0, "github-actions: the SARIF step tolerates findings (exit 1)")
        with open(os.path.join(repo, "certcheck.sarif"), encoding="utf-8") as f:
            doc = json.load(f)
        try:
            import jsonschema
            with open(os.path.join(source, "tests", "schemas", "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
                jsonschema.validate(doc, json.load(f))
            check(True, "github-actions: certcheck.sarif is valid SARIF 2.1.0")
        except ImportError:
            print("skip  python3-jsonschema is not installed: SARIF schema validation skipped")
        except jsonschema.ValidationError as e:
            check(False, f"github-actions: certcheck.sarif is valid SARIF 2.1.0 ({e.message})")
        results = doc["runs"][0]["results"]
        check(any(r["ruleId"] == "key-rsa-pkcs1" for r in results), "github-actions: the SARIF report holds the key-rsa-pkcs1 result")
        p = run(sarif[0].replace("|| test $? -eq 1", "").replace("scan certs/", "scan certs/ --profile nonesuch"), repo, env)
        check(p.returncode == 2, "github-actions: a usage error (exit 2) would still fail the SARIF step")

        gl = found["gitlab-ci"]
        check(len(gl) == 1, "gitlab-ci: one certcheck command")
        p = run(gl[0], repo, env)
        check(p.returncode == 1, "gitlab-ci: the job fails on a failing certificate")
        junit = os.path.join(repo, "certcheck-junit.xml")
        check(os.path.exists(junit), "gitlab-ci: the JUnit report is written")
        if shutil.which("xmllint"):
            x = subprocess.run(["xmllint", "--noout", "--schema", os.path.join(source, "tests", "schemas", "JUnit.xsd"), junit],
                               capture_output=True, text=True)
            check(x.returncode == 0, "gitlab-ci: certcheck-junit.xml is valid against JUnit.xsd " + x.stderr.strip())
        else:
            print("skip  xmllint (libxml2-utils) is not installed: JUnit schema validation skipped")
        with open(junit, encoding="utf-8") as f:
            text = f.read()
        check('<testcase name="key-rsa-pkcs1"' in text and "<failure" in text, "gitlab-ci: the report has the failing test case")
        check(run(gl[0], clean, env).returncode == 0, "gitlab-ci: the job passes on good certificates")

        # Nightly: a certificate that expires in 10 days (issued now by the fixtures' intermediate CA,
        # so the outcome does not depend on today's date) fails; the fixtures (valid to 2099) pass.
        sites = os.path.join(tmp, "sites")
        copy(fixtures, good, os.path.join(sites, "www"))
        soon = os.path.join(sites, "soon")
        os.makedirs(soon)
        ossl = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True)
        ossl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", os.path.join(tmp, "k8.pem"),
             "-out", os.path.join(tmp, "req.csr"), "-subj", "/CN=soon.example")
        ossl("rsa", "-in", os.path.join(tmp, "k8.pem"), "-traditional", "-out", os.path.join(soon, "key.pem"))
        ossl("x509", "-req", "-in", os.path.join(tmp, "req.csr"), "-CA", os.path.join(fixtures, "inter-ca.pem"),
             "-CAkey", os.path.join(fixtures, "inter-ca.key"), "-CAserial", os.path.join(tmp, "ca.srl"), "-CAcreateserial",
             "-days", "10", "-out", os.path.join(soon, "cert.pem"))  # the serial file in tmp: testdata stays untouched
        shutil.copy(os.path.join(fixtures, "chain.pem"), soon)
        for name in ("nightly", "nightly-pipeline"):
            cmds = found[name]
            check(len(cmds) == 1, f"{name}: one certcheck command")
            cmd = cmds[0].replace("scan certs/", "scan .")
            p = run(cmd, sites, env)
            check(p.returncode == 1 and "soon/cert.pem" in p.stdout and "[body-expiry-soon]" in p.stdout,
                  f"{name}: fails naming the certificate that expires within 21 days")
            check("www/" not in p.stdout, f"{name}: -q prints nothing about the good certificate")
            p = run(cmd.replace("scan .", "scan www"), sites, env)
            check(p.returncode == 0 and p.stdout == "", f"{name}: passes silently when nothing expires soon")

        # Nightly audit: what `aws iam list-server-certificates` prints (the shape of the AWS CLI
        # reference), with expirations relative to now, since the recipe judges at the current time.
        import datetime
        audit = os.path.join(tmp, "audit")
        os.makedirs(audit)
        now = datetime.datetime.now(datetime.timezone.utc)

        def listing(days):
            return {"ServerCertificateMetadataList": [
                {"Path": "/", "ServerCertificateName": f"site-{d}", "ServerCertificateId": f"ASCAEXAMPLE{i:05d}",
                 "Arn": f"arn:aws:iam::123456789012:server-certificate/site-{d}",
                 "UploadDate": (now - datetime.timedelta(days=300)).isoformat(timespec="seconds"),
                 "Expiration": (now + datetime.timedelta(days=d)).isoformat(timespec="seconds")}
                for i, d in enumerate(days)]}

        cmds = found["nightly-audit"]
        check(len(cmds) == 1 and "--aws-json certs.json" in cmds[0], "nightly-audit: one certcheck command reading certs.json")
        with open(os.path.join(audit, "certs.json"), "w", encoding="utf-8") as f:
            json.dump(listing([10, 400]), f, indent=4)
        p = run(cmds[0], audit, env)
        check(p.returncode == 1 and "site-10" in p.stdout and "[body-expiry-soon]" in p.stdout and "site-400" not in p.stdout,
              "nightly-audit: fails naming the certificate that expires within 30 days")
        with open(os.path.join(audit, "certs.json"), "w", encoding="utf-8") as f:
            json.dump(listing([400, 800]), f, indent=4)
        p = run(cmds[0], audit, env)
        check(p.returncode == 0 and p.stdout == "", "nightly-audit: passes silently when nothing expires soon")
    shutil.rmtree(bindir, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all recipe checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
