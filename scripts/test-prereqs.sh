#!/usr/bin/env bash
# Brings a fresh Debian machine (or a clean clone) to the point where the tests can run, then runs
# them: system packages (kcat, chromium, a Hangul font), node_modules (npm ci when absent or stale), `npm test`.
# Exit code: npm test's, or non-zero with a message when a prerequisite is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"

if ! command -v node >/dev/null 2>&1; then
  echo "test-prereqs: node is not installed (Node >= 20.19 is required)" >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "test-prereqs: Node >= 20.19 is required, found $(node -v)" >&2
  exit 1
fi

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
[ -x "$chromium_path" ] || missing+=(chromium)
# A font with Hangul: the browser tests render the Korean console and measure real glyphs, not
# empty boxes, when they check that no text overflows its cell or button.
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ko family 2>/dev/null)" ]; } && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  missing+=(fonts-noto-cjk)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test-prereqs: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y "${missing[@]}"
  else
    echo "test-prereqs: missing system packages: ${missing[*]}" >&2
    echo "install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Electron's binary and Playwright's browsers are never downloaded: the build needs neither, and
# the browser tests drive Debian's chromium.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# node_modules is stale when package-lock.json changed since the last `npm ci` of this script.
stamp=node_modules/.brokerlab-lock.sha256
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "test-prereqs: npm ci"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$stamp"
fi

echo "test-prereqs: npm test"
npm test
