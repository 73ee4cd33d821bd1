"""Benchmark section `teaching` (issue 6): a course of 1,000 students × 50 graded items (25
quizzes, 25 assignments) on the real lms-server: the gradebook and the course report (JSON, target
< 1 s) and their CSV exports (target < 2 s), plus a student's report and the grading queue.

The course is published through the API; students, enrollments, attempts, grades, progress and
submissions are then written straight into the server's SQLite file (the server stopped) by this
generator, since logging in 1,000 students and pushing their work is not what is measured."""
import json, os, random, shutil, sqlite3, statistics, subprocess, sys, time, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sync_bench import Client, start_server

STUDENTS, QUIZZES, ASSIGNMENTS, LESSONS = 1000, 25, 25, 20
COURSE = "teaching-bench"

def make_course(root):
    os.makedirs(os.path.join(root, "01-work"), exist_ok=True)
    with open(os.path.join(root, "course.json"), "w") as f:
        json.dump({"id": COURSE, "version": "1.0.0", "title": "Teaching benchmark", "startDate": "2026-09-01",
                   "endDate": "2027-06-30", "timeZone": "UTC", "certificate": True,
                   "grading": {"passPercent": 60, "weights": {"quiz": 40, "assignment": 60}}}, f)
    n = 0
    for i in range(LESSONS):
        n += 1
        with open(os.path.join(root, "01-work", f"{n:02d}-lesson-{i}.md"), "w") as f:
            f.write(f"# Lesson {i}\n\nSome text.\n")
    for i in range(QUIZZES):
        n += 1
        questions = [{"id": f"q{k}", "type": "single", "text": f"Question {k} of quiz {i}",
                      "choices": [{"text": "no"}, {"text": "yes", "correct": True}]} for k in range(4)]
        with open(os.path.join(root, "01-work", f"{n:02d}-quiz-{i}.quiz.json"), "w") as f:
            json.dump({"title": f"Quiz {i}", "questions": questions}, f)
        n += 1
        with open(os.path.join(root, "01-work", f"{n:02d}-task-{i}.assignment.md"), "w") as f:
            f.write(f"---\ntitle: Task {i}\npoints: 10\nsubmission: text\n---\nWrite.\n\n## Rubric\n- Content: 6\n- Form: 4\n")

def seed(db_path, items, teacher_id, rng):
    """Students, enrollments, and for each student: quiz attempts (90%), assignment submissions
    (90%) of which 85% graded, and progress on the lessons."""
    now = int(time.time() * 1000)
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    users, enrollments, attempts, submissions, grades, progress = [], [], [], [], [], []
    quizzes = [i for i in items if i["kind"] == "quiz"]
    tasks = [i for i in items if i["kind"] == "assignment"]
    for s in range(STUDENTS):
        uid = str(uuid.UUID(int=rng.getrandbits(128)))
        users.append((uid, f"student{s:04d}", f"Student {s}", None, "student", 0, b"x", b"y", 1, now, now))
        enrollments.append((uid, COURSE, "teacher", "active", "[]", now, now))
        skill = rng.random()
        for q in quizzes:
            if rng.random() < 0.9:
                for _ in range(rng.choice((1, 1, 2))):
                    pts = float(sum(rng.random() < 0.3 + 0.7 * skill for _ in range(4)))
                    attempts.append((str(uuid.UUID(int=rng.getrandbits(128))), uid, COURSE, "1.0.0", q["id"], now - 86400000, now - 86000000,
                                     b"\x00", pts, q["maxPoints"], 0, now - rng.randrange(0, 30 * 86400000)))
        for t in tasks:
            if rng.random() < 0.9:
                sid = str(uuid.UUID(int=rng.getrandbits(128)))
                at = now - rng.randrange(0, 30 * 86400000)
                submissions.append((sid, uid, COURSE, t["id"], 1, b"\x00", at, at, 0))
                if rng.random() < 0.85:
                    pts = round(10 * min(1, skill + rng.random() * 0.3), 1)
                    grades.append((uid, COURSE, t["id"], sid, pts, 10.0, '{"Content": 0, "Form": 0}', None, teacher_id, now))
        done = int(LESSONS * min(1, skill + 0.2))
        for i in range(done):
            progress.append((uid, COURSE, f"work/lesson-{i}", 1, "{}", None, now - rng.randrange(0, 40 * 86400000)))
    db.executemany("INSERT INTO users(id, username, display_name, email, role, disabled, password_hash, password_salt, password_iterations, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", users)
    db.executemany("INSERT INTO enrollments(user_id, course_id, source, status, groups, created_at, updated_at) VALUES (?,?,?,?,?,?,?)", enrollments)
    db.executemany("INSERT INTO attempts(id, user_id, course_id, course_version, quiz_id, started_at, submitted_at, payload, points, max_points, awaiting_teacher, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", attempts)
    db.executemany("INSERT INTO submissions(id, user_id, course_id, assignment_id, version, payload, submitted_at, received_at, late) VALUES (?,?,?,?,?,?,?,?,?)", submissions)
    db.executemany("INSERT INTO grades(user_id, course_id, item_id, submission_id, points, max_points, scores, feedback, graded_by, graded_at) VALUES (?,?,?,?,?,?,?,?,?,?)", grades)
    db.executemany("INSERT INTO progress(user_id, course_id, lesson_id, completed, seconds, last_opened_at, updated_at) VALUES (?,?,?,?,?,?,?)", progress)
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return len(attempts), len(submissions), len(grades), len(progress)

def timed(c, path, token, runs=5):
    """Median wall seconds (first call excluded as warm-up) and the body size."""
    status, body, _ = c.call("GET", path, token=token)
    assert status == 200, (path, status, body[:200])
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        status, body, _ = c.call("GET", path, token=token)
        walls.append(time.perf_counter() - start)
        assert status == 200
    return statistics.median(walls), len(body)

def section_teaching(work, bin_path):
    binary, lms = bin_path("lms-server"), bin_path("lms-offline")
    root = os.path.join(work, "teaching")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    env = dict(os.environ, LMS_PASSWORD_ITERATIONS="1000")
    data, folder, pkg = os.path.join(root, "data"), os.path.join(root, "course"), os.path.join(root, "course.zip")
    make_course(folder)
    subprocess.run([lms, "pack", folder, "-o", pkg], check=True, stdout=subprocess.DEVNULL)
    proc, port = start_server(binary, data, env)
    try:
        c = Client(port)
        admin = c.json("POST", "/api/v1/auth/login", {"username": "admin", "password": "bench admin password"})[1]["token"]
        assert c.call("POST", "/api/v1/courses", open(pkg, "rb").read(), token=admin)[0] == 201
        items = c.json("GET", f"/api/v1/courses/{COURSE}/gradebook", token=admin)[1]["items"]
        admin_id = c.json("GET", "/api/v1/me", token=admin)[1]["user"]["id"]
    finally:
        proc.terminate(); proc.wait()
    assert len(items) == QUIZZES + ASSIGNMENTS, len(items)
    counts = seed(os.path.join(data, "lms.sqlite"), items, admin_id, random.Random(6))
    proc = subprocess.Popen([binary, "serve", "--data", data, "--port", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    port = int(proc.stdout.readline().decode().split("127.0.0.1:")[1].split()[0])
    try:
        c = Client(port)
        admin = c.json("POST", "/api/v1/auth/login", {"username": "admin", "password": "bench admin password"})[1]["token"]
        base = f"/api/v1/courses/{COURSE}"
        print(f"\n### Teaching (1,000 students × 50 graded items; {counts[0]:,} attempts, {counts[1]:,} submissions, "
              f"{counts[2]:,} grades, {counts[3]:,} progress rows; loopback, keep-alive, median of 5 after a warm-up)\n")
        print("| request | wall | body | target |")
        print("|---|---|---|---|")
        for label, path, target in [("gradebook (JSON)", "/gradebook", "< 1 s"), ("course report (JSON)", "/reports/course", "< 1 s"),
                                    ("gradebook CSV export", "/gradebook?format=csv", "< 2 s"),
                                    ("course report CSV export", "/reports/course?format=csv", "< 2 s"),
                                    ("one student's report", "/reports/students/student0500", ""),
                                    ("grading queue", "/grading/queue", "")]:
            wall, size = timed(c, base + path, admin)
            print(f"| {label} | {wall * 1000:.0f} ms | {size / 1024:.0f} KB | {target} |", flush=True)
    finally:
        proc.terminate(); proc.wait()
