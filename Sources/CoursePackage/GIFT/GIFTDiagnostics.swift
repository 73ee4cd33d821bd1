import LMSModel

/// Collects the diagnostics of one parse. At most `GIFTDiagnostics.limit` are kept; past that,
/// warnings are only counted (one summary warning says how many) and the first further error adds
/// one "too many problems" error, so the cap limits what is printed, never whether the file is valid.
struct GIFTDiagnostics: Sendable {
    /// The most diagnostics one file keeps.
    static let limit = 1_000

    /// The file named in every diagnostic.
    let file: String
    /// The diagnostics kept so far.
    private(set) var kept: [Diagnostic] = []
    /// Warnings past the limit, counted but not kept.
    private(set) var droppedWarnings = 0
    /// True once an error past the limit was recorded as the summary error.
    private(set) var hasDroppedErrors = false

    /// Makes an empty collector for `file`.
    init(file: String) { self.file = file }

    /// The diagnostics kept, then a summary of those not kept.
    var items: [Diagnostic] {
        guard droppedWarnings > 0 else { return kept }
        return kept + [
            .warning(file, nil, "\(droppedWarnings) more warnings are not shown; fix these and validate again")
        ]
    }

    /// Adds an error at `line`.
    mutating func error(_ line: Int?, _ message: String) {
        guard kept.count < GIFTDiagnostics.limit else {
            if !hasDroppedErrors {
                hasDroppedErrors = true
                kept.append(.error(file, nil, "more than \(GIFTDiagnostics.limit) problems; fix these and parse again"))
            }
            return
        }
        kept.append(.error(file, line, message))
    }

    /// Adds a warning at `line`.
    mutating func warning(_ line: Int?, _ message: String) {
        guard kept.count < GIFTDiagnostics.limit else {
            droppedWarnings += 1
            return
        }
        kept.append(.warning(file, line, message))
    }
}
