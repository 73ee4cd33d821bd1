#!/usr/bin/env bash
# Benchmarks that print figures (never timed tests). Each section compares against its peer
# (zip/unzip, nginx, sqlite3) in the same run. Results go in docs/BENCHMARKS.md.
# Usage: scripts/bench.sh [package ...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --bench
exec python3 scripts/bench/run.py "$@"
