"""Issue 13's adversarial review, re-runnable: each of the 15 attacks that once worked, then many
callers, hostile bodies on every JSON route, kill -9 during push/publish/backup, and a full disk.
Every server it starts binds 127.0.0.1 on a free port in a temp folder and is stopped by its PID.
The full-disk section mounts a 64 MiB tmpfs (needs root; says so when mount is refused).

Usage: python3 scripts/bench/hostile_review.py BIN_DIR [SECTION ...]
  BIN_DIR holds lms-server and lms-offline (release builds: .build/release).
  Sections: items (the 15 items), packages (hostile packages), crowd (many callers), bodies (hostile JSON bodies), kills,
  disk, all (the default). Prints one line per check: HELD or NOT HELD, with its figures."""
import gzip, hashlib, http.client, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lmsframe

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/release"
SERVER, OFFLINE = os.path.join(BIN, "lms-server"), os.path.join(BIN, "lms-offline")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADMIN_PASSWORD = "review admin password"
RESULTS = []


def report(name, held, figures):
    RESULTS.append((name, held, figures))
    print(f"{'HELD' if held else 'NOT HELD'}: {name}: {figures}", flush=True)


class Server:
    """One lms-server in its own data folder; stderr (the request log) goes to a file."""
    def __init__(self, data=None, iterations=None, args=()):
        self.data = data or tempfile.mkdtemp(prefix="lms-review-")
        self.log = self.data.rstrip("/") + ".log"
        self.env = dict(os.environ)
        if iterations: self.env["LMS_PASSWORD_ITERATIONS"] = str(iterations)
        self.args = list(args)
        if not os.path.exists(os.path.join(self.data, "lms.sqlite")):
            subprocess.run([SERVER, "init", "--data", self.data, "--admin-password-stdin"],
                           input=(ADMIN_PASSWORD + "\n").encode(), env=self.env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.start()

    def start(self):
        self.logfile = open(self.log, "ab")
        self.proc = subprocess.Popen([SERVER, "serve", "--data", self.data, "--port", "0"] + self.args, env=self.env,
                                     stdout=subprocess.PIPE, stderr=self.logfile)
        line = self.proc.stdout.readline().decode()
        self.port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))

    def alive(self):
        return self.proc.poll() is None

    def mem(self):
        """(VmRSS, VmHWM) in MB."""
        out = {}
        for l in open(f"/proc/{self.proc.pid}/status"):
            if l.startswith(("VmRSS:", "VmHWM:")): out[l.split(":")[0]] = int(l.split()[1]) / 1024
        return out.get("VmRSS", 0), out.get("VmHWM", 0)

    def stop(self, sig=signal.SIGTERM):
        if self.alive():
            os.kill(self.proc.pid, sig)
            self.proc.wait(timeout=60)
        self.logfile.close()

    def call(self, method, path, body=b"", headers=None, token=None, source="127.0.0.1", timeout=120):
        headers = dict(headers or {})
        if token: headers["Authorization"] = "Bearer " + token
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(source, 0))
        try:
            try:
                conn.request(method, path, body=body, headers=headers)
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused from its head before the body was sent: the answer is waiting
            r = conn.getresponse()
            data = r.read()
            return r.status, data
        except Exception as e:
            return 0, str(e).encode()
        finally:
            conn.close()

    def json(self, method, path, body=None, token=None, **kw):
        status, data = self.call(method, path, body if body is not None else b"", token=token, **kw)
        try: return status, json.loads(data) if data else None
        except ValueError: return status, data

    def login(self, username, password, **kw):
        status, body = self.json("POST", "/api/v1/auth/login", {"username": username, "password": password}, **kw)
        return body["token"] if status == 200 else None

    def push(self, token, frame_value, gz=True, **kw):
        frame = lmsframe.encode(frame_value)
        headers = {"Content-Type": "application/x-lms-frame"}
        if gz:
            frame = gzip.compress(frame, 6)
            headers["Content-Encoding"] = "gzip"
        status, data = self.call("POST", "/api/v1/sync/push", frame, headers, token, **kw)
        try: return status, json.loads(data)
        except ValueError: return status, data

    def pull_all(self, token):
        cursor, changes = "", []
        while True:
            status, data = self.call("GET", f"/api/v1/sync/pull?cursor={cursor}", token=token)
            if status != 200: return changes
            page = lmsframe.decode(data if not data[:2] == b"\x1f\x8b" else gzip.decompress(data))
            changes += page["changes"]
            cursor = page["cursor"]
            if not page["more"]: return changes

    def sql(self, query):
        out = subprocess.run(["sqlite3", os.path.join(self.data, "lms.sqlite"), query], capture_output=True, text=True)
        return out.stdout.strip()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data, ignore_errors=True)
        try: os.unlink(self.log)
        except OSError: pass


def now_ms():
    return int(time.time() * 1000)


def pack(folder, out, edit=None):
    """Packs a copy of a sample course, optionally changed by edit(path)."""
    work = tempfile.mkdtemp(prefix="lms-review-course-")
    shutil.copytree(folder, os.path.join(work, "c"))
    try:
        if edit: edit(os.path.join(work, "c"))
        subprocess.run([OFFLINE, "pack", os.path.join(work, "c"), "-o", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(work)
    return out


def publish(s, token, package):
    return s.json("POST", "/api/v1/courses", open(package, "rb").read(), token)


class World:
    """A server with two teachers, two courses (A: intro-programming, started; B: small-course), students."""
    def __init__(self, iterations=None, args=()):
        self.s = Server(iterations=iterations, args=args)
        s = self.s
        self.admin = s.login("admin", ADMIN_PASSWORD)
        self.passwords = {}
        for name, role in [("teacher-a", "teacher"), ("teacher-b", "teacher"), ("stu1", "student"), ("stu2", "student"),
                           ("loner", "student"), ("stu3", "student")]:
            self.passwords[name] = f"{name} password!"
            st, _ = s.json("POST", "/api/v1/admin/users", {"username": name, "displayName": name, "role": role,
                                                            "password": self.passwords[name]}, self.admin)
            assert st == 201, st
        self.tok = {n: s.login(n, p) for n, p in self.passwords.items()}
        self.pkg_dir = tempfile.mkdtemp(prefix="lms-review-pkg-")
        def started(c):  # the course has started, so exams and deadlines apply now
            j = json.load(open(os.path.join(c, "course.json")))
            j["startDate"] = "2026-01-05"; j["endDate"] = "2027-12-20"
            json.dump(j, open(os.path.join(c, "course.json"), "w"))
        self.pkg_a = pack(os.path.join(ROOT, "samples", "rich-course"), os.path.join(self.pkg_dir, "a.zip"), started)
        self.pkg_b = pack(os.path.join(ROOT, "samples", "small-course"), os.path.join(self.pkg_dir, "b.zip"))
        assert publish(s, self.tok["teacher-a"], self.pkg_a)[0] == 201
        assert publish(s, self.tok["teacher-b"], self.pkg_b)[0] == 201
        for stu in ("stu1", "stu2", "stu3"):
            st, _ = s.json("POST", "/api/v1/courses/intro-programming/enrollments", {"username": stu}, self.tok["teacher-a"])
            assert st in (200, 201), st
        self.seq = {}

    def entries(self, user, device, items):
        """Entries with consecutive seq numbers on (user, device)."""
        out = []
        for kind, entity, payload in items:
            n = self.seq.get((user, device), 0) + 1
            self.seq[(user, device)] = n
            out.append({"seq": n, "prev": n - 1, "kind": kind, "entity": entity, "at": now_ms(), "payload": payload})
        return out

    def push(self, user, device, items, clock=None, **kw):
        return self.s.push(self.tok[user], {"device": "review-" + device, "clock": clock if clock is not None else now_ms(),
                                            "cursor": "", "entries": self.entries(user, device, items)}, **kw)

    def cleanup(self):
        self.s.cleanup()
        shutil.rmtree(self.pkg_dir, ignore_errors=True)


def raw(port, request, source="127.0.0.1", timeout=10, read=4096):
    """Sends raw bytes, returns the first bytes of the answer (or the error)."""
    s = socket.socket()
    s.bind((source, 0))
    s.settimeout(timeout)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(request)
        data = b""
        while len(data) < read:
            chunk = s.recv(read)
            if not chunk: break
            data += chunk
            if b"\r\n\r\n" in data: break
        return data
    except Exception as e:
        return str(e).encode()
    finally:
        s.close()


def status_of(answer):
    m = re.match(rb"HTTP/1\.1 (\d+)", answer)
    return int(m.group(1)) if m else answer[:40]


def attempt_payload(started, submitted, quiz="practice/exam", course="intro-programming", version="1.2.0"):
    return {"quiz": quiz, "course": course, "courseVersion": version, "startedAt": started, "submittedAt": submitted,
            "questionOrder": ["e1", "e2", "e3", "e4"],
            "responses": {"e1": {"choice": 0}, "e2": {"number": 5}, "e3": {"matches": {"a": "1", "b": "2", "c": "3"}},
                          "e4": {"essay": "A washing machine repeats its cycle."}}}


def progress_payload(**extra):
    p = {"course": "intro-programming", "lesson": "foundations/welcome", "completed": True}
    p.update(extra)
    return p


# ---------------------------------------------------------------- the 15 items of issue 13

def section_items():
    w = World()
    s = w.s
    try:
        item3(w); item1(w); item2(w); objects(w); item15(w); item6(w); item13(w); item14(w); item8(w); item9(w)
        item7(w); item5(w); item10(w); item5_gc(w); item11(w)
        secrets(w)
    finally:
        w.cleanup()


def item1(w):
    s = w.s
    st, body = w.push("stu1", "i1-dev", [], clock=-2**63)
    report("1. push with clock -2^63", st == 400 and s.alive(), f"answer {st} {str(body)[:90]}; server alive {s.alive()}")
    results = []
    for v in (1e300, -1e300, 2**63 - 1, -2**63):
        st, body = w.push("stu1", "i1-dev", [("progress", "x", progress_payload(lastOpenedAt=v))])
        results.append((v, st, body.get("rejected") if isinstance(body, dict) else body))
    report("1. progress lastOpenedAt ±1e300, ±2^63", all(r[1] == 200 for r in results) and s.alive(),
           "; ".join(f"{r[0]:.3g}: {r[1]} rejected={r[2]}" for r in results) + f"; alive {s.alive()}")
    attempt = s.sql("SELECT id FROM attempts LIMIT 1")
    grade = {"course": "intro-programming", "attempt": attempt, "courseVersion": "1.2.0", "scores": {"e4": 2},
             "feedback": "ok", "gradedAt": -9.9e14}
    st1, b1 = w.push("teacher-a", "i1-teacher", [("grade", f"attempt/{attempt}/{uuid.uuid4()}", grade)],
                     clock=2**63 - 1024)
    w.seq[("teacher-a", "i1-teacher")] = 0  # that push was refused whole: start the stream again
    st2, b2 = w.push("teacher-a", "i1-teacher", [("grade", f"attempt/{attempt}/{uuid.uuid4()}", grade)])
    report("1. teacher's grade, clock 2^63-1024 and gradedAt -9.9e14", st1 == 400 and st2 == 200 and s.alive(),
           f"clock 2^63-1024: {st1} {str(b1)[:80]}; with a sane clock: {st2} rejected={b2.get('rejected')}; "
           f"gradedAt stored {s.sql('SELECT graded_at FROM grades ORDER BY rowid DESC LIMIT 1') or '(attempt grades table)'}")
    # More boundary numbers anywhere a number is read.
    odd = []
    for label, items, clock in [
            ("seq 2^63", None, None), ("clock 1e308", [], 1e308), ("clock -0.5", [], -0.5),
            ("secondsByDevice 1e300", [("progress", "x", progress_payload(secondsByDevice={"d": 1e300}))], None),
            ("secondsByDevice -2^63", [("progress", "x", progress_payload(secondsByDevice={"d": -2**63}))], None),
            ("startedAt 2^63-1", [("attempt", str(uuid.uuid4()), attempt_payload(2**63 - 1, -2**63, quiz="foundations/check"))], None)]:
        if items is None:
            frame = {"device": "review-i1-odd", "clock": now_ms(), "cursor": "", "entries": [
                {"seq": 2**63 - 1, "prev": 2**63 - 2, "kind": "progress", "entity": "x", "at": -2**63, "payload": progress_payload()}]}
            st, body = s.push(w.tok["stu1"], frame)
        else:
            st, body = w.push("stu1", "i1-odd2", items, clock=clock)
            if st != 200 and items: w.seq[("stu1", "i1-odd2")] -= len(items)
        odd.append(f"{label}: {st}" + (f" rej={body.get('rejected')}" if isinstance(body, dict) and body.get("rejected") else ""))
    report("1. more boundary numbers (seq, clock, seconds, times)", s.alive(), "; ".join(odd))


def item2(w):
    s = w.s
    before = s.json("POST", "/api/v1/users/stu1/reset-code", None, w.tok["teacher-b"])[0]
    enrolled = s.json("POST", "/api/v1/courses/small-course/enrollments", {"username": "stu1"}, w.tok["teacher-b"])[0]
    after, body = s.json("POST", "/api/v1/users/stu1/reset-code", None, w.tok["teacher-b"])
    # Also: enroll, remove from A, then ask (a past enrollment in A still counts).
    s.json("POST", "/api/v1/courses/small-course/enrollments", {"username": "stu3"}, w.tok["teacher-b"])
    s.call("DELETE", "/api/v1/courses/intro-programming/enrollments/stu3", token=w.tok["teacher-a"])
    removed = s.json("POST", "/api/v1/users/stu3/reset-code", None, w.tok["teacher-b"])[0]
    s.json("POST", "/api/v1/courses/intro-programming/enrollments", {"username": "stu3"}, w.tok["teacher-a"])
    own, code = s.json("POST", "/api/v1/users/stu2/reset-code", None, w.tok["teacher-a"])
    w.reset_codes = [code.get("code")] if isinstance(code, dict) and code.get("code") else []
    report("2. teacher of B enrolls A's student, asks a reset code", before == 403 and after == 403 and removed == 403,
           f"before enrolling {before}, enrolled {enrolled}, after {after} {str(body)[:80]}; "
           f"after the student left A {removed}; A's teacher for A-only student {own}")


def item3(w):
    s = w.s
    now = now_ms()
    ids = [str(uuid.uuid4()) for _ in range(3)]
    out = []
    for i, aid in enumerate(ids):
        start = now - (3 * 3600 + 600 * (3 - i)) * 1000
        st, body = w.push("stu1", "i3-dev", [("attempt", aid, attempt_payload(start, start + 3 * 3600 * 1000))])
        out.append((st, body.get("rejected")))
    # The same attempt id again from another device: the same attempt.
    st, again = w.push("stu1", "i3-dev2", [("attempt", ids[0], attempt_payload(now - 3 * 3600 * 1000 - 1800000, now - 1800000))])
    changes = s.pull_all(w.tok["stu1"])
    results = [c["payload"] for c in changes if c["kind"] == "attemptResult"]
    withheld = all("questions" not in r and r.get("review") == "withheld" for r in results)
    late = [r.get("late") for r in results]
    stored = s.sql(f"SELECT count(*) FROM attempts WHERE quiz_id='practice/exam'")
    gb = s.json("GET", "/api/v1/courses/intro-programming/gradebook", None, w.tok["teacher-a"])[1]
    stu1 = [x for x in gb["students"] if x["username"] == "stu1"][0]["scores"].get("practice/exam") if isinstance(gb, dict) else gb
    held = (out[0][1] in (None, []) and out[1][1] and out[2][1] and stored == "1" and late == [True] and withheld)
    report("3. three 3-hour attempts at a 1-attempt 20-minute exam", held,
           f"pushes {[(o[0], (o[1] or [{}])[0].get('reason', 'accepted')[:70]) for o in out]}; same id again: "
           f"rejected={again.get('rejected')}; attempts stored {stored}; results {len(results)} late={late} "
           f"lateReason={[r.get('lateReason') for r in results]}; per-question credit withheld: {withheld}; gradebook {stu1}")
    # The teacher releases the review: the result comes back in full.
    rel = s.json("POST", "/api/v1/courses/intro-programming/reviews", {"quiz": "practice/exam"}, w.tok["teacher-a"])
    full = [c["payload"] for c in s.pull_all(w.tok["stu1"]) if c["kind"] == "attemptResult"]
    report("3. review released by the teacher", rel[0] == 200 and any("questions" in r for r in full),
           f"POST reviews {rel[0]} {rel[1]}; results with questions after: {sum('questions' in r for r in full)}")


def objects(w):
    """What held in the first review and must keep holding: object-level checks on pushes."""
    s = w.s
    rej = lambda b: ((b.get("rejected") or [{}])[0].get("reason", "ACCEPTED")[:55]) if isinstance(b, dict) else str(b)[:55]
    out, bad = [], []
    theirs = s.sql("SELECT id FROM attempts LIMIT 1")
    def rev(ms, node="review-objects"): return f"{ms:013d}-000000-{node}"
    post = s.json("POST", "/api/v1/courses/intro-programming/forum", {"title": "mine", "body": "stu1's text"}, w.tok["stu1"])[1]
    cases = [
        ("an attempt under another student's id", "attempt", theirs, attempt_payload(now_ms() - 60000, now_ms(), quiz="foundations/check")),
        ("a grade from a student", "grade", f"attempt/{theirs}/{uuid.uuid4()}", {"course": "intro-programming", "attempt": theirs,
                                                                                  "courseVersion": "1.2.0", "scores": {"e4": 3}, "gradedAt": now_ms()}),
        ("an edit of another's post", "post", post["id"], {"course": "intro-programming", "title": "pwned", "body": "pwned",
                                                             "createdAt": now_ms(), "revision": rev(now_ms())}),
        ("a post from a day ahead", "post", str(uuid.uuid4()), {"course": "intro-programming", "title": "t", "body": "b",
                                                                 "createdAt": now_ms(), "revision": rev(now_ms() + 86_400_000)}),
        ("an announcement from a student", "announcement", str(uuid.uuid4()), {"course": "intro-programming", "title": "t", "body": "b",
                                                                                "createdAt": now_ms()}),
        ("an attemptResult (server-owned)", "attemptResult", theirs, {"course": "intro-programming", "quiz": "practice/exam",
                                                                       "points": 100, "maxPoints": 1}),
        ("work in a course not enrolled in", "progress", "x", {"course": "small-course", "lesson": "basics/hello"}),
    ]
    for label, kind, entity, payload in cases:
        st, body = w.push("stu2", "objects", [(kind, entity, payload)])
        out.append(f"{label}: {st} {rej(body)}")
        if rej(body) == "ACCEPTED": bad.append(label)
    # A practice attempt's own score is not believed: the server grades it.
    aid = str(uuid.uuid4())
    w.push("stu2", "objects", [("attempt", aid, {**attempt_payload(now_ms() - 60000, now_ms(), quiz="foundations/check"),
                                                 "responses": {}, "result": {"points": 1e9, "maxPoints": 1}})])
    res = [c["payload"] for c in s.pull_all(w.tok["stu2"]) if c["kind"] == "attemptResult" and c["entity"] == aid]
    out.append(f"a practice attempt claiming 1e9 points: scored {[(r.get('points'), r.get('maxPoints')) for r in res]}")
    if not res or res[0].get("points", 0) > res[0].get("maxPoints", 0): bad.append("forged score")
    # A gap, and a duplicate frame.
    gap = s.push(w.tok["stu2"], {"device": "review-gap-dev", "clock": now_ms(), "cursor": "", "entries": [
        {"seq": 5, "prev": 4, "kind": "progress", "entity": "x", "at": now_ms(), "payload": progress_payload()}]})
    frame = {"device": "review-dup-dev", "clock": now_ms(), "cursor": "", "entries": [
        {"seq": 1, "prev": 0, "kind": "progress", "entity": "x", "at": now_ms(), "payload": progress_payload(secondsByDevice={"review-dup-dev": 7})}]}
    n0 = s.sql("SELECT count(*) FROM changes")
    a, b = s.push(w.tok["stu1"], frame), s.push(w.tok["stu1"], frame)
    n2 = s.sql("SELECT count(*) FROM changes")
    out.append(f"a gap: acked {gap[1].get('acked')} resumeFrom {gap[1].get('resumeFrom')}; the same frame twice: acked "
               f"{a[1].get('acked')}/{b[1].get('acked')}, changes +{int(n2) - int(n0)}")
    if gap[1].get("acked") != 0 or int(n2) - int(n0) > 1: bad.append("gap or duplicate")
    report("object-level checks on pushes", not bad, " | ".join(out) + (f"; NOT HELD: {bad}" if bad else ""))


def item15(w):
    s = w.s
    cases = [
        ("responses as a list", "attempt", {**attempt_payload(now_ms() - 60000, now_ms(), quiz="foundations/check"), "responses": [0, 1]}),
        ("untagged responses", "attempt", {**attempt_payload(now_ms() - 60000, now_ms(), quiz="foundations/check"), "responses": {"q1": 1}}),
        ("submission version as text", "submission", {"course": "intro-programming", "assignment": "practice/reflection",
                                                      "version": "2", "text": "t", "submittedAt": now_ms()}),
        ("submission without version", "submission", {"course": "intro-programming", "assignment": "practice/reflection",
                                                      "text": "t", "submittedAt": now_ms()}),
        ("submittedAt as text", "submission", {"course": "intro-programming", "assignment": "practice/reflection", "version": 1,
                                               "text": "t", "submittedAt": "2026-12-06T10:00:00Z"}),
        ("practice result \"garbage\"", "attempt", {**attempt_payload(now_ms() - 60000, now_ms(), quiz="foundations/check"),
                                                   "responses": {}, "result": "garbage"}),
        ("version 2^63", "submission", {"course": "intro-programming", "assignment": "practice/reflection",
                                        "version": 2**63 - 1, "text": "t", "submittedAt": now_ms()}),
        ("course as a number", "progress", {"course": 7, "lesson": "foundations/welcome"}),
        ("name of 10,000 bytes", "progress", {"course": "intro-programming", "lesson": "x" * 10000}),
    ]
    out, rejected = [], 0
    for label, kind, payload in cases:
        st, body = w.push("stu2", "i15-dev", [(kind, str(uuid.uuid4()) if kind != "progress" else "x", payload)])
        rej = (body.get("rejected") or [{}])[0].get("reason") if isinstance(body, dict) else None
        rejected += bool(rej)
        out.append(f"{label}: {st} {('rejected: ' + rej[:60]) if rej else 'ACCEPTED'}")
    report("15. malformed entry payloads", rejected == len(cases), " | ".join(out))
    # Rejections sync back to the student.
    back = [c for c in s.pull_all(w.tok["stu2"]) if c["kind"] == "rejection"]
    report("15. rejections sync back as `rejection` changes", len(back) >= rejected, f"{len(back)} rejection changes pulled")


def item6(w):
    s = w.s
    big = {f"dev-{i}": 1 for i in range(600_000)}
    st1, b1 = w.push("stu2", "i6-dev", [("progress", "x", progress_payload(secondsByDevice=big))])
    if st1 != 200: w.seq[("stu2", "i6-dev")] -= 1
    mid = {f"dev-{i}": 1 for i in range(30_000)}
    st2, b2 = w.push("stu2", "i6-dev", [("progress", "x", progress_payload(secondsByDevice=mid))])
    keys65 = {f"dev-{i}": 1 for i in range(65)}
    st3, b3 = w.push("stu2", "i6-dev", [("progress", "x", progress_payload(secondsByDevice=keys65))])
    # Merged past 64: 40 devices twice.
    st4, b4 = w.push("stu2", "i6-dev", [("progress", "x", progress_payload(secondsByDevice={f"a-{i}": 1 for i in range(40)}))])
    st5, b5 = w.push("stu2", "i6-dev", [("progress", "x", progress_payload(secondsByDevice={f"b-{i}": 1 for i in range(40)}))])
    rej = lambda b: ((b.get("rejected") or [{}])[0].get("reason", "accepted")[:60]) if isinstance(b, dict) else str(b)[:60]
    t0 = time.time()
    teacher = s.pull_all(w.tok["teacher-a"])
    other = s.pull_all(w.tok["stu2"])
    ok = st1 == 400 and rej(b2) != "accepted" and rej(b3) != "accepted" and rej(b4) == "accepted" and rej(b5) != "accepted"
    report("6. secondsByDevice poison pill", ok and len(teacher) > 0,
           f"600k keys: {st1} {str(b1)[:60]}; 30k keys: {st2} {rej(b2)}; 65 keys: {st3} {rej(b3)}; 40 then 40 more: "
           f"{rej(b4)} / {rej(b5)}; teacher's full pull: {len(teacher)} changes in {time.time() - t0:.2f} s; "
           f"student's other device: {len(other)} changes")


def item13(w):
    s = w.s
    st, body = s.json("POST", "/api/v1/courses", b"PK\x03\x04 this is not a zip file at all" * 100, w.tok["teacher-a"])
    bad = os.path.join(w.pkg_dir, "bad.zip")
    def breaking(c):
        open(os.path.join(c, "course.json"), "w").write('{"id": "bad course!", "version": "x"}')
    try:
        pack(os.path.join(ROOT, "samples", "small-course"), bad, breaking)
        st2, body2 = s.json("POST", "/api/v1/courses", open(bad, "rb").read(), w.tok["teacher-a"])
    except subprocess.CalledProcessError:  # pack refuses it: build the zip by hand
        import zipfile
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("manifest.json", '{"format": 1}'); z.writestr("course.json", '{"id": "../../etc"}')
        st2, body2 = s.json("POST", "/api/v1/courses", open(bad, "rb").read(), w.tok["teacher-a"])
    text = json.dumps(body) + json.dumps(body2)
    leaks = [p for p in ("/tmp", s.data, "/work", "/root") if p in text]
    report("13. a bad package's error names no server path", not leaks and st in (400, 422) and st2 in (400, 422),
           f"garbage: {st} {str(body)[:100]}; bad course: {st2} {str(body2)[:100]}; paths in the answers: {leaks}")
    a = s.call("GET", "/api/v1/messages?with=teacher-a", token=w.tok["stu2"])
    b = s.call("GET", "/api/v1/messages?with=no-such-user-xyz", token=w.tok["stu2"])
    c = s.json("POST", "/api/v1/courses/intro-programming/messages", {"to": "no-such-user-xyz", "body": "hi"}, w.tok["stu2"])
    d = s.json("POST", "/api/v1/courses/intro-programming/messages", {"to": "stu1", "body": "hi"}, w.tok["stu2"])
    report("13. usernames cannot be listed through messages", a[0] == b[0] == 200 and c[0] == d[0] and a[1] == b[1],
           f"with=existing {a[0]} {a[1][:40]!r}, with=unknown {b[0]} {b[1][:40]!r}; POST to unknown {c[0]} "
           f"{str(c[1])[:60]}, to another student {d[0]} {str(d[1])[:60]}")


def item14(w):
    s, p = w.s, w.s.port
    stale = "Authorization: Bearer lms_stale0000000000000000000000000000000\r\n"
    cases = [
        ("absolute-form GET", b"GET http://127.0.0.1/healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 200),
        ("OPTIONS *", b"OPTIONS * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 204),
        ("HTTP/1.2", b"GET /healthz HTTP/1.2\r\nHost: a\r\nConnection: close\r\n\r\n", 200),
        ("HTTP/2.0 in an HTTP/1 head", b"GET /healthz HTTP/2.0\r\nHost: a\r\nConnection: close\r\n\r\n", 505),
        ("stale token on /healthz", f"GET /healthz HTTP/1.1\r\nHost: a\r\n{stale}Connection: close\r\n\r\n".encode(), 200),
        ("stale token on /metrics", f"GET /metrics HTTP/1.1\r\nHost: a\r\n{stale}Connection: close\r\n\r\n".encode(), 200),
        ("stale token on a certificate check", f"GET /api/v1/certificates/AAAAA-BBBBB-CCCCC-DDDDD HTTP/1.1\r\nHost: a\r\n{stale}Connection: close\r\n\r\n".encode(), 404),
        ("stale token on login", (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\n{stale}Content-Length: 45\r\nConnection: close\r\n\r\n"
                                  '{"username": "admin", "password": "wrong!!"}\n').encode(), 401),
        ("CL + TE smuggling", b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("two Content-Lengths", b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("obs-fold header", b"GET /healthz HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", 400),
        ("space before colon", b"GET /healthz HTTP/1.1\r\nHost : a\r\n\r\n", 400),
        ("no Host", b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
        ("64 KiB header", b"GET /healthz HTTP/1.1\r\nHost: a\r\nX: " + b"a" * 65536 + b"\r\n\r\n", 431),
        ("NUL in target", b"GET /heal\x00thz HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("bare LF lines", b"GET /healthz HTTP/1.1\nHost: a\nConnection: close\n\n", None),
        ("chunk size overflow", b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 400),
        ("gzip bomb login", b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\n0123456789", None),
    ]
    out, bad = [], []
    for label, req, want in cases:
        got = status_of(raw(p, req))
        out.append(f"{label}: {got}")
        if want is not None and got != want: bad.append(label)
        if isinstance(got, int) and got >= 500 and got not in (503, 505): bad.append(label)
    report("14. HTTP per the RFCs (raw requests)", not bad and s.alive(), "; ".join(out) + (f"; UNEXPECTED: {bad}" if bad else ""))


def item8(w):
    s = w.s
    first_429 = None
    n = 0
    for rnd in range(4):
        for i in range(45):
            n += 1
            st, _ = s.json("POST", "/api/v1/auth/login", {"username": f"guess-{rnd}-{i}", "password": "wrong password"},
                           source="127.0.0.3")
            if st == 429 and first_429 is None: first_429 = n
        ok = s.json("POST", "/api/v1/auth/login", {"username": "stu3", "password": w.passwords["stu3"]}, source="127.0.0.3")[0]
    elsewhere = s.json("POST", "/api/v1/auth/login", {"username": "stu3", "password": w.passwords["stu3"]}, source="127.0.0.9")[0]
    report("8. guesses between logins to one's own account", first_429 is not None and first_429 <= 51,
           f"first 429 at failure {first_429} of 180; own login after the last round: {ok}; "
           f"the same account from another address: {elsewhere}")


def item9(w):
    s = w.s
    def victim():
        t = time.time()
        st = s.json("POST", "/api/v1/auth/login", {"username": "teacher-b", "password": w.passwords["teacher-b"]}, source="127.0.0.5")[0]
        return st, time.time() - t
    base = [victim() for _ in range(3)]
    statuses, stop = [], threading.Event()
    def worker():
        while not stop.is_set() and len(statuses) < 400:
            statuses.append(s.json("PUT", "/api/v1/me/password", {"oldPassword": "not my password", "newPassword": "a new password!"},
                                   w.tok["stu2"], source="127.0.0.4")[0])
    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads: t.start()
    time.sleep(0.5)
    during = [victim() for _ in range(3)]
    time.sleep(2)
    stop.set()
    for t in threads: t.join()
    counts = {k: statuses.count(k) for k in sorted(set(statuses))}
    report("9. 8 workers change a password with a wrong old one", counts.get(403, 0) <= 6 and 429 in counts,
           f"{len(statuses)} requests: {counts}; another user's login {sum(b[1] for b in base) / 3:.2f} s before, "
           f"{sum(d[1] for d in during) / 3:.2f} s during ({[d[0] for d in during]})")
    st = [s.json("POST", "/api/v1/auth/login", {"username": "teacher-b", "password": w.passwords["teacher-b"]},
                 source="127.0.0.6")[0] for _ in range(25)]
    uid = s.sql("SELECT id FROM users WHERE username='teacher-b'")
    rows = s.sql(f"SELECT count(*) FROM tokens WHERE user_id='{uid}'")
    live = s.sql(f"SELECT count(*) FROM tokens WHERE user_id='{uid}' AND revoked_at IS NULL") if "revoked" in s.sql("PRAGMA table_info(tokens)") else rows
    report("9. 25 more logins of one user: sessions bounded", int(live or 0) <= 20,
           f"statuses {sorted(set(st))}; token rows {rows}, live {live} (limit 20)")
    w.tok["teacher-b"] = s.login("teacher-b", w.passwords["teacher-b"], source="127.0.0.6")


def item7(w):
    s, p = w.s, w.s.port
    held = []
    t = time.time()
    refused = 0
    for _ in range(4000):
        c = socket.create_connection(("127.0.0.1", p))
        c.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n")
        held.append(c)
    time.sleep(0.5)
    t = time.time()
    got = status_of(raw(p, b"GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", source="127.0.0.2", timeout=30))
    took = time.time() - t
    t = time.time()
    login = s.json("POST", "/api/v1/auth/login", {"username": "stu1", "password": w.passwords["stu1"]}, source="127.0.0.2")[0]
    login_took = time.time() - t
    for c in held:
        c.setblocking(False)
        try:
            if c.recv(64).startswith(b"HTTP/1.1 503"): refused += 1
        except (BlockingIOError, OSError): pass
    rss = s.mem()
    for c in held: c.close()
    report("7. 4,000 head-only connections from one address", got == 200 and login == 200,
           f"/healthz from 127.0.0.2: {got} in {took:.2f} s; a login: {login} in {login_took:.2f} s; "
           f"{refused} of 4,000 answered 503 at once; server RSS {rss[0]:.0f} MB")
    # A 1 MiB anonymous body is refused from its head; a 4 KiB one trickled is cut off.
    big = status_of(raw(p, b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 1048576\r\n\r\n", source="127.0.0.7"))
    chunk = b"%x\r\n" % 65536 + b"0" * 65536 + b"\r\n"
    chunked = status_of(raw(p, b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk * 16
                            + b"0\r\n\r\n", source="127.0.0.7"))
    c = socket.socket(); c.bind(("127.0.0.7", 0)); c.connect(("127.0.0.1", p))
    c.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 4000\r\n\r\n")
    t = time.time(); cut = None
    c.settimeout(0.5)
    while time.time() - t < 120:
        try:
            c.sendall(b"x" * 5)
            data = c.recv(100)
            if data or data == b"": cut = time.time() - t; ans = data[:12]; break
        except socket.timeout: continue
        except OSError as e: cut = time.time() - t; ans = str(e); break
    c.close()
    report("7. anonymous login body trickled at 10 B/s", cut is not None and cut < 30,
           f"1 MiB login head: {big}; 1 MiB chunked login body: {chunked}; 4,000-byte body at 10 B/s cut after {cut and round(cut, 1)} s ({ans!r})")


def item5(w):
    s = w.s
    tok = w.tok["loner"]
    size = 64 * 1024 * 1024
    statuses = []
    t = time.time()
    for i in range(8):
        data = os.urandom(size)
        h = hashlib.sha256(data).hexdigest() if i % 2 == 0 else "0" * 63 + str(i)
        statuses.append(s.call("PUT", f"/api/v1/sync/blobs/{h}", data, {"Content-Type": "application/octet-stream"}, tok)[0])
    took = time.time() - t
    disk = int(subprocess.run(["du", "-sm", os.path.join(s.data, "blobs")], capture_output=True, text=True).stdout.split()[0])
    tmp = os.listdir(os.path.join(s.data, "blobs", "tmp")) if os.path.isdir(os.path.join(s.data, "blobs", "tmp")) else []
    report("5. 8 × 64 MiB uploads, 4 with a wrong hash", statuses.count(422) == 4 and disk < 4 * 64 + 40 and not tmp,
           f"statuses {statuses} in {took:.1f} s; blobs/ holds {disk} MiB (4 × 64 = 256 kept + packages); blobs/tmp {len(tmp)} files")
    # The quota: 1 GiB per user; 9 more distinct 64 MiB files reach past it.
    more = []
    for i in range(13):
        data = os.urandom(size)
        st, body = s.call("PUT", f"/api/v1/sync/blobs/{hashlib.sha256(data).hexdigest()}", data, {}, tok)
        more.append(st)
        if st == 507: msg = body[:160]; break
    else: msg = b""
    disk2 = int(subprocess.run(["du", "-sm", os.path.join(s.data, "blobs")], capture_output=True, text=True).stdout.split()[0])
    report("5. per-user upload quota (1 GiB)", 507 in more, f"further uploads {more}: {msg!r}; blobs/ {disk2} MiB")
    w.blobs_mb = disk2


def item5_gc(w):
    s = w.s
    ref = s.sql("SELECT count(*), sum(size) FROM uploads")
    # Eight days later (the upload times moved back), `gc` while the server runs removes what no submission names.
    s.sql(f"UPDATE uploads SET uploaded_at = uploaded_at - {8 * 86_400_000}")
    g = subprocess.run([SERVER, "gc", "--data", s.data], capture_output=True, text=True)
    left = s.sql("SELECT count(*) FROM uploads")
    disk3 = int(subprocess.run(["du", "-sm", os.path.join(s.data, "blobs")], capture_output=True, text=True).stdout.split()[0])
    report("5. unreferenced uploads collected after the grace (7 days) by `gc`", g.returncode == 0 and left == "0" and disk3 < 50,
           f"uploads rows (count|bytes) {ref}; gc exit {g.returncode}: {g.stdout.strip()[:100]!r}; rows after {left}; "
           f"blobs/ {w.blobs_mb} → {disk3} MiB; server alive {s.alive()}")


def item10(w):
    s = w.s
    modes = {}
    for name in ("", "lms.sqlite", "lms.sqlite-wal", "lms.sqlite-shm", "blobs"):
        path = os.path.join(s.data, name)
        if os.path.exists(path): modes[name or "data/"] = oct(os.stat(path).st_mode & 0o777)
    bdir = tempfile.mkdtemp(prefix="lms-review-backups-")
    os.chmod(bdir, 0o755)
    r = subprocess.run([SERVER, "backup", "--data", s.data, "--to", os.path.join(bdir, "b1.zip")], capture_output=True, text=True)
    modes["backup"] = oct(os.stat(os.path.join(bdir, "b1.zip")).st_mode & 0o777) if r.returncode == 0 else r.stderr[:80]
    ok = all(v in ("0o600", "0o700") for v in modes.values())
    report("10. file modes of the database, its WAL and backups", ok, f"{modes}")
    # kill -9 during a backup (it copies the 0.5 GiB of uploads above), then the next backup.
    leftovers = []
    for delay in (0.3, 1.0, 2.5):
        p = subprocess.Popen([SERVER, "backup", "--data", s.data, "--to", os.path.join(bdir, "b2.zip")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(p.pid, signal.SIGKILL); p.wait()
        leftovers.append(sorted(set(os.listdir(bdir)) - {"b1.zip"}))
    r = subprocess.run([SERVER, "backup", "--data", s.data, "--to", os.path.join(bdir, "b3.zip")], capture_output=True, text=True)
    after = sorted(os.listdir(bdir))
    t = time.time()
    p = subprocess.Popen([SERVER, "backup", "--data", s.data, "--to", os.path.join(bdir, "b4.zip")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5); os.kill(p.pid, signal.SIGTERM); p.wait()
    term = sorted(set(os.listdir(bdir)) - set(after))
    report("10. kill -9 during backup, then the next backup", after == ["b1.zip", "b3.zip"] and r.returncode == 0 and not term,
           f"left by kills at 0.3/1.0/2.5 s: {leftovers}; after the next backup (exit {r.returncode}): {after}; "
           f"left by SIGTERM: {term}")
    shutil.rmtree(bdir)


def item11(w):
    s = w.s
    big = tempfile.mkdtemp(prefix="lms-review-big-")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gen_course
    gen_course.generate(os.path.join(big, "c"), 200, 120)
    j = json.load(open(os.path.join(big, "c", "course.json"))); json.dump(j, open(os.path.join(big, "c", "course.json"), "w"))
    pkg = os.path.join(big, "big.zip")
    subprocess.run([OFFLINE, "pack", os.path.join(big, "c"), "-o", pkg], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(os.path.join(big, "c"))
    body = open(pkg, "rb").read()
    tmpdir = os.path.join(s.data, "blobs", "tmp")
    seen = []
    for delay in (0.4, 1.2, 2.5):
        th = threading.Thread(target=lambda: s.call("POST", "/api/v1/courses", body, {}, w.tok["teacher-a"], timeout=60))
        th.start()
        time.sleep(delay)
        seen.append(len(os.listdir(tmpdir)) if os.path.isdir(tmpdir) else 0)
        s.stop(signal.SIGKILL); th.join()
        s.start()  # tokens live in the database: they survive the restart
    left = os.listdir(tmpdir) if os.path.isdir(tmpdir) else []
    st, res = publish(s, w.tok["teacher-a"], pkg)
    versions = s.sql("SELECT count(*) FROM versions WHERE course_id='bench-course'")
    report("11. kill -9 during publish (120 MB package), restart", not left and st == 201 and versions == "1",
           f"work files in blobs/tmp at the kills: {seen}; after restart: {len(left)}; publish again: {st}; versions {versions}")
    # The client: kill -9 of `lms-offline install` of the same package, then install again.
    home = os.path.join(big, "home")
    partials = []
    for delay in (0.3, 0.8, 1.5):
        p = subprocess.Popen([OFFLINE, "install", pkg, "--home", home], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay); os.kill(p.pid, signal.SIGKILL); p.wait()
        partials.append(subprocess.run(["find", home, "-name", "*partial*"], capture_output=True, text=True).stdout.count("\n"))
    r = subprocess.run([OFFLINE, "install", pkg, "--home", home], capture_output=True, text=True)
    after = subprocess.run(["find", home, "-name", "*partial*"], capture_output=True, text=True).stdout.strip()
    report("11. kill -9 of the client's install, then install again", r.returncode == 0 and not after,
           f".partial entries after each kill: {partials}; next install exit {r.returncode} ({r.stdout.strip()[:60]}); "
           f".partial left: {after or 'none'}")
    shutil.rmtree(big)


def secrets(w):
    s = w.s
    log = open(s.log, "rb").read().decode(errors="replace")
    found = [n for n, p in w.passwords.items() if p in log] + (["admin password"] if ADMIN_PASSWORD in log else [])
    found += [f"token of {n}" for n, t in w.tok.items() if t and t in log]
    found += ["a token prefix lms_"] if re.search(r"lms_[A-Za-z0-9_-]{20,}", log) else []
    codes = getattr(w, "reset_codes", [])
    found += [f"reset code {c}" for c in codes if c in log or c.replace("-", "") in log]
    report("secrets never in the request log", not found and codes,
           f"{len(log.splitlines())} log lines scanned for {len(w.passwords) + 1} passwords, {len(w.tok)} tokens and "
           f"{len(codes)} reset code(s); found: {found}")


# ---------------------------------------------------------------- hostile packages

def section_packages():
    import zipfile, stat
    w = World()
    s = w.s
    work = tempfile.mkdtemp(prefix="lms-review-hp-")
    try:
        good = zipfile.ZipFile(w.pkg_b)
        entries = [(i, good.read(i)) for i in good.infolist()]
        def build(name, mutate):
            path = os.path.join(work, name + ".zip")
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                mutate(z, [(i.filename, d) for i, d in entries])
            return path
        def copy_all(z, items, skip=()):
            for n, d in items:
                if n not in skip: z.writestr(n, d)
        def symlink(z, items):
            copy_all(z, items)
            info = zipfile.ZipInfo("01-basics/link.md"); info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "/etc/passwd")
        def bomb(z, items):
            copy_all(z, items)
            z.writestr("01-basics/bomb.md", b"\0" * (512 * 1024 * 1024))
        def many(z, items):
            copy_all(z, items)
            for i in range(60_000): z.writestr(f"m/{i}", b"")
        def changed_bytes(z, items):
            for n, d in items: z.writestr(n, d + b"\nchanged" if n.endswith(".md") else d)
        versions_used = []
        def with_file(name, data):
            """Replaces or adds one file and rewrites the manifest to match, so the content itself is judged."""
            data = data.encode() if isinstance(data, str) else data
            version = f"1.0.{len(versions_used) + 1}"
            versions_used.append(version)
            def mutate(z, items):
                files = {n: d for n, d in items if n != "manifest.json"}
                course = json.loads(files["course.json"]); course["version"] = version
                files["course.json"] = json.dumps(course).encode()
                files[name] = data
                manifest = json.loads(dict(items)["manifest.json"])
                manifest["course"]["version"] = version
                if name == "course.json":
                    try: manifest["course"] = {k: json.loads(data).get(k) for k in ("id", "title", "version")}
                    except (ValueError, AttributeError, RecursionError): pass
                manifest["entries"] = [{"path": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                                       for n, d in sorted(files.items())]
                z.writestr("manifest.json", json.dumps(manifest))
                for n, d in files.items(): z.writestr(n, d)
            return mutate
        course_json = lambda text: with_file("course.json", text)
        def deep(z, items):
            copy_all(z, items)
            z.writestr("/".join(["d"] * 400) + "/x.md", b"# x")
        cases = [
            ("zip slip ../../", lambda z, i: (copy_all(z, i), z.writestr("../../review-evil.txt", "x"))),
            ("absolute path", lambda z, i: (copy_all(z, i), z.writestr("/tmp/review-evil-abs.txt", "x"))),
            ("backslash traversal", lambda z, i: (copy_all(z, i), z.writestr("..\\..\\review-evil.txt", "x"))),
            ("symlink entry", symlink), ("512 MiB of zeros in one entry (bomb)", bomb),
            ("duplicate course.json", lambda z, i: (copy_all(z, i), z.writestr("course.json", b"{}"))),
            ("60,000 entries", many), ("bytes that do not match the manifest", changed_bytes),
            ("course id ../x", course_json('{"id": "../x", "version": "1.0.1", "title": "t"}')),
            ("version 2^64", course_json('{"id": "small-course", "version": "18446744073709551616.0.0", "title": "t"}')),
            ("course.json 1e999 and nesting", course_json('{"id": "small-course", "version": "1.0.1", "title": "t", "durationHours": 1e999, "x": ' + "[" * 5000 + "]" * 5000 + "}")),
            ("no manifest", lambda z, i: copy_all(z, i, skip=("manifest.json",))),
            ("a quiz with 1e999 points and 100,000 choices", with_file("01-basics/03-check.quiz.json", json.dumps(
                {"title": "q", "questions": [{"id": "q1", "type": "single", "text": "t", "points": 1,
                                              "choices": [{"text": str(k)} for k in range(100_000)]}]}).replace('"points": 1', '"points": 1e999'))),
            ("Markdown nested 50,000 deep", with_file("01-basics/01-hello.md", "# Hi\n\n" + "> " * 50_000 + "x\n" + "[" * 50_000)),
            ("an assignment due in year 99999", with_file("01-basics/04-task.assignment.md",
                                                          "---\ntitle: T\ndue: 99999-01-01 10:00\npoints: 1e308\n---\nDo.\n")),
            ("400 folders deep", deep),
            ("NUL in a name", lambda z, i: (copy_all(z, i), z.writestr("01-basics/a\0b.md", "x"))),
        ]
        out, bad = [], []
        valid_content = {"Markdown nested 50,000 deep"}  # valid Markdown: published, in bounded time
        for label, mutate in cases:
            path = build(re.sub(r"\W+", "-", label), mutate)
            t = time.time()
            st, body = s.json("POST", "/api/v1/courses", open(path, "rb").read(), w.tok["teacher-b"], timeout=300)
            msg = body.get("error", {}).get("message", "")[:70] if isinstance(body, dict) else str(body)[:70]
            out.append(f"{label}: {st} in {time.time() - t:.1f} s ({msg})")
            if st not in (400, 413, 422) and not (label in valid_content and st == 201 and time.time() - t < 10): bad.append(label)
            os.unlink(path)
        truncated = open(w.pkg_b, "rb").read()
        st, _ = s.json("POST", "/api/v1/courses", truncated[: len(truncated) // 2], w.tok["teacher-b"])
        out.append(f"truncated: {st}")
        if st not in (400, 422): bad.append("truncated")
        evil = [p for p in ("/tmp/review-evil.txt", "/tmp/review-evil-abs.txt", os.path.join(os.path.dirname(s.data), "review-evil.txt"))
                if os.path.exists(p)]
        tmp = os.listdir(os.path.join(s.data, "blobs", "tmp")) if os.path.isdir(os.path.join(s.data, "blobs", "tmp")) else []
        versions = s.sql("SELECT count(*) FROM versions")
        rss, hwm = s.mem()
        report(f"packages: {len(cases) + 1} hostile packages from a teacher", not bad and not evil and not tmp and s.alive(),
               " | ".join(out) + f"; files written outside: {evil}; blobs/tmp {tmp}; versions {versions}; VmHWM {hwm:.0f} MB"
               + (f"; NOT REFUSED: {bad}" if bad else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        w.cleanup()


# ---------------------------------------------------------------- many callers

def section_crowd():
    w = World()
    s = w.s
    try:
        crowd_mixed(w); slowloris(w)
    finally:
        w.cleanup()
    proxy = World(args=["--trusted-proxy", "127.0.0.1"])
    try:
        crowd_proxy(proxy)
    finally:
        proxy.cleanup()


def crowd_mixed(w):
    """300 keep-alive callers from 3 addresses, 20 requests each (healthz, me, pull, courses, push)."""
    s = w.s
    lat, statuses, lock = [], {}, threading.Lock()
    def caller(i):
        src = f"127.0.1.{i % 3 + 1}"
        conn = None
        for k in range(20):
            path = ["/healthz", "/api/v1/me", "/api/v1/sync/pull?cursor=", "/api/v1/courses"][k % 4]
            tok = w.tok[["stu1", "stu2", "stu3"][i % 3]]
            t = time.time()
            try:
                if conn is None: conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=60, source_address=(src, 0))
                conn.request("GET", path, headers={"Authorization": "Bearer " + tok})
                r = conn.getresponse(); r.read(); st = r.status
                if r.getheader("Connection", "").lower() == "close": conn.close(); conn = None
            except Exception as e:
                st = type(e).__name__; conn = None
            with lock:
                lat.append(time.time() - t); statuses[st] = statuses.get(st, 0) + 1
        if conn: conn.close()
    peak = [0]
    done = threading.Event()
    def sample():
        while not done.is_set(): peak[0] = max(peak[0], s.mem()[0]); time.sleep(0.05)
    sm = threading.Thread(target=sample); sm.start()
    threads = [threading.Thread(target=caller, args=(i,)) for i in range(300)]
    t = time.time()
    for th in threads: th.start()
    for th in threads: th.join()
    took = time.time() - t
    done.set(); sm.join()
    lat.sort()
    ok = all(isinstance(k, int) and k in (200, 503) for k in statuses) and s.alive()
    report("crowd: 300 keep-alive callers × 20 requests (3 addresses)", ok,
           f"statuses {statuses}; {len(lat) / took:.0f} req/s; p50 {lat[len(lat) // 2] * 1000:.0f} ms, "
           f"p99 {lat[int(len(lat) * 0.99)] * 1000:.0f} ms; RSS peak {peak[0]:.0f} MB")


def slowloris(w):
    s, p = w.s, w.s.port
    socks = []
    for i in range(250):
        c = socket.socket(); c.bind(("127.0.0.10", 0)); c.connect(("127.0.0.1", p))
        c.sendall(b"GET /healthz HTTP/1.1\r\n")
        socks.append(c)
    t0 = time.time(); victim = []; closed_at = None
    while time.time() - t0 < 90:
        alive = 0
        for c in socks:
            try: c.send(b"X-a: b\r\n"); alive += 1
            except OSError: pass
        if len(victim) < 5:
            t = time.time()
            victim.append((status_of(raw(p, b"GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", source="127.0.0.11")), round(time.time() - t, 3)))
        if alive == 0: closed_at = time.time() - t0; break
        time.sleep(2)
    for c in socks: c.close()
    report("crowd: slowloris, 250 connections sending a header line every 2 s", closed_at is not None and all(v[0] == 200 for v in victim),
           f"all cut off after {closed_at and round(closed_at)} s; another caller meanwhile: {victim}")


def crowd_proxy(w):
    """Behind a trusted proxy (127.0.0.1): per-address limits count X-Forwarded-For."""
    s, p = w.s, w.s.port
    held = []
    for _ in range(4000):
        c = socket.create_connection(("127.0.0.1", p))
        c.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 10.9.9.9\r\nContent-Length: 100\r\n\r\n")
        held.append(c)
    time.sleep(1)
    refused = 0
    for c in held:
        c.setblocking(False)
        try:
            if c.recv(64).startswith(b"HTTP/1.1 503"): refused += 1
        except (BlockingIOError, OSError): pass
    t = time.time()
    via = status_of(raw(p, b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 10.1.1.1\r\nConnection: close\r\n\r\n", timeout=30))
    via_t = time.time() - t
    same = status_of(raw(p, b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 10.9.9.9\r\nConnection: close\r\n\r\n", timeout=30))
    direct = status_of(raw(p, b"GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", source="127.0.0.2", timeout=30))
    for c in held: c.close()
    report("crowd: 4,000 head-only connections through the trusted proxy, one client (XFF 10.9.9.9)",
           via == 200 and direct == 200 and refused >= 3000 and same == 503,
           f"{refused} of 4,000 answered 503; another client via the proxy: {via} in {via_t:.2f} s; "
           f"10.9.9.9 again: {same}; a direct caller: {direct}")
    # Login throttling by forwarded address; an untrusted caller's claim is ignored.
    def fail(xff, source="127.0.0.1"):
        return s.call("POST", "/api/v1/auth/login", json.dumps({"username": f"g{uuid.uuid4().hex[:8]}", "password": "nope nope"}).encode(),
                      {"Content-Type": "application/json", "X-Forwarded-For": xff}, source=source)[0]
    first = None
    for i in range(55):
        if fail("10.2.2.2") == 429 and first is None: first = i + 1
    other = fail("10.3.3.3")
    spoof = [fail("10.4.4.4", source="127.0.0.13") for _ in range(55)]
    victim = fail("10.4.4.4")
    report("crowd: login throttle per forwarded client; claims from untrusted peers ignored",
           first is not None and other == 401 and 429 in spoof and victim == 401,
           f"10.2.2.2: first 429 at failure {first}; 10.3.3.3 meanwhile: {other}; untrusted 127.0.0.13 claiming "
           f"10.4.4.4: first 429 at {spoof.index(429) + 1 if 429 in spoof else None}; the real 10.4.4.4 then: {victim}")


# ---------------------------------------------------------------- hostile bodies on every JSON route

JSON_ROUTES = [  # (method, path) of every route whose body is JSON, CSV or a frame (RouteTable.swift)
    ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/reset"), ("PUT", "/api/v1/me/password"),
    ("POST", "/api/v1/admin/users"), ("PATCH", "/api/v1/admin/users/{username}"), ("POST", "/api/v1/admin/users/import"),
    ("PUT", "/api/v1/courses/{id}/settings"), ("POST", "/api/v1/courses/{id}/teachers"),
    ("POST", "/api/v1/sync/blobs/missing"), ("POST", "/api/v1/courses/{id}/enroll"),
    ("POST", "/api/v1/courses/{id}/enrollments"), ("PUT", "/api/v1/courses/{id}/enrollments/{username}/completion"),
    ("PUT", "/api/v1/courses/{id}/enrollments/{username}/groups"), ("POST", "/api/v1/courses/{id}/announcements"),
    ("POST", "/api/v1/courses/{id}/forum"), ("POST", "/api/v1/courses/{id}/forum/{post}/replies"),
    ("PATCH", "/api/v1/courses/{id}/forum/{post}"), ("POST", "/api/v1/courses/{id}/messages"),
    ("POST", "/api/v1/admin/users/{username}/erase"), ("PUT", "/api/v1/courses/{id}/submissions/{submission}/grade"),
    ("PUT", "/api/v1/courses/{id}/attempts/{attempt}/grade"), ("POST", "/api/v1/courses/{id}/reviews"),
    ("POST", "/api/v1/sync/push"), ("POST", "/api/v1/courses"), ("PUT", "/api/v1/sync/blobs/{sha256}"),
]


def hostile_bodies():
    deep = b"[" * 100_000 + b"]" * 100_000
    bodies = [
        ("empty", b""), ("truncated", b'{"username": "a'), ("null", b"null"), ("array", b"[]"), ("deep arrays", deep),
        ("deep objects", b'{"a":' * 5000 + b"1" + b"}" * 5000), ("60,000 values", b"[" + b",".join([b"0"] * 60_000) + b"]"),
        ("1 MiB + 1 string", b'{"body": "' + b"a" * (1024 * 1024 + 1) + b'"}'),
        ("huge numbers", b'{"scores": {"points": 1e999, "e4": -1e999, "x": 123456789012345678901234567890}, "version": 18446744073709551616}'),
        ("invalid UTF-8", b'{"body": "\xff\xfe\xc0\x80", "title": "\xed\xa0\x80"}'),
        ("NUL and lone surrogate", b'{"body": "a\\u0000b\\ud800", "title": "\\udfff", "username": "ad\\u0000min"}'),
        ("wrong types everywhere", json.dumps({"username": 1, "password": [], "oldPassword": {}, "newPassword": None, "body": {}, "title": 7,
                                               "groups": "x", "add": 5, "scores": [1], "confirm": True, "quiz": 7, "sha256": "x", "to": [],
                                               "enrollment": 9, "key": 3, "completed": "yes", "role": ["admin"], "disabled": "no",
                                               "displayName": 4, "email": 5, "feedback": [], "lesson": 1, "id": {}}).encode()),
        ("admin escalation fields", json.dumps({"role": "admin", "username": "stu2", "disabled": False, "user_id": "x", "isAdmin": True}).encode()),
        ("duplicate keys", b'{"username": "a", "username": "admin", "password": "x", "password": "y"}'),
        ("BOM then JSON", b'\xef\xbb\xbf{"username": "x", "password": "y"}'),
        ("50,000 sha256", json.dumps({"sha256": ["a" * 64] * 49_000}).encode()),
        ("long key", b'{"' + b"k" * 900_000 + b'": 1}'),
        ("NaN and Infinity", b'{"scores": {"points": NaN}, "x": Infinity, "y": -Infinity}'),
        ("text/csv injection", b"username,role,password\n=cmd|' /C calc'!A0,admin,password12345\n,,\n\"unterminated"),
        ("random bytes", os.urandom(3000)),
    ]
    return bodies


def section_bodies():
    w = World()
    s = w.s
    try:
        post = s.json("POST", "/api/v1/courses/intro-programming/forum", {"title": "t", "body": "b"}, w.tok["stu1"])[1]["id"]
        attempt = str(uuid.uuid4())
        w.push("stu1", "b-dev", [("attempt", attempt, attempt_payload(now_ms() - 600000, now_ms()))])
        fill = {"{id}": "intro-programming", "{username}": "stu2", "{post}": post, "{attempt}": attempt,
                "{submission}": str(uuid.uuid4()), "{sha256}": "a" * 64}
        callers = {"anonymous": None, "student": w.tok["stu2"], "teacher": w.tok["teacher-b"], "course teacher": w.tok["teacher-a"],
                   "admin": w.admin}
        counts, worst, accepted, peak, n = {}, [], [], 0, 0
        before = s.sql("SELECT count(*) FROM users") + "/" + s.sql("SELECT role FROM users WHERE username='stu2'")
        for method, pattern in JSON_ROUTES:
            path = pattern
            for k, v in fill.items(): path = path.replace(k, v)
            for who, tok in callers.items():
                for label, body in hostile_bodies():
                    for gz in (False, True) if label in ("deep arrays", "60,000 values") else (False,):
                        headers = {"Content-Type": "text/csv" if "import" in path else "application/json"}
                        data = body
                        if gz: data = gzip.compress(body); headers["Content-Encoding"] = "gzip"
                        st, ans = s.call(method, path, data, headers, tok, source=f"127.0.2.{n % 200 + 1}")
                        n += 1
                        counts[st] = counts.get(st, 0) + 1
                        if isinstance(st, int) and 200 <= st < 300: accepted.append(f"{method} {pattern} as {who}, {label}: {st}")
                        if not isinstance(st, int) or st == 0 or (st >= 500 and st not in (503,)) or (st < 300 and who == "anonymous" and "auth" not in path):
                            worst.append(f"{method} {pattern} as {who}, {label}{' (gzip)' if gz else ''}: {st} {ans[:80]!r}")
                peak = max(peak, s.mem()[0])
        # A gzip bomb on a JSON route: 1 GiB of zeros in about 1 MB.
        bomb = gzip.compress(b" " * (256 * 1024 * 1024), 9)
        bst = s.call("POST", "/api/v1/courses/intro-programming/forum", bomb, {"Content-Type": "application/json", "Content-Encoding": "gzip"}, w.tok["stu1"])
        after = s.sql("SELECT count(*) FROM users") + "/" + s.sql("SELECT role FROM users WHERE username='stu2'")
        rss, hwm = s.mem()
        report(f"bodies: {len(hostile_bodies())} hostile bodies × {len(JSON_ROUTES)} routes × {len(callers)} callers ({n} requests)",
               not worst and s.alive() and before == after,
               f"statuses {dict(sorted(counts.items(), key=lambda kv: str(kv[0])))}; 256 MiB gzip bomb ({len(bomb)} bytes) on a JSON route: "
               f"{bst[0]} {bst[1][:70]!r}; accepted: {accepted}; users/role of stu2 before {before}, after {after}; RSS {rss:.0f} MB, VmHWM {hwm:.0f} MB"
               + (f"; UNEXPECTED ({len(worst)}): " + " | ".join(worst[:8]) if worst else ""))
        fuzz_frames(w)
    finally:
        w.cleanup()


def fuzz_frames(w):
    """Mutated push frames (bit flips, truncations, boundary varints) from a student: never a 5xx."""
    import random
    s = w.s
    rng = random.Random(13)
    base = lmsframe.encode({"device": "review-fuzz", "clock": now_ms(), "cursor": "", "entries": w.entries("stu2", "fz", [
        ("progress", "x", progress_payload(secondsByDevice={"fz": 5}, lastOpenedAt=now_ms())),
        ("attempt", str(uuid.uuid4()), attempt_payload(now_ms() - 100000, now_ms(), quiz="foundations/check")),
        ("submission", str(uuid.uuid4()), {"course": "intro-programming", "assignment": "practice/reflection", "version": 1,
                                           "text": "t", "submittedAt": now_ms()}),
        ("post", str(uuid.uuid4()), {"course": "intro-programming", "title": "x", "body": "y"})])})
    counts, bad = {}, []
    for i in range(1500):
        f = bytearray(base)
        op = rng.randrange(4)
        if op == 0:
            for _ in range(rng.randrange(1, 8)): f[rng.randrange(len(f))] = rng.randrange(256)
        elif op == 1: f = f[:rng.randrange(len(f))]
        elif op == 2:
            at = rng.randrange(5, len(f)); f[at:at] = bytes([3]) + b"\xff" * 9 + b"\x01"
        else:
            at = rng.randrange(5, len(f)); f[at:at] = bytes([6]) + b"\xff\xff\xff\xff\x0f"
        st, ans = s.call("POST", "/api/v1/sync/push", bytes(f), {"Content-Type": "application/x-lms-frame"}, w.tok["stu2"])
        counts[st] = counts.get(st, 0) + 1
        if not isinstance(st, int) or st == 0 or st >= 500: bad.append(f"{i}: {st} {ans[:60]!r}")
    report("bodies: 1,500 mutated push frames (bit flips, cuts, huge varints)", not bad and s.alive(),
           f"statuses {counts}; alive {s.alive()}" + (f"; UNEXPECTED: {bad[:5]}" if bad else ""))


# ---------------------------------------------------------------- kill -9 during push

def section_kills():
    w = World()
    s = w.s
    try:
        frames, total = [], 0
        for f in range(60):
            items = [("submission", str(uuid.uuid4()), {"course": "intro-programming", "assignment": "practice/reflection",
                                                         "version": 1, "text": f"frame {f} entry {k} " + "words " * 80,
                                                         "submittedAt": now_ms()})
                     for k in range(500)]
            frames.append({"device": "review-kills", "clock": now_ms(), "cursor": "", "entries": w.entries("stu1", "k-dev", items)})
            total += 500
        acked_at_kill = []
        for delay in (0.4, 1.0, 2.0):
            stop = threading.Event()
            def pusher():
                for fr in frames:
                    if stop.is_set(): return
                    s.push(w.tok["stu1"], fr)
            th = threading.Thread(target=pusher); th.start()
            time.sleep(delay)
            s.stop(signal.SIGKILL); stop.set(); th.join()
            s.start()
            acked_at_kill.append(s.sql("SELECT count(*) FROM submissions WHERE user_id=(SELECT id FROM users WHERE username='stu1')"))
        # The device sends everything again from the start (as after a lost answer): duplicates are skipped.
        last = None
        for fr in frames: last = s.push(w.tok["stu1"], fr)
        uid = s.sql("SELECT id FROM users WHERE username='stu1'")
        rows = s.sql(f"SELECT count(*), count(DISTINCT id) FROM submissions WHERE user_id='{uid}'")
        changes = s.sql("SELECT count(*), count(DISTINCT entity) FROM changes WHERE kind='submission'")
        integrity = s.sql("PRAGMA integrity_check")
        report("kills: kill -9 three times during 60 pushes of 500 submissions, then everything sent again",
               rows == f"{total}|{total}" and changes == f"{total}|{total}" and integrity == "ok" and last[1].get("acked") == total,
               f"submissions stored at each restart {acked_at_kill}; at the end rows|distinct {rows} (sent {total}); "
               f"submission changes {changes}; acked {last[1].get('acked')}; integrity {integrity}")
        # kill -9 of the server during a backup: the backup fails, the data folder is fine.
        bdir = tempfile.mkdtemp(prefix="lms-review-kb-")
        p = subprocess.Popen([SERVER, "backup", "--data", s.data, "--to", os.path.join(bdir, "x.zip")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(0.05); s.stop(signal.SIGKILL); rc = p.wait(); err = p.stderr.read().decode()[:100]
        s.start()
        r = subprocess.run([SERVER, "backup", "--data", s.data, "--to", os.path.join(bdir, "y.zip")], capture_output=True, text=True)
        listing = subprocess.run(["unzip", "-l", os.path.join(bdir, "y.zip")], capture_output=True, text=True).stdout.strip().splitlines()[-1:]
        report("kills: kill -9 of the server during a backup", r.returncode == 0 and s.alive(),
               f"backup during the kill exit {rc} {err!r}; files {sorted(os.listdir(bdir))}; next backup exit {r.returncode}, {listing}")
        shutil.rmtree(bdir)
    finally:
        w.cleanup()


# ---------------------------------------------------------------- a full disk (64 MiB tmpfs)

def fill(mount):
    """Fills the file system with filler files until not a byte more fits."""
    n = 0
    while True:
        path = os.path.join(mount, f"filler-{n}")
        try:
            with open(path, "wb") as f:
                while True: f.write(b"\0" * 65536)
        except OSError:
            pass
        try:
            with open(os.path.join(mount, f"filler-tail-{n}"), "wb") as f:
                while True: f.write(b"\0"); f.flush()
        except OSError:
            return
        n += 1


def unfill(mount):
    for name in os.listdir(mount):
        if name.startswith("filler-"): os.unlink(os.path.join(mount, name))


def section_disk():
    mount = "/mnt/lms-review-disk"
    os.makedirs(mount, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m,mode=700", "tmpfs", mount], capture_output=True, text=True)
    if r.returncode != 0:
        report("disk: a full 64 MiB tmpfs", False, f"mount refused: {r.stderr.strip()} (not tested)")
        return
    w = None
    try:
        data = os.path.join(mount, "data")
        w = World()
        w.s.stop()
        shutil.copytree(w.s.data, data)  # the world, moved onto the small disk
        shutil.rmtree(w.s.data)
        first_log = w.s.log
        w.s.data = data; w.s.log = mount + "-server.log"
        w.s.start()
        s = w.s
        before = {t: s.sql(f"SELECT count(*) FROM {t}") for t in ("changes", "submissions", "attempts", "versions", "uploads")}
        def newer(c):
            text = open(os.path.join(c, "course.json")).read()
            open(os.path.join(c, "course.json"), "w").write(text.replace('"1.0.0"', '"1.0.1"'))
        pkg = pack(os.path.join(ROOT, "samples", "small-course"), os.path.join(w.pkg_dir, "b2.zip"), newer)
        fill(mount)
        free = shutil.disk_usage(mount).free
        out = {}
        blob = os.urandom(3 * 1024 * 1024)
        out["upload 3 MiB"] = s.call("PUT", f"/api/v1/sync/blobs/{hashlib.sha256(blob).hexdigest()}", blob, {}, w.tok["stu1"])
        out["publish"] = s.call("POST", "/api/v1/courses", open(pkg, "rb").read(), {}, w.tok["teacher-b"])
        sub = str(uuid.uuid4())
        frame = {"device": "review-disk", "clock": now_ms(), "cursor": "", "entries": w.entries("stu1", "disk-dev", [
            ("submission", sub, {"course": "intro-programming", "assignment": "practice/reflection", "version": 1,
                                 "text": "x" * 200_000, "submittedAt": now_ms()})] + [
            ("progress", "x", progress_payload(lesson=l, secondsByDevice={"disk-dev": 30})) for l in
            ("foundations/welcome", "foundations/listen", "foundations/reading")])}
        st, ans = s.push(w.tok["stu1"], frame)
        out["push"] = (st, json.dumps(ans).encode() if isinstance(ans, dict) else ans)
        out["forum post"] = s.call("POST", "/api/v1/courses/intro-programming/forum", json.dumps({"title": "t", "body": "b" * 50_000}).encode(),
                                   {"Content-Type": "application/json"}, w.tok["stu1"])
        out["healthz"] = s.call("GET", "/healthz")
        out["pull"] = s.call("GET", "/api/v1/sync/pull?cursor=", token=w.tok["stu2"])
        out["login"] = s.call("POST", "/api/v1/auth/login", json.dumps({"username": "stu2", "password": w.passwords["stu2"]}).encode(),
                              {"Content-Type": "application/json"})
        br = subprocess.run([SERVER, "backup", "--data", s.data, "--to", os.path.join(mount, "backup.zip")], capture_output=True, text=True)
        leftovers = [n for n in os.listdir(mount) if not n.startswith(("filler-", "data"))]
        tmp_left = os.listdir(os.path.join(data, "blobs", "tmp")) if os.path.isdir(os.path.join(data, "blobs", "tmp")) else []
        mid = {t: s.sql(f"SELECT count(*) FROM {t}") for t in before}
        log = open(s.log, errors="replace").read()
        summary = "; ".join(f"{k}: {v[0]} {v[1][:90]!r}" for k, v in out.items())
        writes_507 = all(out[k][0] == 507 for k in ("upload 3 MiB", "publish", "push"))
        report("disk: full 64 MiB tmpfs: upload, publish, push, post, backup", writes_507 and out["healthz"][0] == 200 and s.alive()
               and mid == before and not tmp_left and br.returncode != 0 and not leftovers,
               f"free {free} bytes; {summary}; backup exit {br.returncode}: {br.stderr.strip()[:120]!r}, left beside it {leftovers}; "
               f"blobs/tmp {tmp_left}; rows before {before}, while full {mid}; log says 'the disk is full': {'disk is full' in log}")
        # Room again: the same requests go through, nothing lost or doubled.
        unfill(mount)
        again = {}
        again["upload"] = s.call("PUT", f"/api/v1/sync/blobs/{hashlib.sha256(blob).hexdigest()}", blob, {}, w.tok["stu1"])[0]
        again["publish"] = s.call("POST", "/api/v1/courses", open(pkg, "rb").read(), {}, w.tok["teacher-b"])[0]
        st, ans = s.push(w.tok["stu1"], frame)
        again["push"] = (st, ans.get("acked") if isinstance(ans, dict) else ans, ans.get("rejected") if isinstance(ans, dict) else None)
        br2 = subprocess.run([SERVER, "backup", "--data", s.data, "--to", os.path.join(mount, "backup.zip")], capture_output=True, text=True)
        subs = s.sql(f"SELECT count(*) FROM submissions WHERE id='{sub}'")
        report("disk: after making room the same requests go through", again["upload"] == 204 and again["publish"] == 201
               and again["push"][0] == 200 and subs == "1" and br2.returncode == 0,
               f"{again}; the submission stored {subs} time(s); backup exit {br2.returncode}")
    finally:
        if w:
            w.s.stop()
            shutil.rmtree(w.pkg_dir, ignore_errors=True)
            for log in (mount + "-server.log", locals().get("first_log")):
                if log and os.path.exists(log): os.unlink(log)
        subprocess.run(["umount", mount])
        try: os.rmdir(mount)
        except OSError: pass


SECTIONS = {"items": section_items, "packages": section_packages, "crowd": section_crowd, "bodies": section_bodies, "kills": section_kills, "disk": section_disk}

if __name__ == "__main__":
    wanted = sys.argv[2:] or ["all"]
    for name in (SECTIONS if "all" in wanted else wanted):
        print(f"== {name}", flush=True)
        t = time.time()
        try:
            SECTIONS[name]()
        except Exception as e:
            import traceback; traceback.print_exc()
            report(f"{name}: the script itself failed", False, repr(e))
        print(f"   ({time.time() - t:.0f} s)", flush=True)
    held = sum(1 for r in RESULTS if r[1])
    print(f"\n{held} of {len(RESULTS)} checks held")
