#!/usr/bin/env bash
# Import quality and speed, on the corpora copied into tests/fixtures/corpus/.
# Usage: bash bench/import.sh    (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
gloss=target/release/gloss
corpus=tests/fixtures/corpus

echo "== body F1, English (article-extraction-benchmark, dev half)"
python3 bench/extraction_f1.py "$corpus/extraction-benchmark-dev" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1

echo "== body F1, Korean (pages with ground truth)"
python3 bench/extraction_f1.py "$corpus/korean-news" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1

echo "== the same two, with a CommonMark-aware Markdown stripper (see bench/f1_commonmark.py)"
python3 bench/f1_commonmark.py "$corpus/extraction-benchmark-dev" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1
python3 bench/f1_commonmark.py "$corpus/korean-news" --cmd "$gloss import --stdout {input}" --markdown --jobs 2 | tail -1

echo "== titles, Readability test pages"
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
