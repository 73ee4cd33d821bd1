"""Benchmark section `sync` (issue 5): push ingest and pull rates, a field-site sync of 100
students, the cost of a sync with nothing new, the wire size of an attempt, a course update's
download share, and server memory as more entries wait. The client is lmsframe.py, written
from docs/PROTOCOL.md alone."""
import gzip, http.client, json, os, random, shutil, socket, subprocess, sys, time, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lmsframe

class Client:
    """One keep-alive HTTP connection that counts the bytes it sends and receives."""
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.sent = self.received = self.requests = 0
    def call(self, method, path, body=b"", headers=None, token=None):
        headers = dict(headers or {})
        if token: headers["Authorization"] = "Bearer " + token
        try:
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closes keep-alive connections idle past its timeout: reconnect, as clients do.
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
        data = r.read()
        self.requests += 1
        self.sent += len(f"{method} {path} HTTP/1.1\r\n") + sum(len(k) + len(v) + 4 for k, v in headers.items()) + len(body) + 60
        self.received += len(data) + sum(len(k) + len(v) + 4 for k, v in r.getheaders()) + 17
        return r.status, data, dict(r.getheaders())
    def json(self, method, path, payload=None, token=None):
        status, data, _ = self.call(method, path, json.dumps(payload).encode() if payload is not None else b"",
                                    {"Content-Type": "application/json"} if payload is not None else {}, token)
        return status, (json.loads(data) if data else None)

def start_server(binary, data, env):
    subprocess.run([binary, "init", "--data", data, "--admin-password-stdin"], input=b"bench admin password\n", env=env,
                   check=True, stdout=subprocess.DEVNULL)
    proc = subprocess.Popen([binary, "serve", "--data", data, "--port", "0"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    line = proc.stdout.readline().decode()
    port = int(line.split("127.0.0.1:")[1].split()[0])
    return proc, port

def cpu_seconds(pid):
    """User + system CPU time of a process so far (/proc/PID/stat), which a busy machine disturbs far less than wall time."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"): return int(line.split()[1]) / 1024
    return 0

WORDS = ("a function calls itself on a smaller problem until it reaches a case it can answer directly, then the answers "
         "combine on the way back; like opening nested boxes, each smaller, until the last one holds the gift").split()

def essay(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(15, 40)))

def time_ordered_id(milliseconds, rng):
    """A UUID version 7 (RFC 9562), as lms-offline makes the ids of attempts, submissions and posts
    (LMSModel's TimeOrderedID): the time in milliseconds first, then random bits."""
    value = (milliseconds & (2**48 - 1)) << 80 | rng.getrandbits(80)
    value = value & ~(0xF << 76) | 0x7 << 76          # version 7
    value = value & ~(0x3 << 62) | 0x2 << 62          # variant 10
    return str(uuid.UUID(int=value))

def attempt_entry(seq, prev, rng):
    return {"seq": seq, "prev": prev, "kind": "attempt", "entity": time_ordered_id(1767225600000 + seq, rng), "at": 1767225600000 + seq,
            "payload": {"quiz": "foundations/check", "course": "intro-programming", "courseVersion": "1.2.0",
                        "startedAt": 1767225500000 + seq, "submittedAt": 1767225600000 + seq,
                        "questionOrder": ["q3", "q1", "q5", "q2", "q7", "q4", "q6"],
                        "responses": {"q1": {"choice": rng.randrange(2)}, "q2": {"choices": [0, 2]}, "q3": {"bool": True},
                                      "q4": {"text": "def"}, "q5": {"number": 3.14}, "q6": {"matches": {"Int": "42", "String": "\"hi\""}},
                                      "q7": {"essay": essay(rng)}}}}

def progress_entry(seq, prev, device, rng):
    lessons = ["foundations/welcome", "foundations/listen", "foundations/worksheet", "foundations/reading", "practice/practice-loops"]
    return {"seq": seq, "prev": prev, "kind": "progress", "entity": "x", "at": 1767225600000 + seq,
            "payload": {"course": "intro-programming", "lesson": lessons[seq % 5], "completed": seq % 3 == 0,
                        "secondsByDevice": {device: seq}}}

def push_frame(device, entries):
    return gzip.compress(lmsframe.encode({"device": device, "clock": int(time.time() * 1000), "cursor": "", "entries": entries}), 6)

def section_sync(work, bin_path, row):
    binary = bin_path("lms-server")
    lms = bin_path("lms-offline")
    root = os.path.join(work, "sync")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    env = dict(os.environ, LMS_PASSWORD_ITERATIONS="1000")   # logins are not what is measured here
    proc, port = start_server(binary, os.path.join(root, "data"), env)
    rng = random.Random(5)
    try:
        c = Client(port)
        admin = c.json("POST", "/api/v1/auth/login", {"username": "admin", "password": "bench admin password"})[1]["token"]
        pkg = os.path.join(root, "rich.zip")
        # The sample's practice quiz allows 2 attempts: past them the server refuses an attempt (issue 13)
        # instead of grading and storing it, which is not what is measured. The bench packs a copy
        # without the limit.
        sample = os.path.join(root, "rich-course")
        shutil.copytree(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "samples", "rich-course"), sample)
        check = os.path.join(sample, "01-foundations", "05-check.quiz.json")
        quiz = json.load(open(check))
        quiz.pop("maxAttempts", None)
        json.dump(quiz, open(check, "w"), indent=2)
        subprocess.run([lms, "pack", sample, "-o", pkg], check=True, stdout=subprocess.DEVNULL)
        assert c.call("POST", "/api/v1/courses", open(pkg, "rb").read(), token=admin)[0] == 201
        c.json("PUT", "/api/v1/courses/intro-programming/settings", {"enrollment": "open"}, admin)
        students = []
        csv = "username,password\n" + "".join(f"s{i:03d},student password {i}\n" for i in range(101))
        assert c.call("POST", "/api/v1/admin/users/import", csv.encode(), {"Content-Type": "text/csv"}, admin)[0] == 201
        for i in range(101):
            tok = c.json("POST", "/api/v1/auth/login", {"username": f"s{i:03d}", "password": f"student password {i}"})[1]["token"]
            assert c.json("POST", "/api/v1/courses/intro-programming/enroll", {}, tok)[0] in (200, 201)
            students.append(tok)
        print("\n### Sync (loopback, real lms-server; client: scripts/bench/lmsframe.py)\n")
        print("| measurement | figure | target |")
        print("|---|---|---|")

        # Push ingest: 100 batches of 1,000 attempts (each graded by the server), committed.
        tok, device = students[100], "bench-device-push"
        frames, seq = [], 0
        for _ in range(100):
            batch = []
            for _ in range(1000):
                seq += 1
                batch.append(attempt_entry(seq, seq - 1, rng) if seq % 2 else progress_entry(seq, seq - 1, device, rng))
            frames.append(push_frame(device, batch))
        load = os.getloadavg()[0]
        cpu_before = cpu_seconds(proc.pid)
        start = time.perf_counter()
        for f in frames:
            status, data, _ = c.call("POST", "/api/v1/sync/push", f, {"Content-Type": "application/x-lms-frame", "Content-Encoding": "gzip"}, tok)
            answer = json.loads(data)
            assert status == 200 and answer["acked"] > 0 and not answer["rejected"], data[:300]
        push_rate = 100_000 / (time.perf_counter() - start)
        push_cpu = cpu_seconds(proc.pid) - cpu_before
        print(f"| push ingest, 100,000 entries in batches of 1,000 (half attempts graded by the server, half progress) | {push_rate:,.0f} entries/s; {100_000 / push_cpu:,.0f} entries per server CPU-second (load {load:.1f}) | ≥ 100,000 |")

        # Pull: everything those pushes made visible (entries, merged progress, results), pages of 1,000.
        start = time.perf_counter()
        cursor, pulled, pages = "", 0, 0
        bodies = []
        while True:
            status, data, _ = c.call("GET", f"/api/v1/sync/pull?cursor={cursor}&limit=1000", headers={"Accept-Encoding": "gzip"}, token=tok)
            assert status == 200
            bodies.append(data)
            head = lmsframe.read_head(gzip.decompress(data))
            pages += 1
            cursor = head["cursor"]
            if not head["more"]: break
        elapsed = time.perf_counter() - start
        pulled = sum(len(lmsframe.decode(gzip.decompress(b))["changes"]) for b in bodies)   # counted (and checked) outside the timing
        print(f"| pull, {pulled:,} changes in {pages} pages of 1,000, gzip'd (client reads each page's cursor) | {pulled / elapsed:,.0f} changes/s | ≥ 200,000 |")

        # A sync with nothing new: one pull with the cursor (the outbox is empty, so no push).
        c.sent = c.received = c.requests = 0
        status, data, _ = c.call("GET", f"/api/v1/sync/pull?cursor={cursor}&limit=1000", headers={"Accept-Encoding": "gzip"}, token=tok)
        print(f"| a sync with nothing new | {c.requests} request, {c.sent + c.received} bytes on the wire | ≤ 2 requests, ≤ 2 KB |")

        # The wire size of an attempt record.
        attempts = [attempt_entry(i + 1, i, rng) for i in range(1000)]
        wire = len(push_frame("bench-device-size", attempts)) / 1000
        as_json = len(gzip.compress(json.dumps(attempts).encode())) / 1000
        print(f"| an attempt record on the wire (7 answers incl. an essay, batch of 1,000, gzip) | {wire:.0f} bytes (gzip'd JSON: {as_json:.0f}) | < 300 |")

        # Field-site sync: 100 students on one laptop, 1,000 entries each, push + pull per student.
        per_student = []
        for i in range(100):
            entries = [progress_entry(k, k - 1, f"school-{i}", rng) if k % 2 else attempt_entry(k, k - 1, rng) for k in range(1, 1001)]
            per_student.append(push_frame(f"school-laptop-{i:03d}", entries))
        start = time.perf_counter()
        for i in range(100):
            status, data, _ = c.call("POST", "/api/v1/sync/push", per_student[i], {"Content-Type": "application/x-lms-frame", "Content-Encoding": "gzip"}, students[i])
            assert status == 200, data
            cur = ""
            while True:
                status, data, _ = c.call("GET", f"/api/v1/sync/pull?cursor={cur}&limit=5000", headers={"Accept-Encoding": "gzip"}, token=students[i])
                head = lmsframe.read_head(gzip.decompress(data))
                cur = head["cursor"]
                if not head["more"]: break
        field = time.perf_counter() - start
        print(f"| field-site sync: 100 students × 1,000 entries, push and pull each | {field:.2f} s | < 5 s |")
        print(f"| server memory after all of the above (VmHWM) | {rss_mb(proc.pid):.0f} MB | flat |")
    finally:
        proc.terminate(); proc.wait()

    # Memory with many entries waiting: a second server, 1,000 vs 300,000 entries pushed, then pulled.
    for waiting in (1_000, 300_000):
        data_dir = os.path.join(root, f"mem-{waiting}")
        proc, port = start_server(binary, data_dir, env)
        try:
            c = Client(port)
            admin = c.json("POST", "/api/v1/auth/login", {"username": "admin", "password": "bench admin password"})[1]["token"]
            assert c.call("POST", "/api/v1/courses", open(pkg, "rb").read(), token=admin)[0] == 201
            c.json("POST", "/api/v1/courses/intro-programming/enrollments", {"username": "admin"}, admin)
            seq = 0
            while seq < waiting:
                batch = []
                for _ in range(min(1000, waiting - seq)):
                    seq += 1
                    batch.append(progress_entry(seq, seq - 1, "mem-device-1", rng))
                c.call("POST", "/api/v1/sync/push", push_frame("mem-device-1", batch), {"Content-Type": "application/x-lms-frame", "Content-Encoding": "gzip"}, admin)
            cur = ""
            while True:
                status, body, _ = c.call("GET", f"/api/v1/sync/pull?cursor={cur}&limit=1000", headers={"Accept-Encoding": "gzip"}, token=admin)
                frame = lmsframe.decode(gzip.decompress(body))
                cur = frame["cursor"]
                if not frame["more"]: break
            print(f"| server memory with {waiting:,} entries pushed and pulled (VmHWM) | {rss_mb(proc.pid):.0f} MB | flat |")
        finally:
            proc.terminate(); proc.wait()

    # A course update that changes 1% of a package's bytes.
    big = os.path.join(root, "update-course")
    shutil.copytree(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "samples", "rich-course"), big)
    for i in range(100):
        with open(os.path.join(big, "media", f"clip-{i:02d}.mp4"), "wb") as f: f.write(os.urandom(200 * 1024))
        with open(os.path.join(big, "01-foundations", f"{20 + i:02d}-clip-{i}.md"), "w") as f:
            f.write(f"---\ntype: video\nmedia: ../media/clip-{i:02d}.mp4\n---\n# Clip {i}\n")
    v1, v2 = os.path.join(root, "u1.zip"), os.path.join(root, "u2.zip")
    subprocess.run([lms, "pack", big, "-o", v1], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(big, "media", "clip-07.mp4"), "wb") as f: f.write(os.urandom(200 * 1024))
    cj = os.path.join(big, "course.json")
    text = open(cj).read()
    open(cj, "w").write(text.replace('"version": "1.2.0"', '"version": "1.3.0"'))
    subprocess.run([lms, "pack", big, "-o", v2], check=True, stdout=subprocess.DEVNULL)
    plan = json.loads(subprocess.run([lms, "delta", v1, v2, "--json"], check=True, capture_output=True).stdout)
    share = plan["fetchBytes"] / plan["totalBytes"] * 100
    print(f"| a course update changing 1 of 100 media files (1% of the bytes): share downloaded | {share:.2f}% ({plan['fetchBytes']:,} of {plan['totalBytes']:,} bytes) | < 2% |")
