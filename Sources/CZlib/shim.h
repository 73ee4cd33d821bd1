// System zlib (Debian: zlib1g-dev). Swift cannot call the deflateInit2_/inflateInit2_
// macros, so the two wrappers below pass the version and struct size themselves.
#include <zlib.h>

static inline int czlib_deflateInit2(z_streamp strm, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, memLevel, strategy);
}

static inline int czlib_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
