#!/usr/bin/env bash
# Lighthouse 12.2.3 (pinned) on the example site's pages, mobile and desktop, in Debian's
# headless Chromium; prints one line of scores per page and form factor, as BENCHMARKS.md shows.
# Photos the articles hotlink from news sites are answered by bench/placeholder_proxy.py (a
# 1600×900 grey image), so the run is offline and measures the site, not a publisher's CDN.
# Needs /usr/bin/chromium, Node.js and npm, openssl and python3. Usage: bash bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="${LIGHTHOUSE_WORK:-target/lighthouse}"
mkdir -p "$work"
[ -x "$work/node_modules/.bin/lighthouse" ] || npm install --prefix "$work" --no-audit --no-fund \
  --loglevel=error lighthouse@12.2.3 >/dev/null
cargo build --release --locked --quiet
site_port=8791
proxy_port=8792
rm -rf "$work/site"
target/release/gloss build --output "$work/site" --base-url "http://127.0.0.1:$site_port/" 2>/dev/null
python3 -m http.server "$site_port" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server=$!
python3 bench/placeholder_proxy.py "$proxy_port" >/dev/null &
proxy=$!
trap 'kill $server $proxy 2>/dev/null || true' EXIT
sleep 2
article=$(cd "$work/site" && ls -d */ | grep -v -E '^(css|js|tags|glossary|timeline|politics|search|page|atom|img|images)/$' | head -1)
term=$(cd "$work/site/glossary" && ls -d */ | head -1)
pages=("" "$article" "glossary/" "glossary/$term" "timeline/")
[ -d "$work/site/search" ] && pages+=("search/?q=%EC%9D%B8%EA%B3%B5%EC%A7%80%EB%8A%A5")
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --proxy-server=http://127.0.0.1:$proxy_port --ignore-certificate-errors"
printf '| page | form factor | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|---|\n'
for page in "${pages[@]}"; do
  for form in mobile desktop; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    report="$work/report.json"
    CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" \
      "http://127.0.0.1:$site_port/$page" "${preset[@]}" --quiet --chrome-flags="$flags" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$report" >/dev/null 2>&1
    python3 - "$report" "/$page" "$form" <<'PY'
import json, sys
report, page, form = sys.argv[1:]
r = json.load(open(report))
c = r["categories"]
scores = [round(c[k]["score"] * 100) for k in ("performance", "accessibility", "best-practices", "seo")]
failing = [a for a, v in r["audits"].items()
           if v.get("score") is not None and v["score"] < 0.9
           and v.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
note = f" (below 0.9: {', '.join(failing)})" if failing else ""
print(f"| `{page}` | {form} | " + " | ".join(map(str, scores)) + f" |{note}")
PY
  done
done
