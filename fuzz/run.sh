#!/usr/bin/env bash
# Runs the fuzz targets named (all by default) for SECONDS each (default 600), seeding each corpus from the
# repository's fixtures, and prints executions and coverage per target. A crash leaves its
# input in fuzz/artifacts/<target>/; turn it into a regression test before fixing it.
# Needs cargo-fuzz: `cargo install cargo-fuzz`. See FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import_page front_matter markdown_glossary timeline_dates site_config)
# cargo-fuzz passes nightly-only flags (-Zsanitizer); the stable compiler accepts them so.
export RUSTC_BOOTSTRAP=1

seed() {
  local target=$1
  shift
  mkdir -p "corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] && cp -n "$file" "corpus/$target/" 2>/dev/null || true
  done
}
pages=(../tests/fixtures/seed/* ../tests/fixtures/corpus/korean-news/html/*.html ../tests/fixtures/import/encoding/*)
articles=(../content/*.md ../content/politics/*.md ../tests/fixtures/sites/basic/content/*.md ../tests/fixtures/sites/basic/content/*/*.md)
seed import_page "${pages[@]}"
seed front_matter "${articles[@]}"
seed markdown_glossary "${articles[@]}"
seed timeline_dates "${articles[@]}"
seed site_config ../site.toml ../tests/fixtures/sites/basic/site.toml ../bench/minimal/site.toml

mkdir -p logs
for target in "${targets[@]}"; do
  echo "== $target (${seconds} s)"
  cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 \
    >"logs/$target.log" 2>&1 || { echo "$target FAILED; see fuzz/logs/$target.log"; tail -30 "logs/$target.log"; exit 1; }
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|cov: " "logs/$target.log" | tail -3
done
