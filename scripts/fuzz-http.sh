#!/usr/bin/env bash
# Builds the libFuzzer target for the HTTP request parser and runs it.
# Usage: scripts/fuzz-http.sh [seconds=60]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
OUT=.build/fuzz
mkdir -p "$OUT/http-corpus" "$OUT/artifacts"
H=Sources/SyncServer/HTTP

swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name HTTPFuzz \
    Fuzz/HTTPParserFuzz.swift $H/HTTPLimits.swift $H/HTTPMethod.swift $H/HTTPHeaders.swift \
    $H/HTTPBytes.swift $H/HTTPParseError.swift $H/HTTPRequestTarget.swift $H/HTTPRequestHead.swift \
    $H/HTTPRequestParser.swift $H/HTTPRequestParser+Head.swift $H/HTTPRequestParser+Chunked.swift \
    -o "$OUT/http-fuzz"

# Seed corpus: a few valid and hostile requests.
if [ -z "$(ls -A "$OUT/http-corpus")" ]; then
    printf 'GET /a/b?x=1&y=%%C3%%A9 HTTP/1.1\r\nHost: a\r\n\r\n' > "$OUT/http-corpus/get"
    printf 'POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: a\r\n\r\n' > "$OUT/http-corpus/pipelined"
    printf 'PUT /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a="b\\"c"\r\nhello\r\n0\r\nX: y\r\n\r\n' > "$OUT/http-corpus/chunked"
    printf 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n' > "$OUT/http-corpus/smuggle"
    printf 'OPTIONS * HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' > "$OUT/http-corpus/options"
fi

"$OUT/http-fuzz" -max_total_time="$SECONDS_TO_RUN" -max_len=2048 -rss_limit_mb=2048 \
    -artifact_prefix="$OUT/artifacts/" "$OUT/http-corpus"
