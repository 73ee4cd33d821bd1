#!/usr/bin/env bash
# The main job end to end on embedded defaults: builds the programs and runs a sample course
# through its life so far: scaffold, validate, pack, inspect, student build, a new version
# and its delta, and a verified unpack. Everything goes to a fresh folder under /tmp.
# Usage: scripts/demo.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --product lms-offline >&2
swift build -c release --product lms-server >&2
bin="$(swift build -c release --show-bin-path)"
lms="$bin/lms-offline"
work="${1:-$(mktemp -d /tmp/lms-demo.XXXXXX)}"
mkdir -p "$work"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "A teacher starts a course from the scaffold"
"$lms" new-course "$work/my-first-course"
"$lms" validate "$work/my-first-course"

step "The rich sample course is validated and packed (deterministic: packed twice, same bytes)"
"$lms" validate samples/rich-course
"$lms" pack samples/rich-course -o "$work/rich-1.2.0.zip"
"$lms" pack samples/rich-course -o "$work/rich-again.zip" >/dev/null
cmp "$work/rich-1.2.0.zip" "$work/rich-again.zip" && echo "identical bytes"
unzip -tq "$work/rich-1.2.0.zip"

step "What the package holds"
"$lms" inspect "$work/rich-1.2.0.zip"

step "The student build (exam answer keys removed)"
"$lms" student "$work/rich-1.2.0.zip" -o "$work/rich-1.2.0-student.zip"
"$lms" inspect "$work/rich-1.2.0-student.zip" --json | head -n 8

step "A new version changes one lesson: the delta a device must fetch"
cp -r samples/rich-course "$work/rich-next"
sed -i 's/"version": "1.2.0"/"version": "1.3.0"/' "$work/rich-next/course.json"
printf '\nA new paragraph for version 1.3.0.\n' >> "$work/rich-next/02-practice/01-practice-loops.md"
"$lms" pack "$work/rich-next" -o "$work/rich-1.3.0.zip"
"$lms" delta "$work/rich-1.2.0.zip" "$work/rich-1.3.0.zip" -o "$work/rich-1.2.0-to-1.3.0.delta"

step "A student device unpacks and verifies the package"
"$lms" unpack "$work/rich-1.2.0-student.zip" -o "$work/installed"
ls "$work/installed"

step "A student installs the course from a USB stick and studies offline"
export LMS_HOME="$work/student-home" LMS_PIN=2468
"$lms" install "$work/rich-1.2.0.zip"
"$lms" profile add ana
"$lms" courses
"$lms" read welcome --done
printf '{"q1": 1, "q2": [0, 2], "q3": true, "q4": "def", "q5": 3.14, "q6": {"Int": "42", "String": "\\"hi\\""}}' > "$work/answers.json"
"$lms" quiz check --answers "$work/answers.json"
"$lms" submit reflection --text "Loops were hardest; drawing them helped."
"$lms" install "$work/rich-1.3.0.zip"
"$lms" progress
"$lms" due
unset LMS_HOME LMS_PIN

step "Done"
echo "Everything is in $work"
"$bin/lms-server" --version
