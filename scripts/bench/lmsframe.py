"""The sync wire codec of docs/PROTOCOL.md §3, written from that document alone (no Swift code
consulted): proof that a client in another language can be built from it, and the benchmark's client."""
import struct

MAGIC = b"LMSF\x01"

def _varint(n, out):
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)

def encode(value):
    out = bytearray(MAGIC)
    keys = {}
    def key(k):
        if k in keys:
            _varint(keys[k] << 1 | 1, out)
        else:
            keys[k] = len(keys)
            b = k.encode()
            _varint(len(b) << 1, out)
            out.extend(b)
    def write(v):
        if v is None: out.append(0)
        elif v is False: out.append(1)
        elif v is True: out.append(2)
        elif isinstance(v, int) or (isinstance(v, float) and v.is_integer() and abs(v) < 2**53):
            i = int(v)
            out.append(3)
            _varint(((i << 1) ^ (i >> 63)) & 0xFFFFFFFFFFFFFFFF, out)
        elif isinstance(v, float):
            out.append(4); out.extend(struct.pack("<d", v))
        elif isinstance(v, str):
            b = v.encode(); out.append(5); _varint(len(b), out); out.extend(b)
        elif isinstance(v, list):
            out.append(6); _varint(len(v), out)
            for x in v: write(x)
        elif isinstance(v, dict):
            out.append(7); _varint(len(v), out)
            for k, x in v.items(): key(k); write(x)
        else:
            raise TypeError(type(v))
    write(value)
    return bytes(out)

def decode(data):
    if not data.startswith(MAGIC): raise ValueError("not a frame")
    pos = len(MAGIC)
    keys = []
    def varint():
        nonlocal pos
        result = shift = 0
        while True:
            b = data[pos]; pos += 1
            result |= (b & 0x7F) << shift
            if b < 0x80: return result
            shift += 7
    def utf8(n):
        nonlocal pos
        s = data[pos:pos + n].decode(); pos += n
        return s
    def read():
        nonlocal pos
        tag = data[pos]; pos += 1
        if tag == 0: return None
        if tag == 1: return False
        if tag == 2: return True
        if tag == 3:
            z = varint(); return (z >> 1) ^ -(z & 1)
        if tag == 4:
            v = struct.unpack("<d", data[pos:pos + 8])[0]; pos += 8; return v
        if tag == 5: return utf8(varint())
        if tag == 6: return [read() for _ in range(varint())]
        if tag == 7:
            obj = {}
            for _ in range(varint()):
                h = varint()
                if h & 1: k = keys[h >> 1]
                else:
                    k = utf8(h >> 1); keys.append(k)
                obj[k] = read()
            return obj
        raise ValueError(f"tag {tag}")
    value = read()
    if pos != len(data): raise ValueError("trailing bytes")
    return value


def read_head(data):
    """The page's `cursor` and `more` without decoding the changes: the server writes them first
    (a client may decode lazily; this one only needs them to continue)."""
    if not data.startswith(MAGIC) or data[len(MAGIC)] != 7: raise ValueError("not a page")
    pos = len(MAGIC) + 1
    def varint():
        nonlocal pos
        result = shift = 0
        while True:
            b = data[pos]; pos += 1
            result |= (b & 0x7F) << shift
            if b < 0x80: return result
            shift += 7
    varint()                                  # member count
    head = {}
    for _ in range(2):
        h = varint(); k = data[pos:pos + (h >> 1)].decode(); pos += h >> 1
        tag = data[pos]; pos += 1
        if tag == 5:
            n = varint(); head[k] = data[pos:pos + n].decode(); pos += n
        else:
            head[k] = tag == 2
    return head
