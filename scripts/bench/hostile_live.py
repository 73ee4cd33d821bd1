"""A few of issue 13's attacks against a live lms-server (loopback only, bounded): the push whose
clock is -2^63, and 4,000 connections from 127.0.0.1 that send a head and no body while a caller
from 127.0.0.2 asks for /healthz. Starts its own server in a temp folder, stops it by its PID.
Usage: [SKIP_CRASH=1] python3 scripts/bench/hostile_live.py PATH/TO/lms-server"""
import json, os, re, socket, subprocess, sys, tempfile, time, urllib.request, urllib.error
sys.path.insert(0, os.path.dirname(__file__))
import lmsframe

binary = sys.argv[1]
data = tempfile.mkdtemp(prefix="lms-live-")
env = dict(os.environ, LMS_PASSWORD_ITERATIONS="1000")
subprocess.run([binary, "init", "--data", data, "--admin-password-stdin"], input=b"admin password!\n",
               env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
server = subprocess.Popen([binary, "serve", "--data", data, "--port", "0"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
port = int(re.search(r":(\d+) ", server.stdout.readline().decode()).group(1))

def call(method, path, body=None, headers={}, host="127.0.0.1"):
    req = urllib.request.Request(f"http://{host}:{port}{path}", data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
    except Exception as e: return 0, str(e).encode()

token = json.loads(call("POST", "/api/v1/auth/login",
                        json.dumps({"username": "admin", "password": "admin password!"}).encode())[1])["token"]
frame = lmsframe.encode({"device": "crash-device", "clock": -2**63, "entries": []})
if not os.environ.get("SKIP_CRASH"):  # SKIP_CRASH=1: only the connection test (a server that dies on the push)
    status, body = call("POST", "/api/v1/sync/push", frame, {"Authorization": "Bearer " + token})
    time.sleep(0.5)
    print(f"push with clock -2^63: {status} {body[:80]!r}; server alive: {server.poll() is None}")

if server.poll() is None:
    held = []
    for _ in range(4000):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n")
        held.append(s)
    time.sleep(0.5)
    started = time.time()
    victim = socket.socket()
    victim.bind(("127.0.0.2", 0))  # another client address (loopback would otherwise pick 127.0.0.1)
    victim.settimeout(30)
    victim.connect(("127.0.0.1", port))
    victim.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
    answer = victim.recv(100).decode(errors="replace")
    status = answer.split(" ")[1] if answer.startswith("HTTP/") else answer
    print(f"4,000 head-only connections from 127.0.0.1: /healthz from 127.0.0.2 answered {status} "
          f"in {time.time() - started:.2f} s")
    for s in held: s.close()
server.terminate(); server.wait(timeout=30)
subprocess.run(["rm", "-rf", data])
