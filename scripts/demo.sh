#!/usr/bin/env bash
# Runs vern's main job on the bundled Alarmlink example on a fresh machine that has only Go:
# installs PostgreSQL and Chromium when missing, then audits the example's statement, demo
# database, processor agreements and demo site. Outputs go to ./vern-demo (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Built (not go run) with the checkout's revision stamped in, so the reports name it.
mkdir -p bin
go build -buildvcs=true -o bin/vern ./cmd/vern
bin/vern demo --out "${1:-vern-demo}"
