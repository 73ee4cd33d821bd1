"""Memory of lms-server under hostile requests (issue 13, item 4): 16 concurrent push frames that
each decode into about 4 million values (a few KB of gzip), then 16 anonymous 1 MiB login bodies.
Starts its own server on a free 127.0.0.1 port in a temp folder, samples the server's resident
memory (VmRSS) every 20 ms, stops the server by its PID. Loopback only; bounded in count and time.
Usage: python3 scripts/bench/hostile_memory.py PATH/TO/lms-server [concurrency=16]"""
import gzip, json, os, re, subprocess, sys, tempfile, threading, time, urllib.request, urllib.error
sys.path.insert(0, os.path.dirname(__file__))
import lmsframe

binary = sys.argv[1]
concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 16
data = tempfile.mkdtemp(prefix="lms-hostile-")
env = dict(os.environ, LMS_PASSWORD_ITERATIONS="1000")
subprocess.run([binary, "init", "--data", data, "--admin-password-stdin"], input=b"admin password!\n",
               env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
server = subprocess.Popen([binary, "serve", "--data", data, "--port", "0"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
line = server.stdout.readline().decode()
print(f"server at start: VmRSS {open(f'/proc/{server.pid}/status').read().split('VmRSS:')[1].split()[0]} kB")
base = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)

def rss_mb(field="VmRSS:"):
    with open(f"/proc/{server.pid}/status") as f:
        for l in f:
            if l.startswith(field): return int(l.split()[1]) / 1024
    return 0

def call(method, path, body=None, headers={}):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=300) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
    except Exception as e: return 0, str(e).encode()

status, body = call("POST", "/api/v1/auth/login", json.dumps({"username": "admin", "password": "admin password!"}).encode(),
                    {"Content-Type": "application/json"})
token = json.loads(body)["token"]
# About 4 million values: four arrays of 990,000 nulls in one entry's payload.
frame = lmsframe.encode({"device": "hostile-device", "clock": int(time.time() * 1000), "entries": [
    {"seq": 1, "prev": 0, "kind": "progress", "entity": "e", "payload": [[None] * 990_000] * 4}]})
packed = gzip.compress(frame, 9)

def burst(name, send):
    peak = [rss_mb()]
    before = peak[0]
    done = threading.Event()
    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb()); time.sleep(0.02)
    sampler = threading.Thread(target=sample); sampler.start()
    statuses = []
    threads = [threading.Thread(target=lambda: statuses.append(send())) for _ in range(concurrency)]
    started = time.time()
    for t in threads: t.start()
    for t in threads: t.join()
    took = time.time() - started
    time.sleep(2)
    done.set(); sampler.join()
    print(f"{name}: {concurrency} at once, statuses {sorted(set(statuses))}, {took:.1f} s; "
          f"RSS before {before:.0f} MB, peak {peak[0]:.0f} MB, 2 s after {rss_mb():.0f} MB; "
          f"VmHWM so far {rss_mb('VmHWM:'):.0f} MB")

print(f"hostile push frame: {len(packed)} bytes of gzip, {len(frame)} bytes inflated")
burst("hostile pushes", lambda: call("POST", "/api/v1/sync/push", packed, {
    "Authorization": "Bearer " + token, "Content-Type": "application/x-lms-frame", "Content-Encoding": "gzip"})[0])
# Just inside the new limits: 24 entries of 19,990 nulls each (about 480,000 values).
inside = gzip.compress(lmsframe.encode({"device": "hostile-device2", "clock": int(time.time() * 1000), "entries": [
    {"seq": i + 1, "prev": i, "kind": "progress", "entity": "e", "payload": [None] * 19_990} for i in range(24)]}), 9)
burst("pushes just inside the limits", lambda: call("POST", "/api/v1/sync/push", inside, {
    "Authorization": "Bearer " + token, "Content-Type": "application/x-lms-frame", "Content-Encoding": "gzip"})[0])
login = b'{"username": "x", "password": [' + b",".join([b"0"] * 500_000) + b"]}"
burst("1 MiB anonymous logins", lambda: call("POST", "/api/v1/auth/login", login, {"Content-Type": "application/json"})[0])
server.terminate(); server.wait(timeout=30)
subprocess.run(["rm", "-rf", data])
