/// How a question's text (and its choices' and feedback's text) is written, as in Moodle's
/// `[moodle]`, `[plain]`, `[markdown]` and `[html]` GIFT markers.
///
/// A GIFT question without a marker is `.moodle` (Moodle's default); a quiz JSON question
/// without `"format"` is `.markdown`, as it always was.
public enum TextFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// Moodle's auto-format: the text as written, line breaks kept, `*` and `_` literal.
    case moodle
    /// Plain text: as written, line breaks kept.
    case plain
    /// Markdown.
    case markdown
    /// A fragment of HTML (tags of a small subset rendered, entities decoded).
    case html

    /// The format a quiz JSON question has when it names none.
    public static let jsonDefault = TextFormat.markdown
    /// The format a GIFT question has when it carries no `[...]` marker.
    public static let giftDefault = TextFormat.moodle
}
