import Foundation

/// The one way a score, a number of points or a weight is written for people: at most two decimals,
/// without trailing zeros (`5.67`, `2.5`, `3`). Machine output (`--json`, the wire) keeps full
/// precision through `JSONWriter.number`.
public enum ScoreFormat {
    /// The most decimals a person sees.
    public static let maximumDecimals = 2

    /// `value` rounded half away from zero to `maximumDecimals`, trailing zeros dropped; `–` when not finite.
    public static func text(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let scale = pow(10, Double(maximumDecimals))
        let rounded = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(format: "%.\(maximumDecimals)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `points/maximum`, as `grades`, `course` and `progress` show it.
    public static func fraction(_ points: Double, of maximum: Double) -> String {
        "\(text(points))/\(text(maximum))"
    }
}
