#!/usr/bin/env bash
# The main job end to end on embedded defaults: builds the programs and runs a sample course
# through its life: scaffold, validate, pack, inspect, student build, a new version and its
# delta; a server on 127.0.0.1; a student who studies offline and syncs; a teacher who grades,
# announces and publishes from the terminal. Everything goes to a fresh folder under /tmp.
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

step "The school's server starts on 127.0.0.1 (a free port) and the admin logs in"
server_log="$work/server.log"
printf '%s\n' 'demo admin password' | "$bin/lms-server" init --data "$work/server-data" --admin-password-stdin
"$bin/lms-server" serve --data "$work/server-data" --port 0 > "$work/server.out" 2> "$server_log" &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q listening "$work/server.out" 2>/dev/null && break; sleep 0.1; done
cat "$work/server.out"
S=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.out")
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() { curl -sf -X POST "$S/api/v1/auth/login" -d "{\"username\": \"$1\", \"password\": \"$2\"}" | json '["token"]'; }
ADMIN=$(login admin 'demo admin password')
curl -sf -X POST -H "Authorization: Bearer $ADMIN" "$S/api/v1/admin/users" \
  -d '{"username": "ada", "displayName": "Ada Lovelace", "role": "teacher", "password": "teacher password"}' >/dev/null
curl -sf -X POST -H "Authorization: Bearer $ADMIN" "$S/api/v1/admin/users" \
  -d '{"username": "sam", "displayName": "Sam Student", "role": "student", "password": "student password"}' >/dev/null
echo "admin created teacher ada and student sam"

step "The teacher publishes the course and enrolls the student"
ADA=$(login ada 'teacher password')
curl -sf -X POST -H "Authorization: Bearer $ADA" -H "X-Changelog: First edition" --data-binary @"$work/rich-1.2.0.zip" "$S/api/v1/courses" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print("published", d["id"], d["version"], "student build", d["studentPackageId"][:16])'
curl -sf -X POST -H "Authorization: Bearer $ADA" "$S/api/v1/courses/intro-programming/enrollments" -d '{"username": "sam"}' >/dev/null
echo "sam is enrolled"

step "The student downloads the course (the student build: no exam keys)"
SAM=$(login sam 'student password')
curl -sf -H "Authorization: Bearer $SAM" "$S/api/v1/courses?enrollment=enrolled" | json '["courses"][0]["title"]'
curl -sf -H "Authorization: Bearer $SAM" -o "$work/downloaded.zip" "$S/api/v1/courses/intro-programming/versions/latest/package"
"$lms" inspect "$work/downloaded.zip" | head -n 3

step "The student installs the downloaded course and studies offline (no network needed from here)"
export LMS_HOME="$work/student-home" LMS_PIN=2468
"$lms" install "$work/downloaded.zip"
"$lms" profile add sam
"$lms" courses
"$lms" read welcome --done
printf '{"q1": 1, "q2": [0, 2], "q3": true, "q4": "def", "q5": 3.14, "q6": {"Int": "42", "String": "\\"hi\\""}}' > "$work/answers.json"
"$lms" quiz check --answers "$work/answers.json"
printf '{"e1": 0, "e2": 5, "e3": {"a": "1", "b": "2", "c": "3"}, "e4": "Washing dishes until the rack is empty."}' > "$work/exam.json"
"$lms" quiz exam --answers "$work/exam.json"
"$lms" submit reflection --text "Loops were hardest; drawing them helped."

step "A link appears: the student logs in and syncs (work goes up; the exam's marks wait for the teacher's review)"
printf '%s\n' 'student password' | "$lms" login --server "$S" --username sam --password-stdin
"$lms" sync
"$lms" grades

unset LMS_HOME LMS_PIN

step "The teacher works from the terminal too: the grading queue, a grade with feedback, an announcement"
export LMS_HOME="$work/teacher-home" LMS_PIN=1357
"$lms" profile add ada
printf '%s\n' 'teacher password' | "$lms" login --server "$S" --username ada --password-stdin
"$lms" grade intro-programming --list
reflection=$("$lms" grade intro-programming --list --json | python3 -c 'import json,sys; print(next(e["id"] for e in json.load(sys.stdin) if e["item"].endswith("reflection")))')
"$lms" grade intro-programming --submission "$reflection" --score points=5 --feedback "Drawing loops is a good habit."
"$lms" announce intro-programming --title "Version 1.3.0" --body "More loop practice is coming tonight."
"$lms" grade intro-programming --release-review practice/exam
"$lms" sync
"$lms" gradebook intro-programming
"$lms" report intro-programming

step "The teacher publishes version 1.3.0 with the terminal client: what changed, and whom it reaches"
"$lms" publish "$work/rich-next" --changelog "More loop practice"
unset LMS_HOME LMS_PIN

step "The student's next sync brings the grade, the exam's marks, the announcement, and only what changed in 1.3.0"
export LMS_HOME="$work/student-home" LMS_PIN=2468
"$lms" sync
"$lms" grades
"$lms" announcements
"$lms" inbox
"$lms" progress
"$lms" due
unset LMS_HOME LMS_PIN

step "Done"
kill -TERM $server_pid && wait $server_pid 2>/dev/null || true
trap - EXIT
tail -n 1 "$work/server.out"
echo "Everything is in $work (server log: $server_log)"
