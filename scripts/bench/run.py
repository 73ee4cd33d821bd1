#!/usr/bin/env python3
"""The benchmark runner: runs each section's measurements against its real peer in the same
run and prints Markdown rows for docs/BENCHMARKS.md. Usage: scripts/bench.sh [SECTION ...]"""
import os, platform, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_course

def bin_path(name):
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), name)

def measure(cmd, cwd=None, runs=3, setup=None):
    """Median wall seconds and max RSS (MB) of `cmd` over `runs` runs (via /usr/bin/time)."""
    walls, rss = [], []
    for _ in range(runs):
        if setup: setup()
        os.sync()  # start each run from a quiet disk: deletions of the last run's output are flushed
        t = tempfile.NamedTemporaryFile(delete=False); t.close()
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd, cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        rss.append(int(open(t.name).read().split()[-1]) / 1024)
        os.unlink(t.name)
    walls.sort(); rss.sort()
    return walls[len(walls) // 2], rss[len(rss) // 2]

def rm(path):
    if os.path.isdir(path): shutil.rmtree(path)
    elif os.path.exists(path): os.unlink(path)

def row(what, ours, peer=None, note=""):
    o = f"{ours[0]:.3f} s, {ours[1]:.0f} MB"
    p = f"{peer[0]:.3f} s, {peer[1]:.0f} MB" if peer else "–"
    ratio = f"{peer[0] / ours[0]:.2f}×" if peer else ""
    print(f"| {what} | {o} | {p} | {ratio} | {note} |", flush=True)

def section_package(work):
    lms = bin_path("lms-offline")
    print("\n### Course packages (2,000 lessons, 200 MB of mixed media)\n")
    print("| measurement | lms-offline (median of 3: wall, max RSS) | peer | peer/ours | note |")
    print("|---|---|---|---|---|")
    sizes = {}
    for media_mb in (50, 200):
        course = os.path.join(work, f"course-{media_mb}")
        if not os.path.isdir(course): gen_course.generate(course, 2000, media_mb)
        pkg, peer_zip = os.path.join(work, f"p{media_mb}.zip"), os.path.join(work, f"z{media_mb}.zip")
        ours = measure([lms, "pack", course, "-o", pkg], setup=lambda: rm(pkg))
        peer = measure(["zip", "-r", "-q", peer_zip, "."], cwd=course, setup=lambda: rm(peer_zip))
        row(f"pack, {media_mb} MB media", ours, peer, "peer: zip -r -q (same folder)")
        out, out2 = os.path.join(work, "x1"), os.path.join(work, "x2")
        ours_x = measure([lms, "unpack", pkg, "-o", out], runs=5, setup=lambda: rm(out))
        peer_x = measure(["unzip", "-q", pkg, "-d", out2], runs=5, setup=lambda: rm(out2))
        row(f"extract (verified), {media_mb} MB media", ours_x, peer_x, "peer: unzip -q (same package)")
        rm(out); rm(out2)
        sizes[media_mb] = (ours[1], ours_x[1])
        if media_mb == 200:
            row("validate folder", measure([lms, "validate", "--quiet", course]))
            row("validate package (every hash checked)", measure([lms, "validate", "--quiet", pkg]))
            row("inspect package", measure([lms, "inspect", pkg]))
            student = os.path.join(work, "student.zip")
            row("student build", measure([lms, "student", pkg, "-o", student], runs=1, setup=lambda: rm(student)))
    print(f"\nMemory as the package grows 4× (50 → 200 MB of media): pack {sizes[50][0]:.0f} → {sizes[200][0]:.0f} MB, "
          f"extract {sizes[50][1]:.0f} → {sizes[200][1]:.0f} MB max RSS.")


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def raise_nofile():
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(65536, hard), hard))

def wrk(url, conns, seconds=10, latency=False):
    """Requests/s, bytes/s and p99 latency (ms) of `wrk -t2 -cN -dS url`."""
    cmd = ["wrk", "-t2", f"-c{conns}", f"-d{seconds}s"] + (["--latency"] if latency else []) + [url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, preexec_fn=raise_nofile).stdout
    def unit(v, table):
        for suffix, mul in table:
            if v.endswith(suffix): return float(v[: -len(suffix)]) * mul
        return float(v)
    rps = bps = p99 = 0.0
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"): rps = float(parts[1])
        elif line.startswith("Transfer/sec:"): bps = unit(parts[1], [("GB", 2**30), ("MB", 2**20), ("KB", 2**10), ("B", 1)])
        elif parts[:1] == ["99%"]: p99 = unit(parts[1], [("ms", 1), ("us", 1e-3), ("s", 1e3)])
    errors = [l.strip() for l in out.splitlines() if "errors" in l or "Non-2xx" in l]
    return rps, bps, p99, errors

def wait_listening(port, timeout=10):
    import socket
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close(); return
        except OSError: time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port}")

def section_http(work):
    """lms-server's HTTP layer (http-selftest) against nginx on the same machine and files."""
    d = os.path.join(work, "http")
    os.makedirs(os.path.join(d, "www"), exist_ok=True)
    small, big = os.path.join(d, "www", "small.txt"), os.path.join(d, "www", "big.bin")
    open(small, "w").write("ok")
    if not os.path.exists(big) or os.path.getsize(big) != 50 * 2**20:
        with open(big, "wb") as f: f.write(os.urandom(50 * 2**20))
    nport, oport = free_port(), free_port()
    conf = os.path.join(d, "nginx.conf")
    open(conf, "w").write(f"""worker_processes 2; daemon off; pid {d}/nginx.pid; error_log {d}/error.log;
events {{ worker_connections 4096; }}
http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000; default_type application/octet-stream;
  client_body_temp_path {d}/t1; proxy_temp_path {d}/t2; fastcgi_temp_path {d}/t3; uwsgi_temp_path {d}/t4; scgi_temp_path {d}/t5;
  server {{ listen 127.0.0.1:{nport}; root {d}/www; location / {{ }} }} }}
""")
    nginx = subprocess.Popen(["nginx", "-c", conf, "-p", d, "-e", f"{d}/error.log"], preexec_fn=raise_nofile,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours = subprocess.Popen([bin_path("lms-server"), "http-selftest", "--port", str(oport), "--file", big],
                            preexec_fn=raise_nofile, stdout=subprocess.DEVNULL)
    try:
        wait_listening(nport); wait_listening(oport)
        print("\n### HTTP layer (lms-server http-selftest vs nginx, same machine, wrk -t2)\n")
        print("| measurement | lms-server | nginx (2 workers, sendfile) | ours/nginx | target |")
        print("|---|---|---|---|---|")
        o = wrk(f"http://127.0.0.1:{oport}/healthz", 64); n = wrk(f"http://127.0.0.1:{nport}/small.txt", 64)
        print(f"| keep-alive small requests, 64 connections | {o[0]:,.0f} req/s | {n[0]:,.0f} req/s | {o[0]/n[0]:.2f} | ≥ 1.00 |", flush=True)
        o = wrk(f"http://127.0.0.1:{oport}/file", 4); n = wrk(f"http://127.0.0.1:{nport}/big.bin", 4)
        print(f"| 50 MB download, 4 connections | {o[1]/2**20:,.0f} MB/s | {n[1]/2**20:,.0f} MB/s | {o[1]/n[1]:.2f} | ≥ 0.80 |", flush=True)
        o = wrk(f"http://127.0.0.1:{oport}/healthz", 1000, latency=True); n = wrk(f"http://127.0.0.1:{nport}/small.txt", 1000, latency=True)
        print(f"| 1,000 keep-alive connections: p99 latency | {o[2]:.1f} ms ({o[0]:,.0f} req/s) | {n[2]:.1f} ms ({n[0]:,.0f} req/s) | | < 100 ms |", flush=True)
        hwm = next(l.split()[1] for l in open(f"/proc/{ours.pid}/status") if l.startswith("VmHWM"))
        print(f"| max RSS (VmHWM) after all runs | {int(hwm)/1024:.0f} MB | | | < 150 MB |")
        for label, r in (("ours", o), ("nginx", n)):
            if r[3]: print(f"\n{label} wrk notes: {'; '.join(r[3])}")
    finally:
        for p in (ours, nginx):
            p.terminate()
            try: p.wait(timeout=15)
            except subprocess.TimeoutExpired: p.kill()

def section_client(work):
    """The student's client: a data folder with 20 installed courses (copies of the rich sample under
    new ids) and 100,000 progress events (through the hidden `_seed-progress`, which records them with
    the same code as `done`, spread over 100 profiles), then cold-process commands against it."""
    lms = bin_path("lms-offline")
    home = os.path.join(work, "client-home")
    rm(home)
    env = dict(os.environ, LMS_HOME=home, LANG="C", LC_ALL="", LC_MESSAGES="", NO_COLOR="1")
    def run(args, **kw):
        return subprocess.run([lms] + args, env=dict(env, **kw), check=True, capture_output=True, text=True).stdout
    packages = []
    for n in range(1, 21):
        folder = os.path.join(work, f"client-course-{n}")
        rm(folder)
        shutil.copytree(os.path.join(ROOT, "samples", "rich-course"), folder)
        manifest = os.path.join(folder, "course.json")
        text = open(manifest).read().replace('"id": "intro-programming"', f'"id": "bench-course-{n}"')
        open(manifest, "w").write(text)
        pkg = os.path.join(work, f"client-course-{n}.zip")
        rm(pkg)
        run(["pack", folder, "-o", pkg])
        packages.append(pkg)
    for pkg in packages:
        run(["install", pkg])
    seeded = run(["_seed-progress", "--events", "100000", "--profiles", "100"]).strip()
    run(["profile", "switch", "bench-1"], LMS_PIN="0000")
    print("\n### Student client (20 courses, 100,000 progress events over 100 profiles)\n")
    print(f"Data: {seeded}; store {os.path.getsize(os.path.join(home, 'store.sqlite')) / 1e6:.1f} MB plus WAL.\n")
    print("| measurement | lms-offline (median: wall, max RSS) | peer | peer/ours | note |")
    print("|---|---|---|---|---|")
    cmd_env = ["env", f"LMS_HOME={home}", "LANG=C", "NO_COLOR=1"]
    row("`courses` (cold process)", measure(cmd_env + [lms, "courses"], runs=11), note="median of 11 runs; page cache warm")
    row("`progress` (cold process)", measure(cmd_env + [lms, "progress"], runs=11), note="median of 11 runs; all 20 courses")
    row("`progress --json` (cold process)", measure(cmd_env + [lms, "progress", "--json"], runs=11))
    row("`done LESSON` (whole process)", measure(cmd_env + [lms, "done", "bench-course-1:foundations/welcome"], runs=11),
        note="process start, store open, one write + outbox entry")
    per_call = run(["_record-progress", "bench-course-1:foundations/welcome", "--times", "1000"]).strip()
    print(f"| recording a lesson's progress, in process | {per_call.split(': ')[-1]} | – | | 1,000 calls, each its own transaction with its outbox entry |")
    rich = os.path.join(work, "client-rich.zip")
    rm(rich)
    run(["pack", os.path.join(ROOT, "samples", "rich-course"), "-o", rich])
    fresh, out = os.path.join(work, "client-fresh"), os.path.join(work, "client-unzip")
    ours = measure(["env", f"LMS_HOME={fresh}", lms, "install", rich], runs=5, setup=lambda: rm(fresh))
    peer = measure(["unzip", "-q", rich, "-d", out], runs=5, setup=lambda: rm(out))
    row("`install` rich sample (fresh data folder)", ours, peer, "peer: unzip -q of the same package; ours verifies every hash, loads the course, creates the store")
    big_course = os.path.join(work, "course-50")
    if not os.path.isdir(big_course): gen_course.generate(big_course, 2000, 50)
    big = os.path.join(work, "client-big.zip")
    if not os.path.exists(big): run(["pack", big_course, "-o", big])
    ours = measure(["env", f"LMS_HOME={fresh}", lms, "install", big], runs=3, setup=lambda: rm(fresh))
    peer = measure(["unzip", "-q", big, "-d", out], runs=3, setup=lambda: rm(out))
    row("`install` 2,000 lessons + 50 MB media", ours, peer, "peer: unzip -q of the same package")
    rm(fresh); rm(out)

def section_sync(work):
    import sync_bench
    sync_bench.section_sync(work, bin_path, row)

SECTIONS = {"package": section_package, "http": section_http, "client": section_client, "sync": section_sync}

def main():
    names = sys.argv[1:] or list(SECTIONS)
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    work = os.environ.get("BENCH_WORK", os.path.join(ROOT, "bench-work"))
    os.makedirs(work, exist_ok=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; date {time.strftime('%Y-%m-%d')}")
    for name in names:
        if name not in SECTIONS: sys.exit(f"unknown section {name}; known: {', '.join(SECTIONS)}")
        SECTIONS[name](work)

def section_teaching(work):
    import teaching_bench
    teaching_bench.section_teaching(work, bin_path)

SECTIONS["teaching"] = section_teaching  # issue 6: gradebook and reports at 1,000 students × 50 items

def section_markdown(work):
    subprocess.run([os.path.join(ROOT, "scripts", "bench", "commonmark.sh")], check=True)

SECTIONS["markdown"] = section_markdown  # issue 11: CommonMark spec examples, 200 KB lessons

def section_pictures(work):
    subprocess.run([os.path.join(ROOT, "scripts", "bench", "pictures.sh")], check=True)

SECTIONS["pictures"] = section_pictures  # issue 11: PNG decoding and half-block drawing, 1000 × 1000

if __name__ == "__main__":
    main()
