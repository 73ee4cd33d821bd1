#!/usr/bin/env bash
# Builds the libFuzzer target for ZipReader and runs it.
# Usage: scripts/fuzz-zip.sh [seconds=60]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
OUT=.build/fuzz
mkdir -p "$OUT/corpus" "$OUT/artifacts"

swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ZipFuzz \
    -I Sources/CZlib -lz \
    Fuzz/ZipReaderFuzz.swift Sources/CoursePackage/Hashing/*.swift Sources/CoursePackage/Zip/*.swift \
    -o "$OUT/zip-fuzz"

# Seed corpus: a few small archives from zip(1) and Python (stored, deflated, descriptors, ZIP64).
if [ -z "$(ls -A "$OUT/corpus")" ]; then
    SEED_DIR=$(mktemp -d)
    trap 'rm -rf "$SEED_DIR"' EXIT
    (
        cd "$SEED_DIR"
        mkdir -p t/sub && printf 'hello hello hello\n' > t/a.txt && printf 'x' > t/sub/b && : > t/empty
        zip -q -r seed-zip.zip t
        zip -q -r -0 seed-store.zip t
        zip -q -r -fz seed-zip64.zip t
        zip -q -r - t | cat > seed-stream.zip
        python3 - <<'PY'
import zipfile, sys
for name, z64 in (("seed-py.zip", False), ("seed-py64.zip", True)):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("a/b.txt", "w", force_zip64=z64) as w:
            w.write(b"data " * 40)
        z.writestr("c.txt", b"")
PY
    )
    cp "$SEED_DIR"/*.zip "$OUT/corpus/"
fi

"$OUT/zip-fuzz" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -rss_limit_mb=2048 \
    -artifact_prefix="$OUT/artifacts/" "$OUT/corpus"
