#!/usr/bin/env bash
# The estate benchmark: 200 databases (copies of the demo CRM on the local PostgreSQL at
# 127.0.0.1:5432, trust authentication) and 10 demo sites, collected as one `vern collect
# --target` process per target, 4 at a time, joined by one `vern evaluate`, compared with
# one `vern audit`. On demand only (minutes, and it creates and drops databases):
#   bash bench/estate/run.sh [-dbs 200 -sites 10 -parallel 4]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/vern" ./cmd/vern
go run ./bench/estate -vern "$bin/vern" "$@"
