#!/usr/bin/env bash
# Import quality and speed, on the corpora copied into tests/fixtures/corpus/.
# Usage: bash bench/import.sh    (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
gloss=target/release/gloss
corpus=tests/fixtures/corpus

# `gloss import --text` prints the body as plain text, which the scorer reads as it is. (Its
# `--markdown` mode strips Markdown with regular expressions that stop at a `]` inside image alt
# text or a `)` inside a caption, both common in Korean captions: `[사진 출처 = …]`, `(연합뉴스)`;
# the Markdown figures scored that way are shown last, for comparison.)
echo "== body F1, English (article-extraction-benchmark, dev half)"
python3 bench/extraction_f1.py "$corpus/extraction-benchmark-dev" --cmd "$gloss import --text {input}" --jobs 2 | tail -1

echo "== body F1, Korean (pages with ground truth)"
python3 bench/extraction_f1.py "$corpus/korean-news" --cmd "$gloss import --text {input}" --jobs 2 | tail -1

echo "== body F1, Readability's test pages, Readability.js's output as the reference (pages gloss was not tuned on)"
python3 bench/readability_f1.py "$gloss import --text {input}" | tail -1

echo "== the Markdown output scored by the reference stripper, and by a CommonMark-aware one"
python3 bench/extraction_f1.py "$corpus/extraction-benchmark-dev" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1
python3 bench/extraction_f1.py "$corpus/korean-news" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1
python3 bench/f1_commonmark.py "$corpus/extraction-benchmark-dev" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1
python3 bench/f1_commonmark.py "$corpus/korean-news" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1

echo "== titles, Readability test pages: as published (--keep-site-name), then with site names cut (default)"
python3 bench/titles.py "$gloss" "$corpus/readability" --keep-site-name | tail -1
python3 bench/titles.py "$gloss" "$corpus/readability" | tail -1

echo "== throughput, one core"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$corpus"/extraction-benchmark-dev/html/*.html.gz; do gzip -dc "$f" > "$tmp/$(basename "${f%.gz}")"; done
cp "$corpus"/korean-news/html/*.html "$tmp/"
pages=$(ls "$tmp" | wc -l)
start=$(date +%s.%N)
RAYON_NUM_THREADS=1 "$gloss" import --stdout "$tmp" > /dev/null 2>&1
end=$(date +%s.%N)
python3 -c "import sys; p=$pages; t=$end-$start; print(f'{p} pages in {t:.2f} s: {p/t:.0f} pages/s on one core')"
