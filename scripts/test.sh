#!/usr/bin/env bash
# vern's whole test suite, runnable on a fresh machine that has only Go: installs what the
# tests need, checks formatting, vet and golangci-lint, runs every Go test with the race
# detector (the Rego rules' tests, `opa fmt` and `opa check --strict` equivalents run as Go
# tests in ./rego).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== gofmt"
unformatted=$(gofmt -l $(find . -name '*.go' -not -path './.git/*'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" $unformatted >&2
  exit 1
fi

echo "== go vet"
go vet ./...

echo "== golangci-lint (.golangci.yml)"
go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0 run ./...

echo "== actionlint (workflows, and action.yml through the workflows that use it)"
go run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12 -color=false

echo "== go test -race"
go test -race -count=1 -timeout 25m ./...
