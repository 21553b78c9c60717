#!/usr/bin/env bash
# Installs douyin-team and runs its main job: plan a sample merchant's team and write the result.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
.venv/bin/douyin-team plan --sales 300000 --focus live --merchant "示例商家" -o out/plan.yaml
.venv/bin/douyin-team plan --sales 300000 --focus live --merchant "示例商家" -o out/team.png
.venv/bin/douyin-team plan --sales 300000 --focus live --merchant "示例商家" -o out/team.svg
.venv/bin/douyin-team kit out/plan.yaml -o out/kit.xlsx
.venv/bin/douyin-team kit out/plan.yaml -o out/kit.pdf
.venv/bin/douyin-team plan --sales 300000 --focus live --merchant "示例商家"
echo "wrote out/plan.yaml, out/team.png, out/team.svg, out/kit.xlsx and out/kit.pdf"
