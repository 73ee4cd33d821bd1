import LMSModel

/// The messages of a quiz whose marks are withheld until a teacher releases its review
/// (docs/COURSE-FORMAT.md `review`, docs/PROTOCOL.md §8): what the device shows instead of a score.
extension MessageKey {
    var marksTexts: (en: String, es: String) {
        switch self {
        case .marksWithheld:
            return (
                "Handed in; marks when the teacher releases the review.",
                "Entregado; las notas llegarán cuando el docente publique la revisión."
            )
        case .marksWithheldShort:
            return (
                "handed in; marks when the teacher releases the review",
                "entregado; notas cuando el docente publique la revisión"
            )
        case .marksNever:
            return (
                "Handed in; this quiz does not show marks to students.",
                "Entregado; este cuestionario no muestra las notas a los estudiantes."
            )
        case .marksNeverShort:
            return (
                "handed in; this quiz does not show marks to students",
                "entregado; este cuestionario no muestra las notas"
            )
        case .marksWithheldTitle: return ("%1 (%2) handed in", "%1 (%2) entregado")
        default: return ("?", "?")
        }
    }

    /// What a hand-in of a quiz with `review` says instead of a score (nil: the marks show). Lists
    /// say `marksWithheldShort`, or `marksNeverShort` for a `never` quiz (`ItemStates.withheldText`).
    static func withheld(_ review: Quiz.Review) -> MessageKey? {
        switch review {
        case .afterAttempt: return nil
        case .afterClose: return .marksWithheld
        case .never: return .marksNever
        }
    }
}
