#!/usr/bin/env python3
"""Summarises the Nu Html Checker's JSON report: every error, and every warning grouped by its
message. Exits 1 on an error or on a warning that README.md ("Validation") does not explain.

Usage: summarize.py VNU_JSON OUTPUT_ROOT
"""
import collections
import json
import re
import sys

# Warnings the README explains, as patterns of their messages: (pattern, why it stays).
EXPLAINED = [
]


def main():
    report = json.load(open(sys.argv[1]))
    root = sys.argv[2]
    errors, warnings = [], collections.defaultdict(list)
    for message in report.get("messages", []):
        where = message.get("url", "").replace("file:" + root + "/", "")
        kind = message.get("type")
        text = message.get("message", "")
        if kind == "error" or message.get("subType") == "fatal":
            errors.append(f"{where}:{message.get('lastLine', '')}: {text}")
        elif kind == "info" and message.get("subType") == "warning":
            warnings[text].append(where)
    for error in errors:
        print(f"error: {error}")
    unexplained = 0
    for text, places in sorted(warnings.items()):
        explained = any(re.search(pattern, text) for pattern, _ in EXPLAINED)
        unexplained += not explained
        label = "warning" if explained else "warning (not explained in the README)"
        print(f"{label}: {text} ({len(places)} page(s), e.g. {places[0]})")
    pages = len({m.get("url") for m in report.get("messages", [])})
    print(f"{len(errors)} error(s), {sum(map(len, warnings.values()))} warning(s) on {pages} page(s) with messages")
    sys.exit(1 if errors or unexplained else 0)


if __name__ == "__main__":
    main()
