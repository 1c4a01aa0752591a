#!/usr/bin/env python3
"""Keeps the man page and the shell completions honest: every command and every long option of
every command, as the certcheck binary itself reports them (`certcheck --help`,
`certcheck CMD --help`), must appear in docs/man/certcheck.1 and in both completion scripts;
every profile (`certcheck profiles`) and rule id (`certcheck rules --format ids`) must appear in
the man page, and its title line must carry the binary's version. When a command or option is added to the CLI, this fails until the docs follow.

usage: cli_docs_test.py CERTCHECK_BINARY SOURCE_DIR
"""
import os
import re
import subprocess
import sys


def run(binary, *args):
    p = subprocess.run([binary, "--no-config", *args] if args and args[0] in ("check", "scan") else [binary, *args],
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        sys.exit(f"FAIL  certcheck {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p.stdout


def section(help_text, title):
    """The lines of one section ("Options:", "Subcommands:") of CLI11 help."""
    lines, inside = [], False
    for line in help_text.splitlines():
        if re.match(r"^\S.*:$", line):
            inside = line.strip() == title
            continue
        if inside:
            lines.append(line)
    return lines


def long_options(help_text):
    opts = set()
    for line in section(help_text, "Options:"):
        m = re.match(r"^\s{2}(-\S+)", line)
        if m:
            opts.update(o for o in m.group(1).split(",") if o.startswith("--"))
    return opts


def mentions(text, word):
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


def main():
    binary, source = sys.argv[1], sys.argv[2]
    top = run(binary, "--help")
    commands = [m.group(1) for line in section(top, "Subcommands:") if (m := re.match(r"^\s{2}(\S+)", line))]
    wanted = {"": long_options(top)}
    for c in commands:
        wanted[c] = long_options(run(binary, c, "--help"))
    profiles = [line.split()[0] for line in run(binary, "profiles").splitlines() if line.strip()]
    rules = run(binary, "rules", "--format", "ids").split()

    def read(rel):
        with open(os.path.join(source, rel), encoding="utf-8") as f:
            return f.read()

    man = read("docs/man/certcheck.1").replace("\\-", "-")
    docs = {"man page": man, "bash completion": read("completions/certcheck.bash"),
            "zsh completion": read("completions/_certcheck")}
    failures = []
    checked = 0
    for doc, text in docs.items():
        for c in commands:
            checked += 1
            if not mentions(text, c):
                failures.append(f"{doc}: command '{c}' is missing")
        for c, opts in wanted.items():
            for o in sorted(opts):
                checked += 1
                if not mentions(text, o):
                    failures.append(f"{doc}: option {o} of '{c or 'certcheck'}' is missing")
    for p in profiles:
        checked += 1
        if not mentions(man, p):
            failures.append(f"man page: profile '{p}' is missing")
    for r in rules:
        checked += 1
        if not mentions(man, r):
            failures.append(f"man page: rule id '{r}' is missing")
    version = run(binary, "--version").strip()  # "certcheck X.Y.Z"
    checked += 1
    if not re.search(r'^\.TH CERTCHECK 1 "[^"]*" "' + re.escape(version) + '"', man, re.M):
        failures.append(f"man page: the .TH line does not name '{version}'")
    if len(commands) < 4 or len(rules) < 20 or not profiles:
        failures.append(f"too little read from the binary: {commands}, {len(rules)} rules, {profiles}")
    for f in failures:
        print("FAIL  " + f)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
