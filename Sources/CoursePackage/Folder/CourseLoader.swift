import Foundation
import LMSModel

/// Reads a whole course (folder or package) into a `Course`, collecting every problem at once.
/// This is the one place that knows the layout of COURSE-FORMAT.md.
public enum CourseLoader {
    /// What loading found.
    public struct Result: Sendable {
        /// The course, when it has no errors.
        public var course: Course?
        /// Every problem, errors and warnings, in file order.
        public var diagnostics: [Diagnostic]
        /// The course files that are not lessons, quizzes, assignments or metadata (media and attachments).
        public var assets: [String]
        /// The file of each lesson, quiz and assignment, by item id.
        public var itemPaths: [String: String] = [:]

        /// True when there is no error.
        public var isValid: Bool { course != nil && !diagnostics.hasErrors }
    }

    /// The kind of a file inside a module, from its name.
    enum ItemFile {
        case lesson, quizJSON, gift, assignment

        static func classify(_ name: String) -> (kind: ItemFile, order: Int, stem: String)? {
            guard let (order, rest) = numberedName(name) else { return nil }
            for (suffix, kind) in [
                (".assignment.md", ItemFile.assignment), (".quiz.json", .quizJSON), (".gift", .gift), (".md", .lesson)
            ]
            where rest.hasSuffix(suffix) && rest.count > suffix.count {
                return (kind, order, String(rest.dropLast(suffix.count)))
            }
            return nil
        }
    }

    /// Loads and checks a course.
    public static func load(_ files: any CourseFiles) -> Result {
        var diagnostics: [Diagnostic] = []
        var references: Set<String> = []
        var metadata: Set<String> = ["course.json", PackageManifest.fileName]
        guard files.contains("course.json") else {
            diagnostics.append(
                .error(
                    "course.json", nil,
                    "the course has no course.json: add one with at least \"id\", \"version\" and \"title\" (lms-offline new-course makes a starting point)"
                ))
            return Result(course: nil, diagnostics: diagnostics, assets: [])
        }
        let manifestText = files.readText("course.json", into: &diagnostics)
        var course = manifestText.flatMap { CourseManifestReader.read($0, diagnostics: &diagnostics) }
        let timeZone = course?.timeZone ?? manifestText.flatMap(CourseManifestReader.timeZone(in:))
        if files.contains("syllabus.md"), let text = files.readText("syllabus.md", into: &diagnostics) {
            metadata.insert("syllabus.md")
            let fm = FrontMatter.parse(text, file: "syllabus.md", diagnostics: &diagnostics)
            LessonReader.checkLinks(
                fm, file: "syllabus.md", files: files, references: &references, diagnostics: &diagnostics)
        }

        // Group files by module folder.
        var moduleFiles: [String: [String]] = [:]
        for path in files.paths {
            let parts = path.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, numberedName(String(parts[0])) != nil else { continue }
            moduleFiles[String(parts[0]), default: []].append(String(parts[1]))
        }
        let moduleFolders = moduleFiles.keys.sorted { order(of: $0) < order(of: $1) }
        if moduleFolders.isEmpty {
            diagnostics.append(
                .warning(
                    "course.json", nil,
                    "the course has no modules: add a folder like 01-getting-started with a lesson in it"))
        }
        var modules: [Module] = []
        var itemIDs: [String: String] = [:]
        var moduleIDs: [String: String] = [:]
        for folder in moduleFolders {
            let moduleID = String(numberedName(folder)?.rest ?? Substring(folder))
            if let other = moduleIDs[moduleID] {
                diagnostics.append(
                    .error(folder, nil, "module id \"\(moduleID)\" is also used by \(other): rename one of the folders")
                )
            }
            moduleIDs[moduleID] = folder
            var module = Module(id: moduleID, title: humanize(moduleID))
            if files.contains(folder + "/module.json") {
                metadata.insert(folder + "/module.json")
                readModuleJSON(folder + "/module.json", into: &module, files: files, diagnostics: &diagnostics)
            }
            var seenOrders: [Int: String] = [:]
            let entries = (moduleFiles[folder] ?? []).compactMap { name -> (ItemFile, Int, String, String)? in
                guard !name.contains("/"), let c = ItemFile.classify(name) else { return nil }
                return (c.kind, c.order, c.stem, name)
            }.sorted { ($0.1, $0.3) < ($1.1, $1.3) }
            for (kind, position, stem, name) in entries {
                let path = folder + "/" + name
                metadata.insert(path)
                if let other = seenOrders[position] {
                    diagnostics.append(
                        .warning(
                            path, nil,
                            "shares its number \(position) with \(other): the order between them is by name; renumber one to be sure"
                        ))
                }
                seenOrders[position] = name
                guard let text = files.readText(path, into: &diagnostics) else { continue }
                let defaultID = moduleID + "/" + stem
                var item: CourseItem?
                switch kind {
                case .lesson:
                    item = LessonReader.read(
                        text, file: path, defaultID: defaultID, files: files, references: &references,
                        diagnostics: &diagnostics
                    ).map(CourseItem.lesson)
                case .assignment:
                    item = AssignmentReader.read(
                        text, file: path, defaultID: defaultID, timeZone: timeZone, files: files,
                        references: &references, diagnostics: &diagnostics
                    ).map(CourseItem.assignment)
                case .quizJSON:
                    item = QuizJSONReader.read(
                        text, file: path, defaultID: defaultID, defaultTitle: humanize(stem),
                        diagnostics: &diagnostics
                    ).map(CourseItem.quiz)
                case .gift:
                    item = readGIFT(
                        text, file: path, defaultID: defaultID, defaultTitle: humanize(stem),
                        diagnostics: &diagnostics
                    ).map(CourseItem.quiz)
                }
                guard let item else { continue }
                if !isValidItemID(item.id) {
                    diagnostics.append(
                        .error(
                            path, 1,
                            "id \"\(item.id)\" may hold only letters, digits, -, _, . and /, up to 128 characters"))
                } else if let other = itemIDs[item.id] {
                    diagnostics.append(
                        .error(path, 1, "id \"\(item.id)\" is also the id of \(other): every item needs its own id"))
                }
                itemIDs[item.id] = path
                module.items.append(item)
            }
            modules.append(module)
        }
        if var c = course {
            for (old, new) in c.renamed.sorted(by: { $0.key < $1.key }) {
                if itemIDs[new] == nil {
                    diagnostics.append(
                        .error(
                            "course.json", nil,
                            "\"renamed\" maps \"\(old)\" to \"\(new)\", but no item has the id \"\(new)\""))
                }
                if let path = itemIDs[old] {
                    diagnostics.append(
                        .error(
                            "course.json", nil, "\"renamed\" says \"\(old)\" was renamed, but \(path) still has that id"
                        ))
                }
            }
            c.modules = modules
            course = c
        }
        checkLinkedPages(files: files, items: metadata, references: &references, diagnostics: &diagnostics)
        checkNames(files.paths, diagnostics: &diagnostics)
        let assets = files.paths.filter { !metadata.contains($0) }
        for asset in assets where !references.contains(asset) {
            diagnostics.append(
                .warning(
                    asset, nil,
                    "file is not used by any lesson or assignment: link it, or delete it to keep the package small"))
        }
        diagnostics = sortedDiagnostics(diagnostics)
        return Result(
            course: diagnostics.hasErrors ? nil : course, diagnostics: diagnostics, assets: assets, itemPaths: itemIDs)
    }

    /// How many linked Markdown pages are walked at most: every page of a course is far fewer;
    /// the bound keeps a hostile package's validation short. 10,000 pages.
    static let maxLinkedPages = 10_000

    /// Markdown pages that are not items (a glossary, a handout) reach students through the
    /// lessons that link to them: their links are checked like a lesson's, and the files they
    /// use count as used. Pages linked from pages are walked too, each once.
    static func checkLinkedPages(
        files: any CourseFiles, items: Set<String>, references: inout Set<String>, diagnostics: inout [Diagnostic]
    ) {
        func isPage(_ path: String) -> Bool {
            let lower = path.lowercased()
            return (lower.hasSuffix(".md") || lower.hasSuffix(".markdown")) && !items.contains(path)
        }
        var walked: Set<String> = []
        var pending = references.filter(isPage).sorted(by: >)
        while let page = pending.popLast(), walked.count < maxLinkedPages {
            guard walked.insert(page).inserted, let text = files.readText(page, into: &diagnostics) else { continue }
            let fm = FrontMatter.parse(text, file: page, diagnostics: &diagnostics)
            var found: Set<String> = []
            LessonReader.checkLinks(fm, file: page, files: files, references: &found, diagnostics: &diagnostics)
            pending += found.filter { isPage($0) && !walked.contains($0) }.sorted(by: >)
            references.formUnion(found)
        }
    }

    /// Names a package cannot hold: unsafe ones, and two that differ only by case or Unicode
    /// normalisation (one would overwrite the other on many systems). Also an exam GIFT file whose
    /// student copy (`.quiz.json`) would replace another file.
    static func checkNames(_ paths: [String], diagnostics: inout [Diagnostic]) {
        var seen: [String: String] = [:]
        let all = Set(paths)
        for path in paths {
            if !CoursePath.isSafeRelative(path) {
                diagnostics.append(
                    .error(
                        path, nil,
                        "this name cannot go in a package (backslash, control character or a . segment): rename it"))
            }
            let key = path.precomposedStringWithCanonicalMapping.lowercased()
            if let other = seen[key] {
                diagnostics.append(
                    .error(path, nil, "differs from \(other) only by case or accents: rename one of them"))
            }
            seen[key] = path
            if path.hasSuffix(".gift"), all.contains(String(path.dropLast(".gift".count)) + ".quiz.json") {
                diagnostics.append(
                    .error(
                        path, nil,
                        "a quiz of the same name exists as .quiz.json: rename one (the student build writes GIFT exams as .quiz.json)"
                    ))
            }
        }
    }

    static func readGIFT(
        _ text: String, file: String, defaultID: String, defaultTitle: String,
        diagnostics: inout [Diagnostic]
    ) -> Quiz? {
        let doc = GIFTParser.parse(text, file: file)
        diagnostics.append(contentsOf: doc.diagnostics)
        guard !doc.diagnostics.hasErrors else { return nil }
        if doc.questions.isEmpty {
            diagnostics.append(
                .error(file, 1, "the GIFT file has no questions: add at least one, e.g. \"2 + 2 = {=4 ~3}\""))
            return nil
        }
        let s = doc.settings
        return Quiz(
            id: s.id ?? defaultID, title: s.title ?? defaultTitle, mode: s.mode ?? .practice,
            timeLimitMinutes: s.timeLimitMinutes, maxAttempts: s.maxAttempts, shuffle: s.shuffle ?? false,
            questions: doc.questions, review: s.review)
    }

    private static func readModuleJSON(
        _ path: String, into module: inout Module, files: any CourseFiles,
        diagnostics: inout [Diagnostic]
    ) {
        guard let text = files.readText(path, into: &diagnostics) else { return }
        do {
            let json = try JSONParser.parse(text)
            guard var f = JSONFields(json, file: path, context: "module.json", diagnostics: &diagnostics) else {
                return
            }
            f.warnUnknownKeys(["title", "description", "objectives", "id"])
            if let title = f.string("title") { module.title = title }
            module.description = f.string("description")
            module.objectives = f.strings("objectives")
            diagnostics.append(contentsOf: f.diagnostics)
        } catch let error as JSONParser.ParseError {
            diagnostics.append(.error(path, error.line, "invalid JSON: \(error.message)"))
        } catch {
            diagnostics.append(.error(path, 1, "invalid JSON: \(error)"))
        }
    }

    /// `NN-rest` → (NN, rest); nil when the name does not start with digits and a dash.
    static func numberedName(_ name: String) -> (order: Int, rest: Substring)? {
        guard let dash = name.firstIndex(of: "-"), dash > name.startIndex else { return nil }
        let digits = name[..<dash]
        guard digits.count <= 9, digits.allSatisfy(\.isASCII), let n = Int(digits) else { return nil }
        let rest = name[name.index(after: dash)...]
        return rest.isEmpty ? nil : (n, rest)
    }

    private static func order(of folder: String) -> (Int, String) { (numberedName(folder)?.order ?? Int.max, folder) }

    /// `getting-started` → `Getting started`.
    static func humanize(_ slug: String) -> String {
        let words = slug.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func isValidItemID(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && !id.hasPrefix("/") && !id.hasSuffix("/")
            && id.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95
                    || $0 == 46 || $0 == 47
            }
    }

    static func sortedDiagnostics(_ list: [Diagnostic]) -> [Diagnostic] {
        list.enumerated().sorted { a, b in
            let ka = (a.element.file, a.element.line ?? 0, a.offset)
            let kb = (b.element.file, b.element.line ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }
}
