#!/usr/bin/env python3
"""Generates a large course folder for benchmarks: LESSONS lessons in modules of 20, and
MEDIA_MB of mixed media (stored "video" and "image" files of random bytes, and deflatable
"PDF" worksheets), each linked from a lesson so that the course validates without warnings."""
import os, random, sys

def generate(root, lessons=2000, media_mb=200, seed=7):
    rnd = random.Random(seed)
    os.makedirs(os.path.join(root, "media"), exist_ok=True)
    with open(os.path.join(root, "course.json"), "w") as f:
        f.write('{"id": "bench-course", "version": "1.0.0", "title": "Benchmark course", "timeZone": "UTC"}\n')
    # Media: 60% video (3 MB each), 20% images (400 KB), 20% PDFs (1 MB, compressible).
    budget = media_mb * 1024 * 1024
    media = []
    plan = [("mp4", 3 * 1024 * 1024, 0.6, False), ("jpg", 400 * 1024, 0.2, False), ("pdf", 1024 * 1024, 0.2, True)]
    for ext, size, share, text_like in plan:
        for i in range(int(budget * share // size)):
            name = f"media/{ext}-{i:04d}.{ext}"
            with open(os.path.join(root, name), "wb") as f:
                if text_like:
                    words = [b"loop", b"function", b"variable", b"value", b"print", b"student", b"course", b"offline"]
                    chunk = b" ".join(rnd.choice(words) for _ in range(20000)) + b"\n"
                    while f.tell() < size:
                        f.write(chunk[: size - f.tell()])
                else:
                    f.write(os.urandom(size))
            media.append(name)
    paragraph = ("A lesson paragraph about programming, loops, functions and data, written to give the "
                 "benchmark realistic Markdown to parse. ") * 8
    for n in range(lessons):
        module = f"{n // 20 + 1:03d}-module-{n // 20 + 1}"
        os.makedirs(os.path.join(root, module), exist_ok=True)
        path = os.path.join(root, module, f"{n % 20 + 1:02d}-lesson-{n}.md")
        link = f"\n\n![figure](../{media[n % len(media)]})\n" if n < len(media) else ""
        with open(path, "w") as f:
            f.write(f"# Lesson {n}\n\n{paragraph}\n\n## Details\n\n- one\n- two\n\n{paragraph}{link}")
    for i, name in enumerate(media[lessons:]):
        with open(os.path.join(root, "001-module-1", f"99-extra-{i}.md"), "w") as f:
            f.write(f"# Extra {i}\n\n[file](../{name})\n")

if __name__ == "__main__":
    generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000, int(sys.argv[3]) if len(sys.argv) > 3 else 200)
