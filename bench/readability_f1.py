#!/usr/bin/env python3
"""Body F1 on Readability's test pages, with Readability.js's own output as the reference.

Not human ground truth (a better extractor may legitimately differ), but pages gloss was not
tuned on: a check that extraction generalises. Usage:
    python3 bench/readability_f1.py "target/release/gloss import --text {input}"
"""
import gzip
import html.parser
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests/fixtures/corpus/readability"
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "figcaption"}


class Text(html.parser.HTMLParser):
    """The text of an HTML fragment, a line per block."""

    def __init__(self):
        super().__init__()
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        if tag in BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def main():
    command = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "html").mkdir()
        truth = {}
        for page in sorted(p for p in CORPUS.iterdir() if (p / "expected.html.gz").exists()):
            parser = Text()
            parser.feed(gzip.decompress((page / "expected.html.gz").read_bytes()).decode("utf-8", "replace"))
            lines = (line.strip() for line in "".join(parser.out).split("\n"))
            truth[page.name] = {"articleBody": "\n".join(line for line in lines if line)}
            (Path(tmp) / "html" / f"{page.name}.html").write_bytes(gzip.decompress((page / "source.html.gz").read_bytes()))
        (Path(tmp) / "ground-truth.json").write_text(json.dumps(truth))
        scorer = Path(__file__).resolve().parent / "extraction_f1.py"
        sys.exit(subprocess.call([sys.executable, str(scorer), tmp, "--cmd", command, "--jobs", "2", *sys.argv[2:]]))


if __name__ == "__main__":
    main()
