#!/usr/bin/env bash
# The browser tests: the default theme in headless Chromium. Needs Debian's Chromium
# (apt-get install -y chromium) and Node.js with npm; installs playwright-core and axe-core
# from the npm registry (no browser is downloaded). Screenshots go to target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "error: Chromium not found at $chromium." >&2
  echo "Install it with 'apt-get install -y chromium' (or set CHROMIUM to its path)." >&2
  exit 1
fi
command -v npm >/dev/null || { echo "error: Node.js and npm are needed for the browser tests" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
cargo build --release --locked --quiet --manifest-path ../Cargo.toml
node --test --test-concurrency=1 tests/
