#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test.
# Usage: scripts/test.sh [--coverage]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

if [ "${1:-}" = "--coverage" ]; then
    swift build --build-tests --enable-code-coverage
    swift test --skip-build --enable-code-coverage
    profdata=$(find .build -name default.profdata | head -1)
    bin=$(find .build/debug -maxdepth 1 -name '*PackageTests.xctest' | head -1)
    llvm-cov report "$bin" -instr-profile="$profdata" -ignore-filename-regex='(\.build|Tests)/' | tail -n 25
else
    swift build --build-tests
    swift test --skip-build
fi
