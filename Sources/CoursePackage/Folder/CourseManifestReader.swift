import Foundation
import LMSModel

/// Reads and checks `course.json`.
enum CourseManifestReader {
    static let knownKeys: Set<String> = [
        "id", "version", "title", "description", "language", "instructors", "durationHours", "startDate", "endDate",
        "objectives", "prerequisites", "grading", "certificate", "tags", "timeZone", "renamed"
    ]

    /// The course's valid `timeZone`, read on its own (no diagnostics), so that items' due times are read
    /// in it even when another mistake in course.json makes the course unreadable: one mistake, one message.
    static func timeZone(in text: String) -> String? {
        guard let zone = (try? JSONParser.parse(text))?["timeZone"]?.stringValue, TimeZone(identifier: zone) != nil
        else { return nil }
        return zone
    }

    /// The course (without modules), or nil when required fields are missing or wrong.
    static func read(_ text: String, file: String = "course.json", diagnostics: inout [Diagnostic]) -> Course? {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch let error as JSONParser.ParseError {
            diagnostics.append(.error(file, error.line, "invalid JSON: \(error.message)"))
            return nil
        } catch {
            diagnostics.append(.error(file, 1, "invalid JSON: \(error)"))
            return nil
        }
        guard var f = JSONFields(json, file: file, context: "course.json", diagnostics: &diagnostics) else {
            return nil
        }
        defer { diagnostics.append(contentsOf: f.diagnostics) }
        f.warnUnknownKeys(knownKeys)
        let id = f.string("id", required: true)
        if let id, !Course.isValidID(id) {
            f.error(json["id"]?.line, "\"id\" must be 3 to 64 lowercase letters, digits or - (found \"\(id)\")")
        }
        let versionText = f.string("version", required: true)
        let version = versionText.flatMap(SemanticVersion.init)
        if let versionText, version == nil {
            f.error(
                json["version"]?.line, "\"version\" must be a semantic version like 1.2.0 (found \"\(versionText)\")")
        }
        let title = f.string("title", required: true)
        var course = Course(id: id ?? "", version: version ?? SemanticVersion(0, 0, 0), title: title ?? "")
        course.description = f.string("description")
        course.language = f.string("language")
        course.instructors = f.strings("instructors")
        course.durationHours = f.number("durationHours", range: 0...100_000)
        course.objectives = f.strings("objectives")
        course.tags = f.strings("tags")
        course.certificate = f.bool("certificate") ?? false
        for key in ["startDate", "endDate"] {
            guard let text = f.string(key) else { continue }
            if !CalendarDay.isValid(text) {
                f.error(json[key]?.line, "\"\(key)\" must be a date like 2027-01-11 (found \"\(text)\")")
            } else if key == "startDate" {
                course.startDate = text
            } else {
                course.endDate = text
            }
        }
        if let start = course.startDate, let end = course.endDate, end < start {
            f.error(json["endDate"]?.line, "\"endDate\" (\(end)) is before \"startDate\" (\(start))")
        }
        if let zone = f.string("timeZone") {
            if TimeZone(identifier: zone) == nil {
                f.error(
                    json["timeZone"]?.line, "\"timeZone\" must be an IANA zone like Africa/Nairobi (found \"\(zone)\")")
            } else {
                course.timeZone = zone
            }
        }
        course.prerequisites = readPrerequisites(&f)
        course.grading = readGrading(&f)
        if let renamed = json["renamed"], !renamed.isNull {
            if let members = renamed.objectMembers {
                for member in members {
                    guard let target = member.value.stringValue else {
                        f.error(
                            member.value.line,
                            "\"renamed\" maps old ids to new ids: the value of \"\(member.key)\" must be a string")
                        continue
                    }
                    course.renamed[member.key] = target
                }
            } else {
                f.error(renamed.line, "\"renamed\" must be an object {\"old-id\": \"new-id\"}")
            }
        }
        guard id != nil, version != nil, title != nil, !f.diagnostics.hasErrors else { return nil }
        return course
    }

    private static func readPrerequisites(_ f: inout JSONFields) -> [Prerequisite] {
        var out: [Prerequisite] = []
        for item in f.array("prerequisites") ?? [] {
            guard let course = item["course"]?.stringValue else {
                f.error(item.line, "each prerequisite needs {\"course\": \"course-id\"} and may add \"minVersion\"")
                continue
            }
            var prerequisite = Prerequisite(course: course)
            if let v = item["minVersion"] {
                guard let text = v.stringValue, let version = SemanticVersion(text) else {
                    f.error(v.line, "\"minVersion\" must be a semantic version like 1.0.0")
                    continue
                }
                prerequisite.minVersion = version
            }
            out.append(prerequisite)
        }
        return out
    }

    private static func readGrading(_ f: inout JSONFields) -> GradingPolicy? {
        guard let value = f.object["grading"], !value.isNull else { return nil }
        guard var g = JSONFields(value, file: f.file, context: "\"grading\"", diagnostics: &f.diagnostics) else {
            return nil
        }
        defer { f.diagnostics.append(contentsOf: g.diagnostics) }
        g.warnUnknownKeys(["passPercent", "weights"])
        var policy = GradingPolicy()
        policy.passPercent = g.number("passPercent", range: 0...100) ?? 60
        if let weights = value["weights"] {
            guard let members = weights.objectMembers else {
                g.error(weights.line, "\"weights\" must be an object like {\"quiz\": 40, \"assignment\": 60}")
                return policy
            }
            policy.weights = [:]
            for member in members {
                guard ["quiz", "assignment"].contains(member.key) else {
                    g.error(member.value.line, "unknown weight \"\(member.key)\" (expected quiz, assignment)")
                    continue
                }
                guard let n = member.value.numberValue, n >= 0 else {
                    g.error(member.value.line, "weight \"\(member.key)\" must be a number of at least 0")
                    continue
                }
                policy.weights[member.key] = n
            }
            if policy.weights.values.reduce(0, +) <= 0 { g.error(weights.line, "\"weights\" must not all be 0") }
        }
        return policy
    }
}
