#!/usr/bin/env bash
# Picture speed: compiles the PNG decoder and the half-block renderer with the benchmark driver
# (swiftc -O, no SwiftPM), makes 1000 × 1000 PNGs with Python (RGB, RGBA, RGBA with Paeth rows,
# RGBA Adam7-interlaced) and prints how long each takes to decode and to draw in 80 × 24 cells.
# Usage: scripts/bench/pictures.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/.build/pictures-bench"
mkdir -p "$OUT/src"
# One module: the sources as they are, without `import LMSModel` (they are compiled together).
for f in "$ROOT"/Sources/CoursePackage/Image/*.swift "$ROOT"/Sources/CoursePackage/Hashing/CRC32.swift \
    "$ROOT"/Sources/LMSModel/Pictures/*.swift "$ROOT"/Sources/LMSModel/Markdown/TerminalPage.swift; do
    grep -v '^import LMSModel' "$f" >"$OUT/src/$(basename "$f")"
done
cp "$ROOT/scripts/bench/pictures-bench.swift" "$OUT/src/main.swift"
"${SWIFTC:-swiftc}" -O -wmo -module-name PicturesBench -I "$ROOT/Sources/CZlib" "$OUT"/src/*.swift \
    -o "$OUT/pictures-bench"

python3 - "$OUT" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
def chunk(k, b): return struct.pack(">I", len(b)) + k + b + struct.pack(">I", zlib.crc32(k + b))
def png(path, channels, ctype, interlace, filter=0):
    w = h = 1000
    def pixel(x, y): return [(x * 255 // w), (y * 255 // h), ((x ^ y) & 255), 255 - ((x + y) & 127)][:channels]
    def rows(xs, ys):
        data = b""
        for y in ys:
            data += bytes([filter]) + bytes(v for x in xs for v in pixel(x, y))
        return data
    if interlace:
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        raw = b"".join(rows(range(x, w, dx), range(y, h, dy)) for x, y, dx, dy in passes)
    else:
        raw = rows(range(w), range(h))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ctype, 0, 0, interlace)) + chunk(b"IDAT", zlib.compress(raw, 6))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b""))
png(out + "/rgb-1000.png", 3, 2, 0)
png(out + "/rgba-1000.png", 4, 6, 0)
# Every row marked Paeth: the pixels are whatever unfiltering gives, the work is the costliest filter's.
png(out + "/rgba-1000-paeth.png", 4, 6, 0, 4)
png(out + "/rgba-1000-adam7.png", 4, 6, 1)
PY

"$OUT/pictures-bench" "$OUT/rgb-1000.png" "$OUT/rgba-1000.png" "$OUT/rgba-1000-paeth.png" "$OUT/rgba-1000-adam7.png"
