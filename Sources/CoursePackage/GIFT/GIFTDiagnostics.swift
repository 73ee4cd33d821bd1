import LMSModel

/// Collects the diagnostics of one parse, up to `GIFTDiagnostics.limit`.
struct GIFTDiagnostics: Sendable {
    /// The most diagnostics one file reports; after that a single "too many problems" error is added.
    static let limit = 1_000

    /// The file named in every diagnostic.
    let file: String
    /// The diagnostics so far.
    private(set) var items: [Diagnostic] = []
    /// True once the limit was reached.
    private(set) var isFull = false

    /// Makes an empty collector for `file`.
    init(file: String) { self.file = file }

    /// Adds an error at `line`.
    mutating func error(_ line: Int?, _ message: String) {
        add(.error(file, line, message))
    }

    /// Adds a warning at `line`.
    mutating func warning(_ line: Int?, _ message: String) {
        add(.warning(file, line, message))
    }

    private mutating func add(_ diagnostic: Diagnostic) {
        guard !isFull else { return }
        if items.count >= GIFTDiagnostics.limit {
            items.append(.error(file, nil, "more than \(GIFTDiagnostics.limit) problems; fix these and parse again"))
            isFull = true
            return
        }
        items.append(diagnostic)
    }
}
