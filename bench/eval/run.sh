#!/usr/bin/env bash
# Benchmarks vern's rule evaluation against `opa eval` (built from the module proxy at the
# version in go.mod) on the same rules and synthetic input, at 1/10 and full size:
# 10,000 tables, 100,000 columns, 20,000 cookies and 500 processors. Prints medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
opa_version=$(go list -m -f '{{.Version}}' github.com/open-policy-agent/opa)
echo "building opa $opa_version and vern..."
GOBIN="$bin" GOFLAGS= go install "github.com/open-policy-agent/opa@$opa_version"
go build -o "$bin/vern" ./cmd/vern
go run ./bench/eval -opa "$bin/opa" -vern "$bin/vern" "$@"
