#!/usr/bin/env bash
# Fuzzes the sync push and the JSON request bodies in process (Tests/SyncServerTests/PushFrameFuzzTests)
# for as long as asked: CI runs the same generator for 2 seconds per test.
# Usage: scripts/fuzz-push.sh [seconds=60]   (LMS_FUZZ_SEED=N replays a failing run's seed)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
swift build --build-tests
# Each of the two tests gets half the time.
LMS_FUZZ_SECONDS=$(( (SECONDS_TO_RUN + 1) / 2 )) swift test --skip-build --filter PushFrameFuzzTests
