#!/usr/bin/env python3
"""Title accuracy of `gloss import` on Mozilla Readability's test pages.

For every folder under the corpus with `source.html[.gz]` and `expected-metadata.json`, runs
`GLOSS import --stdout [EXTRA...]` (for example `--keep-site-name`) and compares the front matter's `title` with the expected title
(whitespace-normalised, exact match). Prints each miss and, last, `titles: N/M exact (P %)`.
"""
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def norm(text):
    return " ".join((text or "").split())


def title_of(markdown):
    lines = markdown.splitlines()
    if not lines or lines[0] != "---":
        return None
    for line in lines[1:]:
        if line == "---":
            break
        if line.startswith("title:"):
            value = line[len("title:"):].strip()
            try:
                import yaml  # optional; fall back to simple unquoting
                return yaml.safe_load(value)
            except Exception:
                return value.strip("'\"")
    return None


def main():
    gloss, corpus, extra = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    total = exact = suffix_only = 0
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        expected_file = folder / "expected-metadata.json"
        source = folder / "source.html.gz"
        if not expected_file.exists() or not source.exists():
            continue
        expected = norm(json.loads(expected_file.read_text()).get("title"))
        if not expected:
            continue
        with tempfile.NamedTemporaryFile(suffix=".html") as tmp:
            tmp.write(gzip.decompress(source.read_bytes()))
            tmp.flush()
            run = subprocess.run([gloss, "import", "--stdout", *extra, tmp.name], capture_output=True, text=True)
        got = norm(title_of(run.stdout) if run.returncode == 0 else None)
        total += 1
        if got == expected:
            exact += 1
        elif got and differs_by_site_part(got, expected):
            suffix_only += 1
            print(f"{folder.name}: site name kept by the reference: {expected!r}, got {got!r}")
        else:
            print(f"{folder.name}: expected {expected!r}, got {got!r}")
    print(f"titles: {exact}/{total} exact ({100.0 * exact / max(total, 1):.1f} %), "
          f"{exact + suffix_only}/{total} up to a site-name part ({100.0 * (exact + suffix_only) / max(total, 1):.1f} %)")


SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " : ", " · ", " « ", " » ", "ㅣ")


def differs_by_site_part(got, expected):
    """True when the reference is `got` plus a site-name part before or after a separator."""
    if expected.startswith(got):
        rest = expected[len(got):]
        return any(rest.startswith(s) for s in SEPARATORS) or rest.strip() == "::"
    if expected.endswith(got):
        rest = expected[: -len(got)]
        return any(rest.endswith(s) for s in SEPARATORS)
    return False


if __name__ == "__main__":
    main()
