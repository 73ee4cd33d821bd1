#!/usr/bin/env bash
# Builds the GIFT parser with libFuzzer (swiftc -sanitize=fuzzer, no SwiftPM) and fuzzes it.
# Usage: scripts/fuzz-gift.sh [seconds]   (default 60)
# The seed corpus is the GIFT test fixtures; new inputs go to .build/fuzz-gift/corpus and any
# crash or timeout to .build/fuzz-gift/artifacts.
set -euo pipefail

SECONDS_TO_RUN="${1:-60}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/.build/fuzz-gift"
SWIFTC="${SWIFTC:-swiftc}"
FLAGS=(-sanitize=fuzzer -parse-as-library -O -wmo)

mkdir -p "$OUT/modules" "$OUT/corpus" "$OUT/artifacts"

"$SWIFTC" "${FLAGS[@]}" -module-name LMSModel -emit-module -emit-module-path "$OUT/modules/LMSModel.swiftmodule" \
    -emit-object "$ROOT"/Sources/LMSModel/Quiz/Question.swift "$ROOT"/Sources/LMSModel/Quiz/Quiz.swift \
    "$ROOT"/Sources/LMSModel/Quiz/TextFormat.swift \
    "$ROOT"/Sources/LMSModel/Support/Diagnostic.swift -o "$OUT/LMSModel.o"
"$SWIFTC" "${FLAGS[@]}" -module-name CoursePackage -I "$OUT/modules" -emit-module \
    -emit-module-path "$OUT/modules/CoursePackage.swiftmodule" \
    -emit-object "$ROOT"/Sources/CoursePackage/GIFT/*.swift -o "$OUT/CoursePackage.o"
"$SWIFTC" "${FLAGS[@]}" -module-name GIFTFuzz -I "$OUT/modules" "$ROOT/Fuzz/GIFTParserFuzz.swift" \
    "$OUT/LMSModel.o" "$OUT/CoursePackage.o" -o "$OUT/gift-fuzz"

cp "$ROOT"/Tests/CoursePackageTests/Fixtures/gift/*.gift "$OUT/corpus/"

# -timeout: one input may take at most 5 s; -rss_limit_mb guards memory; -max_len allows whole fixtures.
"$OUT/gift-fuzz" "$OUT/corpus" -max_total_time="$SECONDS_TO_RUN" -timeout=5 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$OUT/artifacts/" -print_final_stats=1
