#!/usr/bin/env python3
"""The study app's speed, measured as a student meets it: `lms-offline study` in a pseudo-terminal
(100x30) over a data folder with 20 installed courses (copies of the rich sample under new ids, one
with an extra 200 KB lesson) and 100,000 progress events (the hidden `_seed-progress`, over 100
profiles). Times are from writing the key (or starting the process) to the end of the redraw it
causes. Usage: scripts/bench/app_bench.py [--binary PATH] [--work DIR]; prints Markdown rows for
docs/BENCHMARKS.md. Targets (issue 10): first screen < 100 ms from launch; opening a course or a
200 KB lesson < 50 ms; a keypress to a redrawn screen < 10 ms."""
import argparse, fcntl, os, pty, select, shutil, struct, subprocess, sys, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def big_lesson(path, size=200_000):
    """A 200 KB lesson: headings, paragraphs with emphasis and links, lists, code, a table."""
    parts, n = ["# A long lesson\n"], 0
    while sum(len(p) for p in parts) < size:
        n += 1
        parts.append(f"\n## Section {n}\n\nA paragraph with *emphasis*, **strong words**, `code` and a "
                     f"[link to the syllabus](../syllabus.md) that wraps across the width of the terminal "
                     f"as any long sentence in a real lesson does, number {n}.\n\n"
                     f"- first point of {n}\n- second point, a little longer than the first\n  1. nested\n\n"
                     f"```python\nfor i in range({n}):\n    print(i)\n```\n\n"
                     f"| a | b |\n|---|---|\n| {n} | {n * 2} |\n")
    with open(path, "w") as f:
        f.write("".join(parts))

def prepare(lms, work):
    home = os.path.join(work, "app-home")
    shutil.rmtree(home, ignore_errors=True)
    env = dict(os.environ, LMS_HOME=home, LANG="C", LC_ALL="", LC_MESSAGES="", NO_COLOR="1")
    def run(args, **kw):
        return subprocess.run([lms] + args, env=dict(env, **kw), check=True, capture_output=True, text=True).stdout
    for n in range(1, 21):
        folder = os.path.join(work, f"app-course-{n}")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "samples", "rich-course"), folder)
        manifest = os.path.join(folder, "course.json")
        text = open(manifest).read().replace('"id": "intro-programming"', f'"id": "bench-course-{n:02d}"')
        text = text.replace('"title": "Introduction to Programming"', f'"title": "Course {n:02d}"')
        open(manifest, "w").write(text)
        if n == 1: big_lesson(os.path.join(folder, "02-practice", "09-long.md"))
        pkg = folder + ".zip"
        run(["pack", folder, "-o", pkg])
        run(["install", pkg])
    seeded = run(["_seed-progress", "--events", "100000", "--profiles", "100"]).strip()
    run(["profile", "switch", "bench-1"], LMS_PIN="0000")
    return home, env, seeded

class App:
    """`lms-offline study` on a pseudo-terminal of 100x30."""
    def __init__(self, lms, env):
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.execve(lms, [lms, "study"], dict(env, TERM="xterm-256color"))
        self.pid, self.fd = pid, fd

    def read_until(self, marker, timeout=10.0):
        """Seconds until `marker` appeared and the output then paused (the frame ended)."""
        data, t0, seen = b"", time.perf_counter(), None
        while time.perf_counter() - t0 < timeout:
            ready, _, _ = select.select([self.fd], [], [], 0.002 if seen else 0.5)
            if not ready:
                if seen: return seen
                continue
            data += os.read(self.fd, 65536)
            if marker.encode() in data: seen = time.perf_counter()
        raise RuntimeError(f"no {marker!r} on screen: {data[-300:]!r}")

    def drain(self, quiet=0.1):
        """Reads what the app drew on its own (work finished in the background) until it is quiet."""
        while select.select([self.fd], [], [], quiet)[0]:
            os.read(self.fd, 65536)

    def key(self, text, marker):
        t0 = time.perf_counter()
        os.write(self.fd, text.encode())
        return self.read_until(marker) - t0

    def quit(self):
        os.write(self.fd, b"\x03")
        os.waitpid(self.pid, 0)

def median(values):
    values = sorted(values)
    return values[len(values) // 2]

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--work", default="/tmp/lms-app-bench")
    args = parser.parse_args()
    lms = args.binary or os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                                     capture_output=True, text=True, check=True).stdout.strip(), "lms-offline")
    os.makedirs(args.work, exist_ok=True)
    home, env, seeded = prepare(lms, args.work)
    first, course, lesson, keys, lesson_keys = [], [], [], [], []
    for _ in range(7):
        app = App(lms, env)
        first.append(app.read_until("Home") - app.start)
        app.key("j", "Course 01")  # the first course row
        course.append(app.key("\r", "Foundations"))
        app.key("G", "A long lesson")  # the last item: the 200 KB lesson
        lesson.append(app.key("\r", "line 1 of"))
        time.sleep(1.0)  # the rest of the lesson is laid out in the background meanwhile
        app.drain()
        for i in range(20): lesson_keys.append(app.key(" " if i % 2 == 0 else "b", "line "))
        app.key("q", "Foundations")
        for i in range(20): keys.append(app.key("j" if i % 2 else "k", "\x1b[K"))
        app.quit()
    print(f"\nData: {seeded}; store {os.path.getsize(os.path.join(home, 'store.sqlite')) / 1e6:.1f} MB; "
          f"binary {lms}.\n")
    print("| measurement | median (of runs) | target |")
    print("|---|---|---|")
    print(f"| first screen, from process start (home of 20 courses) | {median(first) * 1000:.1f} ms (7) | < 100 ms |")
    print(f"| open a course (Enter to its screen drawn) | {median(course) * 1000:.1f} ms (7) | < 50 ms |")
    print(f"| open a 200 KB lesson (Enter to its first page drawn) | {median(lesson) * 1000:.1f} ms (7) | < 50 ms |")
    print(f"| keypress to redraw, course list (j/k) | {median(keys) * 1000:.2f} ms (140) | < 10 ms |")
    print(f"| keypress to redraw, 200 KB lesson (Space/b) | {median(lesson_keys) * 1000:.2f} ms (140) | < 10 ms |")

if __name__ == "__main__":
    main()
