import CoursePackage
import Foundation
import LMSModel

/// PNG pictures of a course drawn in lessons, on terminals that show 24-bit colour, as half-block
/// cells under the picture's label (anything else keeps the label, which opens the file).
enum LessonPictures {
    /// The most terminal rows one picture takes (24: a diagram stays beside its text).
    static let maxRows = 24

    /// Whether pictures can be drawn: colour on (a terminal, no `NO_COLOR`, not `TERM=dumb`) and
    /// `COLORTERM` announcing 24-bit colour (`truecolor` or `24bit`).
    static func available(color: Bool, environment: [String: String]) -> Bool {
        guard color, let colorTerm = environment["COLORTERM"]?.lowercased() else { return false }
        return colorTerm == "truecolor" || colorTerm == "24bit"
    }

    /// `page` with every PNG file it shows as an image drawn under its label, `width` columns at most.
    static func draw(into page: TerminalPage, width: Int) -> TerminalPage {
        page.insertingPictures { link in
            guard case .file(_, let absolute?) = link.target else { return nil }
            return lines(path: absolute, width: width)
        }
    }

    /// The lines for the picture at `path`: nil when it is not a PNG, a dimmed reason when it is
    /// a PNG that cannot be drawn.
    static func lines(path: String, width: Int) -> [TerminalLine]? {
        // Regular files only: a FIFO or device planted in a course must not block or stream.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int,
            let handle = FileHandle(forReadingAtPath: path)
        else { return nil }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        guard PNGDecoder.isPNG(head) else { return nil }
        do {
            guard size <= PNGLimits.maxFileBytes else { throw PNGError.fileTooLarge(bytes: size) }
            let rest = (try? handle.readToEnd()) ?? Data()
            let image = try PNGDecoder.decode(head + [UInt8](rest))
            return HalfBlockRenderer.lines(image, maxColumns: width, maxRows: maxRows)
        } catch {
            let note = TerminalText.sanitize("(picture not shown: \(error))")
            return [TerminalLine(note, spans: [TerminalSpan(0..<note.count, .dim)])]
        }
    }
}
