#!/usr/bin/env bash
# Builds the Markdown parser and HTML renderer with libFuzzer (swiftc -sanitize=fuzzer, no SwiftPM)
# and fuzzes them. Usage: scripts/fuzz-markdown.sh [seconds]   (default 60)
# The seed corpus is the CommonMark spec's examples (from Tests/LMSModelTests/Fixtures/commonmark,
# when present) plus the Markdown of docs/; new inputs go to .build/fuzz-markdown/corpus and any
# crash or timeout to .build/fuzz-markdown/artifacts.
set -euo pipefail

SECONDS_TO_RUN="${1:-60}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/.build/fuzz-markdown"
SWIFTC="${SWIFTC:-swiftc}"
# SANITIZERS=fuzzer,address also catches use after free (the parser's trees use unowned links).
FLAGS=(-sanitize="${SANITIZERS:-fuzzer}" -parse-as-library -O -wmo)

mkdir -p "$OUT/modules" "$OUT/corpus" "$OUT/artifacts"

"$SWIFTC" "${FLAGS[@]}" -module-name LMSModel -emit-module -emit-module-path "$OUT/modules/LMSModel.swiftmodule" \
    -emit-object "$ROOT"/Sources/LMSModel/Markdown/Markdown*.swift -o "$OUT/LMSModel.o"
"$SWIFTC" "${FLAGS[@]}" -module-name MarkdownFuzz -I "$OUT/modules" "$ROOT/Fuzz/MarkdownParserFuzz.swift" \
    "$OUT/LMSModel.o" -o "$OUT/markdown-fuzz"

cp "$ROOT"/docs/*.md "$OUT/corpus/"
for SPEC in "$ROOT/Tests/LMSModelTests/Fixtures/commonmark/spec-0.31.2.json"; do
    if [ -f "$SPEC" ]; then
        python3 - "$SPEC" "$OUT/corpus" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1])):
    open(f"{sys.argv[2]}/spec-{e['example']:03d}.md", "w").write(e["markdown"])
PY
        break
    fi
done

# -timeout: one input may take at most 5 s; -rss_limit_mb guards memory; -max_len allows long lessons.
"$OUT/markdown-fuzz" "$OUT/corpus" -max_total_time="$SECONDS_TO_RUN" -timeout=5 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$OUT/artifacts/" -print_final_stats=1
