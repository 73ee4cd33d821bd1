import Foundation

/// An error for the student: a catalog message in the current language that says what to do.
struct ClientError: Error, CustomStringConvertible {
    /// The message.
    let key: MessageKey
    /// Its arguments.
    let args: [String]

    /// Makes an error from a message and its arguments.
    init(_ key: MessageKey, _ args: CustomStringConvertible...) {
        self.key = key
        self.args = args.map(\.description)
    }

    /// The message in the current language.
    var description: String { Messages.text(key, args) }

    /// A failed system call on a path, sorted: a full disk says so and what to do.
    static func io(_ operation: String, _ path: String, _ code: Int32) -> ClientError {
        if code == ENOSPC || code == EDQUOT { return ClientError(.diskFull, path) }
        return ClientError(.ioFailed, operation, path, String(cString: strerror(code)))
    }
}
