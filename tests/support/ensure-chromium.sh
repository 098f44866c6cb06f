#!/usr/bin/env bash
# Make sure the Chromium the end-to-end tests drive is installed. Playwright's own browser download
# cannot reach its CDN from our machines, so the tests use Debian's chromium package instead.
# Quiet and quick when it is already there.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

if [ -n "${CHROMIUM_PATH:-}" ] && [ "$CHROMIUM_PATH" != /usr/bin/chromium ]; then
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, but there is no executable there." >&2
  echo "Point it at an installed Chromium, or unset it to use Debian's /usr/bin/chromium." >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "The end-to-end tests need Chromium at /usr/bin/chromium, and apt-get is not available to install it." >&2
  echo "Install Chromium with your system's package manager and set CHROMIUM_PATH to its executable." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "The end-to-end tests need Chromium at /usr/bin/chromium. Install it once with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core" >&2
  echo "or set CHROMIUM_PATH to a Chromium you already have." >&2
  exit 1
fi

echo "Installing Debian's Chromium for the end-to-end tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
"$chromium" --version
