#!/usr/bin/env bash
# Installs douyin-team with its test tools and runs every check: ruff, mypy (strict) and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
.venv/bin/ruff check src tests bench
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
