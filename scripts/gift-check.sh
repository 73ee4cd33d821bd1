#!/usr/bin/env bash
# Checks a Moodle GIFT question bank the way a course would import it, without writing a course:
# wraps FILE.gift in a throw-away course folder, prints every diagnostic (`lms-offline validate`),
# and writes the teacher's copy of the quiz (every question with its key, as the booklet prints it)
# to OUT/index.html, to compare with what Moodle's importer shows for the same file.
#
#   scripts/gift-check.sh BANK.gift [OUT]     (OUT defaults to ./gift-check)
#
# Exit status: lms-offline validate's (0 when the bank imports, 1 when it has errors).
set -euo pipefail
if [[ $# -lt 1 || ! -f "$1" ]]; then
    echo "usage: scripts/gift-check.sh BANK.gift [OUT]" >&2
    exit 2
fi
bank=$1
out=${2:-gift-check}
here=$(cd "$(dirname "$0")/.." && pwd)
tool=${LMS_OFFLINE:-$here/.build/debug/lms-offline}
if [[ ! -x $tool ]]; then
    echo "build lms-offline first: swift build --product lms-offline (or set LMS_OFFLINE)" >&2
    exit 2
fi
course=$(mktemp -d)
trap 'rm -rf "$course"' EXIT
mkdir -p "$course/01-bank"
printf '{"id": "gift-check", "version": "1.0.0", "title": "%s"}\n' "$(basename "$bank" .gift)" >"$course/course.json"
cp "$bank" "$course/01-bank/01-$(basename "$bank" .gift | tr -c 'A-Za-z0-9_\n-' '-').gift"
status=0
(cd "$course" && "$tool" validate .) || status=$?
if [[ $status -eq 0 ]]; then
    rm -rf "$out"
    "$tool" export "$course" --html --answers -o "$out"
fi
exit $status
