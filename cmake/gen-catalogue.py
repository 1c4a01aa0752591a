#!/usr/bin/env python3
"""Writes the rule lists that the documentation carries from the rule catalogue of a built certcheck
(`certcheck rules --format json`), so a rule is described once, in its own file:

- docs/rules/README.md: the iam-server table and the table of the other profiles' rules (between
  the "BEGIN generated" and "END generated" comments);
- docs/man/certcheck.1: the RULES section's table of ids and severities (likewise).

A rule whose docs page gives its severity as "error (warn ...)" (it reports a milder status in some
cases) is listed as "error (warn)". The shell completions are not written: they ask the binary for
the rule ids at completion time; the script fails if one of them does not, or lists rule ids
itself (more than 3: a description may mention a rule).

usage: gen-catalogue.py [--check] CERTCHECK_BINARY [SOURCE_DIR]
  without --check: rewrites the files that changed and names them;
  with --check: changes nothing, prints what is stale and how to regenerate, exits 1 if anything is.
"""
import difflib
import json
import os
import re
import subprocess
import sys

README = "docs/rules/README.md"
MAN = "docs/man/certcheck.1"
COMPLETIONS = ("completions/certcheck.bash", "completions/_certcheck")
REGENERATE = "python3 cmake/gen-catalogue.py build/src/certcheck   (or: cmake --build build --target catalogue)"


def catalogue(binary):
    p = subprocess.run([binary, "rules", "--format", "json"], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        sys.exit(f"gen-catalogue: {binary} rules --format json exited {p.returncode}: {p.stderr}")
    rules = json.loads(p.stdout)
    if len(rules) < 20:
        sys.exit(f"gen-catalogue: only {len(rules)} rules read from {binary}")
    return rules


def shown_severity(rule, source):
    """The catalogue severity, with "(warn)" when the rule's page says it can report a milder status."""
    page = os.path.join(source, "docs", "rules", rule["id"] + ".md")
    try:
        with open(page, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return rule["severity"]
    m = re.search(r"^\*\*Severity:\*\* (error|warn) \((warn)\b", text, re.M)
    return f"{rule['severity']} ({m.group(2)})" if m and m.group(1) == rule["severity"] else rule["severity"]


def cell(text):
    return text.replace("|", "\\|")


def readme_tables(rules, source):
    main = ["| rule | severity | checks that |", "|---|---|---|"]
    other = ["| rule | severity | profiles | checks that |", "|---|---|---|---|"]
    for r in rules:
        link = f"[{r['id']}]({r['id']}.md)"
        sev = shown_severity(r, source)
        if "iam-server" in r["profiles"]:
            main.append(f"| {link} | {sev} | {cell(r['summary'])} |")
        else:
            profiles = ", ".join(r["profiles"]) or "-"
            other.append(f"| {link} | {sev} | {profiles} | {cell(r['summary'])} |")
    return {"iam-server rules": main, "other rules": other}


def man_table(rules):
    rows = [r["id"].replace("-", "\\-") + "\t" + r["severity"] for r in rules]
    return {"rule list": [".TS", "l l."] + rows + [".TE"]}


def replace_blocks(text, blocks, begin_fmt, end_fmt, path):
    for name, lines in blocks.items():
        begin, end = begin_fmt.format(name), end_fmt.format(name)
        pattern = re.compile("^" + re.escape(begin) + "\n.*?^" + re.escape(end) + "$", re.M | re.S)
        if not pattern.search(text):
            sys.exit(f"gen-catalogue: {path} has no '{begin}' ... '{end}' block")
        text = pattern.sub(lambda _: begin + "\n" + "\n".join(lines) + "\n" + end, text, count=1)
    return text


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    source = args[1] if len(args) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rules = catalogue(binary)

    def read(rel):
        with open(os.path.join(source, rel), encoding="utf-8") as f:
            return f.read()

    wanted = {
        README: replace_blocks(read(README), readme_tables(rules, source),
                               "<!-- BEGIN generated {} (cmake/gen-catalogue.py): edit the rule files, not this table -->",
                               "<!-- END generated {} -->", README),
        MAN: replace_blocks(read(MAN), man_table(rules),
                            '.\\" BEGIN generated {} (cmake/gen-catalogue.py): edit the rule files, not this table',
                            '.\\" END generated {}', MAN),
    }
    stale = []
    for rel, text in wanted.items():
        current = read(rel)
        if current == text:
            continue
        stale.append(rel)
        if check:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True), rel, rel + " (from the catalogue)"))
        else:
            with open(os.path.join(source, rel), "w", encoding="utf-8") as f:
                f.write(text)
            print(f"gen-catalogue: wrote {rel}")
    problems = []
    for rel in COMPLETIONS:
        text = read(rel)
        if "rules --format ids" not in text:
            problems.append(f"{rel} does not ask the binary for the rule ids (certcheck rules --format ids)")
        named = [r["id"] for r in rules if re.search(r"(?<![\w-])" + re.escape(r["id"]) + r"(?![\w-])", text)]
        if len(named) > 3:  # a description may mention a rule; a list of them goes stale
            problems.append(f"{rel} names rules itself ({', '.join(named)}): completions must ask the binary")
    for p in problems:
        print("FAIL  " + p)
    if check and stale:
        print(f"FAIL  stale: {', '.join(stale)} (the rule catalogue changed). Run {REGENERATE}")
    if check and not stale and not problems:
        print(f"ok: {README} and {MAN} list the {len(rules)} rules of the catalogue")
    return 1 if problems or (check and stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
