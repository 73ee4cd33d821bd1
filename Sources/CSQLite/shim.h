// System SQLite (Debian: libsqlite3-dev). SQLITE_TRANSIENT is a cast macro Swift cannot
// import, and sqlite3_config is variadic, so both are reached through these wrappers.
#include <sqlite3.h>

static inline sqlite3_destructor_type csqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
