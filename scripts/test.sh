#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test.
# Usage: scripts/test.sh [--coverage]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# The tree keeps one format (.swift-format: 120 columns, 4 spaces); `swift format format --in-place
# --recursive Sources Tests Fuzz` fixes what this finds.
swift format lint --strict --recursive --parallel Sources Tests Fuzz Package.swift

if [ "${1:-}" = "--coverage" ]; then
    swift build --build-tests --enable-code-coverage
    swift test --skip-build --enable-code-coverage
    profdata=$(swift test --show-codecov-path | xargs dirname)/default.profdata
    bin="$(swift build --show-bin-path)/lmsPackageTests.xctest"
    # The toolchain's llvm-cov: the system one may be older than the profile format.
    "$(dirname "$(readlink -f "$(command -v swift)")")/llvm-cov" report "$bin" -instr-profile="$profdata" -ignore-filename-regex='(\.build|Tests|Fuzz)/' > .build/coverage.txt
    awk 'NR <= 2 || /^TOTAL/' .build/coverage.txt
    echo "(per-file figures in .build/coverage.txt)"
else
    swift build --build-tests
    swift test --skip-build
fi
