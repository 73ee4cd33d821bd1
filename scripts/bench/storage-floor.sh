#!/usr/bin/env bash
# The floor under the push benchmark: what SQLite alone takes to store the 50,000 attempts of the
# mixed push as the server stores them (scripts/bench/storage-floor.swift says how). Compiles
# LMSDatabase (and LMSModel's TimeOrderedID, the ids lms-offline makes) with the driver (swiftc -O, no SwiftPM). Usage: scripts/bench/storage-floor.sh [layout ...]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/.build/storage-floor"
mkdir -p "$OUT"
# Compiled into one module with LMSDatabase, so the driver does not import it.
sed "/^import LMSDatabase$/d" "$ROOT/scripts/bench/storage-floor.swift" >"$OUT/main.swift"
"${SWIFTC:-swiftc}" -O -wmo -module-name StorageFloor -I "$ROOT/Sources/CSQLite" \
    "$ROOT"/Sources/LMSDatabase/*.swift "$ROOT/Sources/LMSModel/Support/TimeOrderedID.swift" "$OUT/main.swift" -o "$OUT/storage-floor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$OUT/storage-floor" "$WORK" "$@"
