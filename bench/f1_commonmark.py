#!/usr/bin/env python3
"""extraction_f1.py with a CommonMark-aware Markdown stripper.

The reference scorer removes images with `!\\[[^\\]]*\\]\\([^)]*\\)`, which stops at the first `)`:
an image title (gloss keeps figure captions there) containing `(왼쪽)` leaks the rest of the
caption and the URL into the scored text. Its `\\w+` tokenizer also splits Korean words at
intraword emphasis (`방침**이다` → `방침`, `이다`), which CommonMark needs next to particles.
This wrapper fixes those two things only and otherwise runs the reference scorer unchanged.
Usage: the same arguments as extraction_f1.py.
"""
import importlib.util
import re
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("extraction_f1", Path(__file__).with_name("extraction_f1.py"))
f1 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(f1)

f1.MD_IMAGE_RE = re.compile(r'''!\[((?:[^\]\\]|\\.)*)\]\(\s*<?[^\s)>]*>?(?:\s+"(?:[^"\\]|\\.)*")?\s*\)''')
original_strip = f1.strip_markdown


def strip_markdown(text, keep_image_alt=False):
    text = original_strip(text, keep_image_alt)
    return re.sub(r"(?<=\w)(\*\*|\*|__)(?=\w)", "", text)


f1.strip_markdown = strip_markdown
sys.exit(f1.main())
