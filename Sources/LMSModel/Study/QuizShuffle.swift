/// The order in which an attempt shows questions and choices, derived from a per-attempt seed
/// stored with the attempt, so that a resumed attempt shows exactly the same order.
public struct QuizShuffle: Hashable, Sendable {
    /// Question ids in display order.
    public let questionOrder: [String]
    /// For each question id, display position → authoring index of its choices (or of a
    /// matching question's right-hand options).
    public let choiceOrder: [String: [Int]]

    /// The order for `quiz` and `seed`; authoring order when the quiz does not shuffle. Descriptions
    /// keep their places (they introduce the questions after them); the questions around them are
    /// shuffled, exactly as they were shuffled before descriptions existed.
    public init(quiz: Quiz, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var questions = quiz.questions.map(\.id)
        var choices: [String: [Int]] = [:]
        if quiz.shuffle {
            let slots = quiz.questions.indices.filter { quiz.questions[$0].isAnswerable }
            var movable = slots.map { questions[$0] }
            rng.shuffle(&movable)
            for (slot, id) in zip(slots, movable) { questions[slot] = id }
        }
        for question in quiz.questions {
            var order = Array(0..<Self.optionCount(question))
            if case .matching = question.body {
                order = Self.matchingOrder(order.count, rng: &rng)
            } else if quiz.shuffle {
                rng.shuffle(&order)
            }
            choices[question.id] = order
        }
        questionOrder = questions
        choiceOrder = choices
    }

    /// How many times a matching question's order is drawn again when it comes out in answer order.
    static let matchingRedraws = 8

    /// A matching question's right-hand options are always shuffled, whatever the quiz says, and never
    /// shown in answer order (else 1, 2, 3 would always be right): an order equal to the identity is
    /// drawn again, and after `matchingRedraws` identities the options are rotated by one.
    static func matchingOrder(_ count: Int, rng: inout SplitMix64) -> [Int] {
        let identity = Array(0..<count)
        guard count > 1 else { return identity }
        for _ in 0..<matchingRedraws {
            var order = identity
            rng.shuffle(&order)
            if order != identity { return order }
        }
        return Array(identity[1...]) + [0]
    }

    /// Whether a matching question lets one right-hand option answer several left items: only when
    /// its key does so itself (two pairs share a right item), or an exam copy without its key lists
    /// fewer right items than left ones. Otherwise each option is used once.
    public static func allowsRepeatedOptions(_ pairs: [MatchPair]) -> Bool {
        let lefts = pairs.filter { !$0.left.isEmpty }
        return Set(lefts.map(\.right).filter { !$0.isEmpty }).count < lefts.count
    }

    /// The display order of a question's options (authoring order if unknown).
    public func options(of question: Question) -> [Int] {
        choiceOrder[question.id] ?? Array(0..<Self.optionCount(question))
    }

    /// How many options a question shows: its choices, or a matching question's distinct right items.
    public static func optionCount(_ question: Question) -> Int {
        switch question.body {
        case .single(let c), .multiple(let c): return c.count
        case .matching(let pairs): return rightItems(pairs).count
        default: return 0
        }
    }

    /// A matching question's right-hand options, distinct, in authoring order.
    public static func rightItems(_ pairs: [MatchPair]) -> [String] {
        var seen: Set<String> = []
        return pairs.map(\.right).filter { seen.insert($0).inserted }
    }
}

/// A small deterministic generator (SplitMix64), so that an order depends only on its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Makes a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates, with this generator (not the standard library's, whose algorithm may change).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            array.swapAt(i, j)
        }
    }
}
