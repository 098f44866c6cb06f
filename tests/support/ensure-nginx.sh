#!/usr/bin/env bash
# The scale-out tests put Debian's nginx in front of two app instances, as production does. Installed
# here when missing (CI is root on Debian); quiet and quick when it is already there. The tests run their
# own nginx process with their own configuration: the system service is never started or changed.
set -euo pipefail

command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] && exit 0

if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
  echo "The scale-out tests need nginx. Install it once with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y nginx-light" >&2
  exit 1
fi

echo "Installing Debian's nginx for the scale-out tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
# The package starts the system service; the tests run their own nginx, so stop it again.
(service nginx stop || systemctl stop nginx || true) >/dev/null 2>&1
/usr/sbin/nginx -v
