#!/usr/bin/env python3
"""Writes the PNG test fixtures (standard library only): one picture per colour type and bit
depth, each row with a different filter, plus damaged files. Pixel values follow sample() below;
PNGDecoderTests computes the same values."""
import struct, zlib

W, H = 9, 5

def sample(x, y, c, maxval):
    return (x * 37 + y * 91 + c * 53) % (maxval + 1)

def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc: return a
    return b if pb <= pc else c

def filt(ftype, row, prev, bpp):
    out = bytearray()
    for i, v in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i] if prev else 0
        c = prev[i - bpp] if prev and i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
        out.append((v - pred) & 255)
    return bytes([ftype]) + bytes(out)

def pack_row(values, depth):
    if depth == 16: return b"".join(struct.pack(">H", v) for v in values)
    if depth == 8: return bytes(values)
    bits, out = 0, bytearray()
    n = 0
    for v in values:
        bits = (bits << depth) | v; n += depth
        if n == 8: out.append(bits); bits = 0; n = 0
    if n: out.append(bits << (8 - n))
    return bytes(out)

def raw_rows(width, height, channels, depth, xs=None, ys=None, ctype=None):
    maxval = (1 << depth) - 1
    rows = []
    for y in ys:
        vals = []
        for x in xs:
            for c in range(channels):
                vals.append(sample(x, y, c, maxval) if ctype != 3 else (x + y * W) % min(7, maxval + 1))
        rows.append(pack_row(vals, depth))
    return rows

def encode(rows, bpp, start_filter=0):
    data, prev = b"", None
    for i, row in enumerate(rows):
        data += filt((i + start_filter) % 5, row, prev, bpp)
        prev = row
    return data

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
PALETTE = b"".join(bytes([i * 30, 255 - i * 30, i * 7]) for i in range(7))

def png(ctype, depth, width=W, height=H, interlace=0, extra=b""):
    ch = CHANNELS[ctype]
    bpp = max(1, ch * depth // 8)
    if interlace:
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        data = b""
        for n, (x0, y0, dx, dy) in enumerate(passes):
            xs, ys = list(range(x0, width, dx)), list(range(y0, height, dy))
            if xs and ys: data += encode(raw_rows(width, height, ch, depth, xs, ys, ctype), bpp, n)
    else:
        data = encode(raw_rows(width, height, ch, depth, range(width), range(height), ctype), bpp)
    ihdr = struct.pack(">IIBBBBB", width, height, depth, ctype, 0, 0, interlace)
    body = chunk(b"IHDR", ihdr)
    if ctype == 3: body += chunk(b"PLTE", PALETTE)
    body += extra + chunk(b"IDAT", zlib.compress(data, 9))
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")

def write(name, data):
    with open(name, "wb") as f: f.write(data)

for ctype, depths in {0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]}.items():
    for depth in depths:
        write(f"type{ctype}-depth{depth}.png", png(ctype, depth))
write("type6-depth8-interlaced.png", png(6, 8, 11, 10, 1))
write("type0-depth1-interlaced.png", png(0, 1, 11, 10, 1))
# tRNS: palette entries 0 and 1 at alpha 0 and 128; grey 8-bit key = sample(0,0) = 0; RGB key.
write("type3-depth8-trns.png", png(3, 8, extra=chunk(b"tRNS", bytes([0, 128]))))
write("type0-depth8-trns.png", png(0, 8, extra=chunk(b"tRNS", struct.pack(">H", 0))))
write("type2-depth16-trns.png", png(2, 16, extra=chunk(b"tRNS", struct.pack(">HHH", 0, 53, 106))))

good = png(2, 8)
write("damaged-truncated.png", good[: len(good) - 30])
bad = bytearray(good); bad[len(good) - 20] ^= 0xFF; write("damaged-bad-crc.png", bytes(bad))
def with_header(width, height, depth, ctype, data):
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, ctype, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b""))
write("damaged-huge-dimensions.png", with_header(100000, 100000, 8, 6, b"\0"))
write("damaged-zlib-bomb.png", with_header(1, 1, 8, 0, b"\0" * 20_000_000))
write("damaged-bad-filter.png", with_header(2, 1, 8, 0, b"\x07\x01\x02"))
write("damaged-short-data.png", with_header(64, 64, 8, 0, b"\0" * 100))
write("damaged-large-claim.png", with_header(4096, 4096, 8, 6, b"\0" * 100))
write("damaged-no-idat.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + chunk(b"IEND", b""))
