#!/usr/bin/env bash
# A site imported from every page of the repository's corpus fixtures and the seed, as a user
# with a folder of saved pages would build one: `gloss init`, `gloss import`, `gloss build`.
# Usage: corpus-site.sh GLOSS SITE_DIR
set -euo pipefail
gloss=$1
site=$2
fixtures="$(cd "$(dirname "$0")/../tests/fixtures" && pwd)"
"$gloss" init "$site" >/dev/null 2>&1
rm "$site/content/first-article.md"
pages="$site.pages"
mkdir -p "$pages"
for file in "$fixtures"/corpus/extraction-benchmark-dev/html/*.html.gz; do
  gunzip -c "$file" >"$pages/$(basename "$file" .gz)"
done
for file in "$fixtures"/corpus/readability/*/source.html.gz; do
  gunzip -c "$file" >"$pages/readability-$(basename "$(dirname "$file")").html"
done
cp "$fixtures"/corpus/korean-news/html/*.html "$fixtures"/seed/*.txt "$pages/"
# A page that cannot be imported is reported by name; the others make the site.
"$gloss" import --root "$site" "$pages" 2>"$site.import.log" || true
grep -E "imported, " "$site.import.log" >&2
"$gloss" build --root "$site" 2>&1 >/dev/null | tail -1 >&2
