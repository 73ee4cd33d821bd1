#!/usr/bin/env bash
# CommonMark conformance and speed: compiles the Markdown parser with the benchmark driver
# (swiftc -O, no SwiftPM), then prints how many of the spec's 655 examples match per section,
# how long all of them take to parse and render in process, and how long a 200 KB lesson takes.
# Usage: scripts/bench/commonmark.sh [--failures]   (--failures prints each failing example)
# The examples are read from Tests/LMSModelTests/Fixtures/commonmark/spec-0.31.2.json
# (or $COMMONMARK_SPEC).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SPEC="${COMMONMARK_SPEC:-$ROOT/Tests/LMSModelTests/Fixtures/commonmark/spec-0.31.2.json}"
OUT="$ROOT/.build/commonmark-bench"
mkdir -p "$OUT"
[ -f "$SPEC" ] || { echo "commonmark.sh: no spec examples at $SPEC (set COMMONMARK_SPEC)" >&2; exit 1; }

# The driver is top-level code, so it is compiled as main.swift.
cp "$ROOT/scripts/bench/commonmark-bench.swift" "$OUT/main.swift"
"${SWIFTC:-swiftc}" -O -wmo -module-name CommonMarkBench "$ROOT"/Sources/LMSModel/Markdown/*.swift \
    "$ROOT"/Sources/LMSModel/Text/*.swift \
    "$OUT/main.swift" -o "$OUT/commonmark-bench"

# Two 200 KB lessons: prose (this repository's own docs, repeated) and markup at its densest
# (every spec example's Markdown, repeated: nested containers, emphasis, links, HTML, entities).
python3 - "$SPEC" "$OUT" "$ROOT" <<'PY'
import glob, json, sys
spec, out, root = sys.argv[1:4]
def fill(pieces, path):
    text, i = "", 0
    while len(text.encode()) < 200 * 1024:
        text += pieces[i % len(pieces)] + "\n"
        i += 1
    open(path, "w").write(text)
fill([open(f).read() for f in sorted(glob.glob(root + "/docs/*.md")) + [root + "/README.md"]], out + "/prose-200k.md")
fill([e["markdown"] for e in json.load(open(spec))], out + "/dense-200k.md")
PY

"$OUT/commonmark-bench" "$SPEC" "$OUT/prose-200k.md" "$OUT/dense-200k.md" "$@"
