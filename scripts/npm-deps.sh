#!/usr/bin/env bash
# Installs the npm packages vern uses at run time and in its tests, at pinned versions with
# their published sha512 checksums verified, into a cache outside the repository
# ($VERN_CACHE/npm, by default ~/.cache/vern/npm). Nothing here is ever committed.
#
#   @duckduckgo/autoconsent  consent-banner rules the site collector drives (MPL-2.0)
#   the consent libraries    offline test sites of the site collector's tests
#
# Each package lands in $VERN_CACHE/npm/<name>@<version>/ (the tarball's package/ folder),
# with the verified checksum in .integrity beside its files.
set -euo pipefail

cache="${VERN_CACHE:-$HOME/.cache/vern}/npm"

# name version sha512-integrity
pins=(
  "@duckduckgo/autoconsent 16.23.0 sha512-NTmDhASFf5pUsSwg2TyT9R75GYUcuYZXPyBnRcYgJgozg6RLeXXP9uH8ADxA364yQ2gJBMu83AN/D24Y4nkPKg=="
  "vanilla-cookieconsent 3.1.0 sha512-/McNRtm/3IXzb9dhqMIcbquoU45SzbN2VB+To4jxEPqMmp7uVniP6BhGLjU8MC7ZCDsNQVOp27fhQTM/ruIXAA=="
  "klaro 0.7.22 sha512-NkaFxS4S8160/zH1UQzCSYIIsAtwIDHIkJ7xofCrgRqk14OSY+OJuwCjYyW+q5fmIeF4RvsuBH6brPe2BS9Z0A=="
  "tarteaucitronjs 1.34.0 sha512-PEzKEjOLC06zCWSZB1RuQkSlzbDYXSKohv0XD7BMjgfE/M+LhiWLTdNAj47VW9xcVsuQCSvLpR/gqkripHaU6g=="
  "cookieconsent 3.1.1 sha512-v8JWLJcI7Zs9NWrs8hiVldVtm3EBF70TJI231vxn6YToBGj0c9dvdnYwltydkAnrbBMOM/qX1xLFrnTfm5wTag=="
  "cookies-eu-banner 3.0.0 sha512-jokXq/N3lSf4nB9tgFK3ZwoAjrw0hqJD8UFlXYXvX2vZ4R77Zngsyk8aMdmyV1Oa3ljwuaxiEk1eD8ZC6nHJQQ=="
)

if ! command -v npm >/dev/null 2>&1; then
  echo "npm-deps: npm is missing; install Debian's npm package (apt-get install -y npm)" >&2
  exit 1
fi
mkdir -p "$cache"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for pin in "${pins[@]}"; do
  read -r name version want <<<"$pin"
  dest="$cache/$name@$version"
  if [ -f "$dest/.integrity" ] && [ "$(cat "$dest/.integrity")" = "$want" ]; then
    continue
  fi
  echo "npm-deps: installing $name@$version into $cache"
  rm -rf "$tmp/pack" && mkdir -p "$tmp/pack"
  if ! out="$(cd "$tmp/pack" && npm pack --silent "$name@$version" 2>&1)"; then
    echo "npm-deps: npm pack $name@$version failed:" >&2
    echo "$out" >&2
    exit 1
  fi
  tgz="$(ls "$tmp/pack"/*.tgz)"
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$got" != "$want" ]; then
    echo "npm-deps: checksum of $name@$version is $got, pinned $want; refusing it" >&2
    exit 1
  fi
  rm -rf "$dest" "$dest.new" && mkdir -p "$dest.new"
  tar -xzf "$tgz" -C "$dest.new" --strip-components=1 --no-same-owner
  echo "$want" >"$dest.new/.integrity"
  mv "$dest.new" "$dest"
done
