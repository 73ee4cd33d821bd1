import CoursePackage
import Foundation

/// Password hashing with PBKDF2-HMAC-SHA256, and the random secrets of the server
/// (bearer tokens, reset codes, enrollment keys), stored only as hashes.
enum Passwords {
    /// PBKDF2 rounds for new hashes: OWASP's 2023 figure for PBKDF2-HMAC-SHA256 (600,000). Stored
    /// per user, so raising it later rehashes each password at its next login.
    static let iterations = 600_000
    /// The least a configuration may set (tests lower the count to run fast; production never should).
    static let minimumIterations = 1_000
    /// The shortest password accepted.
    static let minimumLength = 8
    /// The longest password accepted (PBKDF2 hashes long keys first, but a bound keeps work bounded).
    static let maximumLength = 1024
    /// Bytes of random salt.
    static let saltBytes = 16

    /// A stored hash.
    struct Hash: Sendable {
        var hash: [UInt8]
        var salt: [UInt8]
        var iterations: Int
    }

    /// Hashes a new password.
    static func hash(_ password: String, iterations: Int) -> Hash {
        let salt = randomBytes(saltBytes)
        return Hash(
            hash: WorkGates.passwordHashing.run {
                PBKDF2.deriveKey(password: Array(password.utf8), salt: salt, iterations: iterations)
            },
            salt: salt, iterations: iterations)
    }

    /// Checks a password against a stored hash, in constant time.
    static func verify(_ password: String, against stored: Hash) -> Bool {
        guard password.utf8.count <= maximumLength, stored.iterations >= 1 else { return false }
        let derived = WorkGates.passwordHashing.run {
            PBKDF2.deriveKey(password: Array(password.utf8), salt: stored.salt, iterations: stored.iterations)
        }
        return PBKDF2.constantTimeEquals(derived, stored.hash)
    }

    /// Why a new password is refused, or nil when it is acceptable.
    static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "the password must have at least \(minimumLength) characters" }
        if password.utf8.count > maximumLength { return "the password must have at most \(maximumLength) bytes" }
        return nil
    }

    /// `count` bytes from the system's cryptographic generator.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A bearer token: `lms_` and 32 random bytes in base64url.
    static func makeToken() -> String {
        "lms_"
            + Data(randomBytes(32)).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A one-time reset code a person can read out: 12 characters from an alphabet without look-alikes,
    /// in groups of four (`7KQM-X3PD-9TWA`): about 60 bits.
    static func makeResetCode() -> String {
        let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 12, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// The stored form of a secret (token, reset code, enrollment key): its SHA-256. Reset codes
    /// and keys are normalised first (case, dashes and spaces do not matter when read out).
    static func secretHash(_ secret: String, normalise: Bool = false) -> [UInt8] {
        let text = normalise ? secret.uppercased().filter { $0 != "-" && $0 != " " } : secret
        return SHA256.hash(bytes: Array(text.utf8)).bytes
    }
}
