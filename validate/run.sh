#!/usr/bin/env bash
# The Nu Html Checker (vnu-jar, the W3C validator) on two sites built by gloss: the example
# site, and a site imported from the corpus fixtures (corpus-site.sh). Fails on any error, and on
# any warning the README ("Validation") does not explain; prints every message grouped.
# Needs Java (apt-get install -y default-jre-headless) and npm; installs vnu-jar from npm.
set -euo pipefail
cd "$(dirname "$0")"
command -v java >/dev/null || {
  echo "error: the Nu Html Checker needs Java: apt-get install -y default-jre-headless" >&2
  exit 1
}
npm ci --no-audit --no-fund --loglevel=error
cargo build --release --locked --quiet --manifest-path ../Cargo.toml
gloss=../target/release/gloss
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gloss" build --root .. --output "$work/example" 2>/dev/null
bash corpus-site.sh "$gloss" "$work/corpus"
# vnu exits 1 when it finds an error; the summary decides.
java -jar node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --format json \
  "$work/example" "$work/corpus/public" 2>"$work/vnu.json" || true
python3 summarize.py "$work/vnu.json" "$work"
