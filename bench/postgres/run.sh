#!/usr/bin/env bash
# Benchmarks vern's PostgreSQL collector: see main.go. Usage: bench/postgres/run.sh [-rows 1000000,5000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null
fi
bin="$(mktemp -d)/vern-pgbench"
go build -o "$bin" ./bench/postgres
# psql and the server run as the postgres OS user's tools; the binary can be anywhere.
chmod 755 "$(dirname "$bin")" "$bin"
"$bin" "$@"
