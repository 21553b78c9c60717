#!/usr/bin/env bash
# Installs everything douyin-team needs on a fresh Debian machine: system packages (when root and
# missing), a virtual environment in .venv, and the project with its pinned dependencies.
# Usage: scripts/setup.sh [--test]   (--test adds the test tools and the system packages tests use)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# System packages: read from files so the list is in one place.
packages=$(sed -e 's/#.*//' scripts/apt-packages.txt | xargs)
if [ "$want_test" = 1 ]; then
  packages="$packages $(sed -e 's/#.*//' scripts/apt-packages-test.txt | xargs)"
fi
missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: please install these Debian packages first (as root): $missing" >&2
    exit 1
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extra=""
[ "$want_test" = 1 ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e ".$extra"
if [ "$want_test" = 1 ]; then
  # JavaScript clients the tests run in Chromium (Mermaid), pinned by tests/js/package-lock.json.
  (cd tests/js && npm ci --no-audit --no-fund --silent)
fi
