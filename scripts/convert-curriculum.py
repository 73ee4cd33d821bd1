#!/usr/bin/env python3
"""Convert a GitHub "for beginners" curriculum into a course folder (docs/COURSE-FORMAT.md).

Usage:
    scripts/convert-curriculum.py SOURCE OUT [--id ID] [--title TITLE] [--lang CODE]
                                  [--placeholder-images] [--source-url URL] [--force]

SOURCE is a checkout laid out like microsoft/Web-Dev-For-Beginners:

    SOURCE/README.md                          the first "# " heading is the course title
    SOURCE/1-getting-started-lessons/         a group of lessons: one module
        README.md                             optional; its first heading titles the module
        1-intro-to-programming-languages/     a lesson
            README.md                         the lesson
            assignment.md                     optional; becomes an assignment (text submission)
            images/...                        files the lesson links to
            translations/README.es.md         used with --lang es (otherwise ignored)
            .github/*quiz*.md                 ignored (the quizzes live on a web site)

OUT gets course.json, one module folder per group (1-getting-started-lessons becomes
01-getting-started), one lesson per lesson folder (01-intro-to-programming-languages.md, with
an explicit "id:" in front matter so that renumbering a lesson keeps its students' records),
its assignment right after it (02-intro-to-programming-languages-assignment.assignment.md: items
are numbered in order, so no two share a number), and every file the
Markdown links to under media/<lesson>/. Relative links and <img src> are rewritten: to the copied
media, and to the new lesson and assignment files for links between lessons (anchors kept).

Limits, on purpose:
  - Missing files are reported, never invented. With --placeholder-images a missing image is
    replaced by a 1x1 PNG (or an empty SVG) so that the folder validates; each is reported.
  - A link to a Markdown file that is not a lesson or an assignment (the repository's README, a
    quiz app) becomes an absolute link under --source-url when given; otherwise the link is
    removed, its text kept, and reported.
  - Links inside code (fenced blocks, `code spans`) are left alone. Reference definitions,
    inline links, images and HTML src/href attributes are rewritten; other HTML is copied as is.
  - An assignment's "## Rubric" heading is renamed "## Rubric: what each level looks like": these
    curricula write a table of levels there, not the "- criterion: points" lines of a rubric.
  - Quizzes in .github/ are not converted (they are prose, not a question format).
  - Only the Python 3 standard library is used. Exit status: 0 when the course was written
    (problems listed on stderr), 1 when there was none to write, 2 for wrong usage.
"""

import argparse
import json
import os
import re
import shutil
import sys
import urllib.parse

NUMBERED = re.compile(r"^(\d+)-(.+)$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
REFERENCE_DEFINITION = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)(.*)$")
HTML_ATTRIBUTE = re.compile(r"""(<(?:img|a|source|video|audio)\b[^>]*?\b(?:src|href)\s*=\s*)(["'])(.*?)\2""",
                            re.IGNORECASE)
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"}
# The smallest valid PNG: one transparent pixel.
PLACEHOLDER_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
PLACEHOLDER_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'
COURSE_ID_MAX_CHARACTERS = 64
RUBRIC_HEADING = re.compile(r"^##[ \t]+rubric[ \t]*$", re.IGNORECASE | re.MULTILINE)
RUBRIC_AS_TEXT = "## Rubric: what each level looks like"


class Problems:
    """Everything the teacher must look at, printed at the end."""

    def __init__(self):
        self.lines = []

    def add(self, where, message):
        self.lines.append(f"{where}: {message}")


def slug(text):
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text


def numbered_dirs(folder):
    """Numbered sub-folders of `folder`, as (number, name, path), in numeric order."""
    found = []
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        match = NUMBERED.match(name)
        if match and os.path.isdir(path) and not name.startswith((".", "_")):
            found.append((int(match.group(1)), match.group(2), path))
    return sorted(found)


def first_heading(path):
    try:
        with open(path, encoding="utf-8") as handle:
            in_fence = False
            for line in handle:
                if FENCE.match(line):
                    in_fence = not in_fence
                if not in_fence and line.startswith("# "):
                    title = re.sub(r"<[^>]+>|[*_`]", "", line[2:]).strip()
                    title = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", title).strip()
                    return title or None
    except OSError:
        return None
    return None


class Converter:
    def __init__(self, args):
        self.source = os.path.realpath(args.source)
        self.out = os.path.abspath(args.out)
        self.lang = args.lang
        self.placeholders = args.placeholder_images
        self.source_url = args.source_url.rstrip("/") + "/" if args.source_url else None
        self.problems = Problems()
        self.lessons = {}  # realpath of a lesson folder -> lesson record
        self.media_names = set()
        self.copied = {}  # source realpath -> output path
        self.counts = {"modules": 0, "lessons": 0, "assignments": 0, "media": 0, "placeholders": 0}

    # Discovery

    def discover(self):
        modules = []
        for number, name, path in numbered_dirs(self.source):
            lesson_dirs = [entry for entry in numbered_dirs(path)
                           if os.path.isfile(os.path.join(entry[2], "README.md"))]
            if not lesson_dirs:
                continue
            module_name = re.sub(r"-lessons?$", "", name)
            module = {"dir": f"{number:02d}-{module_name}", "slug": slug(module_name), "source": path,
                      "title": first_heading(os.path.join(path, "README.md")), "lessons": []}
            seen_numbers = {}
            position = 0  # items are numbered in order: a lesson, then its assignment
            for lesson_number, lesson_name, lesson_path in lesson_dirs:
                if lesson_number in seen_numbers:
                    self.problems.add(self.rel(lesson_path),
                                      f"shares number {lesson_number} with {seen_numbers[lesson_number]}; "
                                      "both kept, ordered by name")
                seen_numbers[lesson_number] = lesson_name
                lesson_slug = slug(lesson_name)
                position += 1
                stem = f"{position:02d}-{lesson_slug}"
                media = lesson_slug if lesson_slug not in self.media_names else f"{module['slug']}-{lesson_slug}"
                self.media_names.add(media)
                lesson = {"module": module, "source": lesson_path, "stem": stem,
                          "id": f"{module['slug']}/{lesson_slug}", "media": media,
                          "file": os.path.join(self.out, module["dir"], stem + ".md"),
                          "assignment_file": None}
                if os.path.isfile(os.path.join(lesson_path, "assignment.md")):
                    position += 1
                    lesson["assignment_file"] = os.path.join(
                        self.out, module["dir"], f"{position:02d}-{lesson_slug}-assignment.assignment.md")
                module["lessons"].append(lesson)
                self.lessons[os.path.realpath(lesson_path)] = lesson
            modules.append(module)
        return modules

    def rel(self, path):
        return os.path.relpath(path, self.source)

    def localized(self, lesson, name):
        """The file to read for README.md or assignment.md, honouring --lang."""
        english = os.path.join(lesson["source"], name)
        if not self.lang:
            return english
        stem, extension = os.path.splitext(name)
        translated = os.path.join(lesson["source"], "translations", f"{stem}.{self.lang}{extension}")
        if os.path.isfile(translated):
            return translated
        self.problems.add(self.rel(english), f"no {self.lang} translation; the English text is used")
        return english

    # Links

    def rewrite_target(self, target, source_file, out_file, lesson, where):
        """The new destination for a link target written in `source_file`, or None to unlink."""
        if not target or target.startswith("#"):
            return target
        parsed = urllib.parse.urlsplit(target)
        if parsed.scheme or target.startswith("//"):
            return target
        path = urllib.parse.unquote(parsed.path)
        anchor = "#" + parsed.fragment if parsed.fragment else ""
        if parsed.query and not path:
            return target
        base = self.source if path.startswith("/") else os.path.dirname(source_file)  # GitHub: "/" is the root
        resolved = os.path.realpath(os.path.join(base, path.lstrip("/")))
        if resolved != self.source and not resolved.startswith(self.source + os.sep):
            self.problems.add(where, f"link {target!r} points outside the curriculum; removed")
            return None
        new_path = self.lesson_link(resolved)
        if new_path is None:
            new_path = self.media_link(resolved, lesson, where, target)
        if new_path is None:
            if self.source_url:
                return self.source_url + urllib.parse.quote(os.path.relpath(resolved, self.source)) + anchor
            return None
        relative = os.path.relpath(new_path, os.path.dirname(out_file))
        return urllib.parse.quote(relative) + anchor

    def lesson_link(self, resolved):
        """The output file for a link to a lesson folder, its README or its assignment."""
        folder, name = resolved, None
        if not os.path.isdir(resolved):
            folder, name = os.path.dirname(resolved), os.path.basename(resolved)
            if os.path.basename(folder) == "translations":
                folder = os.path.dirname(folder)
                name = re.sub(r"^(README|assignment)\.[A-Za-z-]+\.md$", r"\1.md", name)
        lesson = self.lessons.get(folder)
        if lesson is None:
            return None
        if name in (None, "README.md"):
            return lesson["file"]
        if name == "assignment.md" and lesson["assignment_file"]:
            return lesson["assignment_file"]
        return None

    def media_link(self, resolved, lesson, where, target):
        if resolved in self.copied:
            return self.copied[resolved]
        extension = os.path.splitext(resolved)[1].lower()
        if extension == ".md" or os.path.isdir(resolved):
            if os.path.exists(resolved):
                message = f"link {target!r} is not a lesson of this course"
            else:
                message = f"link {target!r}: no such file"
            suffix = "; made absolute under --source-url" if self.source_url else "; removed, its text kept"
            self.problems.add(where, message + suffix)
            return None
        inside = os.path.relpath(resolved, lesson["source"])
        if inside.startswith(".."):
            inside = os.path.relpath(resolved, self.source)  # a shared file keeps its place: no clashes
        destination = os.path.join(self.out, "media", lesson["media"], inside)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        if os.path.isfile(resolved):
            shutil.copyfile(resolved, destination)
            self.counts["media"] += 1
        elif self.placeholders and (extension in IMAGE_EXTENSIONS or extension == ".svg"):
            with open(destination, "wb") as handle:
                handle.write(PLACEHOLDER_SVG if extension == ".svg" else PLACEHOLDER_PNG)
            self.counts["placeholders"] += 1
            self.problems.add(where, f"image {target!r} is missing; wrote a placeholder")
        else:
            outcome = "linked under --source-url" if self.source_url else "link removed"
            self.problems.add(where, f"file {target!r} is missing; {outcome} (pass --placeholder-images "
                                     "for images, or add the file and run again)")
            return None
        self.copied[resolved] = destination
        return destination

    def rewrite_markdown(self, text, source_file, out_file, lesson):
        lines = text.split("\n")
        fence = None
        for index, line in enumerate(lines):
            where = f"{self.rel(source_file)}:{index + 1}"
            match = FENCE.match(line)
            if fence:
                if match and match.group(2)[0] == fence[0] and len(match.group(2)) >= len(fence):
                    fence = None
                continue
            if match:
                fence = match.group(2)
                continue
            lines[index] = self.rewrite_line(line, source_file, out_file, lesson, where)
        return "\n".join(lines)

    def rewrite_line(self, line, source_file, out_file, lesson, where):
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            raw = definition.group(2)
            target = raw[1:-1] if raw.startswith("<") else raw
            new = self.rewrite_target(target, source_file, out_file, lesson, where)
            return definition.group(1) + ("<" + (new or "#") + ">") + definition.group(3)
        pieces = re.split(r"(`+[^`]*`+)", line)
        for number, piece in enumerate(pieces):
            if number % 2 == 0:
                piece = self.rewrite_inline_links(piece, source_file, out_file, lesson, where)
                piece = HTML_ATTRIBUTE.sub(
                    lambda m: m.group(1) + m.group(2)
                    + (self.rewrite_target(m.group(3), source_file, out_file, lesson, where) or "#")
                    + m.group(2), piece)
                pieces[number] = piece
        return "".join(pieces)

    def rewrite_inline_links(self, text, source_file, out_file, lesson, where):
        """Rewrites the destinations of `[text](dest "title")` and `![alt](dest)`."""
        result = []
        position = 0
        while True:
            start = text.find("](", position)
            if start < 0:
                result.append(text[position:])
                return "".join(result)
            cursor = start + 2
            while cursor < len(text) and text[cursor] in " \t":
                cursor += 1
            if cursor < len(text) and text[cursor] == "<":
                end = text.find(">", cursor)
                if end < 0:
                    result.append(text[position:start + 2])
                    position = start + 2
                    continue
                target, after = text[cursor + 1:end], end + 1
            else:
                depth, end = 0, cursor
                while end < len(text) and not text[end].isspace():
                    if text[end] == "(":
                        depth += 1
                    elif text[end] == ")":
                        if depth == 0:
                            break
                        depth -= 1
                    end += 1
                target, after = text[cursor:end], end
            new = self.rewrite_target(target, source_file, out_file, lesson, where)
            if new is None:
                # Unlink: drop "[" of the link text and the "(destination ...)" part.
                opening = self.link_opening(text, start)
                close = text.find(")", after)
                if opening is not None and close >= 0:
                    is_image = opening > 0 and text[opening - 1] == "!"
                    head = text[position:opening - 1] if is_image else text[position:opening]
                    label = text[opening + 1:start]
                    result.append(head + (f"[missing image: {label}]" if is_image else label))
                    position = close + 1
                    continue
                new = "#"
            result.append(text[position:start + 2] + text[start + 2:cursor] + new)
            position = after

    @staticmethod
    def link_opening(text, close_bracket):
        depth = 0
        for index in range(close_bracket - 1, -1, -1):
            if text[index] == "]":
                depth += 1
            elif text[index] == "[":
                if depth == 0:
                    return index
                depth -= 1
        return None

    # Writing

    def write(self, modules, args):
        title = args.title or first_heading(os.path.join(self.source, "README.md"))
        if not title:
            print("error: the curriculum's README.md has no '# ' heading; pass --title \"Course title\"",
                  file=sys.stderr)
            return 1
        course_id = args.id or slug(title)[:COURSE_ID_MAX_CHARACTERS].strip("-")
        if not re.match(r"^[a-z0-9-]{3,64}$", course_id):
            print(f"error: course id {course_id!r} must be 3 to 64 lowercase letters, digits and '-'; "
                  "pass --id", file=sys.stderr)
            return 2
        os.makedirs(self.out, exist_ok=True)
        manifest = {"id": course_id, "version": "1.0.0", "title": title, "language": self.lang or "en"}
        with open(os.path.join(self.out, "course.json"), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        for module in modules:
            folder = os.path.join(self.out, module["dir"])
            os.makedirs(folder, exist_ok=True)
            self.counts["modules"] += 1
            if module["title"]:
                with open(os.path.join(folder, "module.json"), "w", encoding="utf-8") as handle:
                    json.dump({"title": module["title"]}, handle, ensure_ascii=False)
                    handle.write("\n")
            for lesson in module["lessons"]:
                self.write_item(lesson, self.localized(lesson, "README.md"), lesson["file"],
                                {"id": lesson["id"]})
                self.counts["lessons"] += 1
                if lesson["assignment_file"]:
                    self.write_item(lesson, self.localized(lesson, "assignment.md"), lesson["assignment_file"],
                                    {"id": lesson["id"] + "-assignment", "submission": "text"})
                    self.counts["assignments"] += 1
        return 0

    def write_item(self, lesson, source_file, out_file, front_matter):
        with open(source_file, encoding="utf-8-sig") as handle:
            text = handle.read().replace("\r\n", "\n")
        if text.startswith("---\n"):
            self.problems.add(self.rel(source_file), "had its own front matter; it was replaced")
            end = text.find("\n---\n", 4)
            text = text[end + 5:] if end >= 0 else text
        if not re.search(r"^# ", text, re.MULTILINE):
            self.problems.add(self.rel(source_file), "has no '# ' heading; the file name titles it")
        text = self.rewrite_markdown(text, source_file, out_file, lesson)
        if out_file.endswith(".assignment.md"):
            # "## Rubric" is a grading rubric of "- criterion: points" lines; these curricula write a
            # table of levels there, which stays as text under another heading.
            text, renamed = RUBRIC_HEADING.subn(RUBRIC_AS_TEXT, text)
            if renamed:
                self.problems.add(self.rel(source_file), f"'## Rubric' (a table of levels, no points) kept as "
                                                         f"'{RUBRIC_AS_TEXT}'")
        header = "---\n" + "".join(f"{key}: {value}\n" for key, value in front_matter.items()) + "---\n"
        with open(out_file, "w", encoding="utf-8") as handle:
            handle.write(header + text.lstrip("\n"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="the curriculum's folder (a checkout)")
    parser.add_argument("out", help="the course folder to write (new or empty)")
    parser.add_argument("--id", help="the course id (default: from the title)")
    parser.add_argument("--title", help="the course title (default: the first heading of SOURCE/README.md)")
    parser.add_argument("--lang", help="use translations/README.LANG.md and assignment.LANG.md where present")
    parser.add_argument("--placeholder-images", action="store_true",
                        help="write a 1x1 image for each missing image, so the folder validates")
    parser.add_argument("--source-url", help="base URL for links to files that are not lessons")
    parser.add_argument("--force", action="store_true", help="write into OUT even when it is not empty")
    args = parser.parse_args()
    if not os.path.isdir(args.source):
        print(f"error: {args.source} is not a folder; give the curriculum's checkout", file=sys.stderr)
        return 2
    if os.path.isdir(args.out) and os.listdir(args.out) and not args.force:
        print(f"error: {args.out} is not empty; choose a new folder or pass --force", file=sys.stderr)
        return 2
    converter = Converter(args)
    modules = converter.discover()
    if not modules:
        print(f"error: no lessons found in {args.source}: expected N-group/M-lesson/README.md", file=sys.stderr)
        return 1
    status = converter.write(modules, args)
    if status:
        return status
    for line in converter.problems.lines:
        print(line, file=sys.stderr)
    counts = converter.counts
    print(f"wrote {args.out}: {counts['modules']} modules, {counts['lessons']} lessons, "
          f"{counts['assignments']} assignments, {counts['media']} media files, "
          f"{counts['placeholders']} placeholders; {len(converter.problems.lines)} problems listed above")
    return 0


if __name__ == "__main__":
    sys.exit(main())
