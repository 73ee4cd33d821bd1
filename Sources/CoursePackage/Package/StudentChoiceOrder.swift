import LMSModel

/// The order in which a student build shows an exam question's choices. Authors often write the
/// right answer first (GIFT's `{=right ~wrong ~wrong}`), so the authored order would give answers
/// away; the student copy orders choices by SHA-256 of `quiz id / question id / choice text`
/// (ties by authored position): deterministic, the same on every machine, and unrelated to which
/// choice is right. Answers to exam questions index this order; the server, which holds the full
/// quiz, maps them back with `authoredIndex`. (docs/PACKAGE-FORMAT.md §4)
public enum StudentChoiceOrder {
    /// The authored indexes of the choices in the order the student sees them.
    public static func permutation(quizID: String, questionID: String, choices: [Choice]) -> [Int] {
        let keys = choices.enumerated().map { index, choice in
            (SHA256.hash(bytes: Array("\(quizID)/\(questionID)/\(choice.text)".utf8)).hex, index)
        }
        return keys.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.1)
    }

    /// The authored index of the choice a student picked at `shownIndex`, or nil when out of range.
    public static func authoredIndex(_ shownIndex: Int, quizID: String, questionID: String, choices: [Choice]) -> Int? {
        let order = permutation(quizID: quizID, questionID: questionID, choices: choices)
        return order.indices.contains(shownIndex) ? order[shownIndex] : nil
    }
}
