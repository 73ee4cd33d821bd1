import CoursePackage
import Foundation
import LMSModel
import LMSDatabase

/// A student's profile on this device.
struct Profile: Sendable, Hashable {
    /// A random id; until sync links the profile to a server account, it is also the `userID`.
    var id: String
    /// The name as typed.
    var name: String
}

/// Profiles: names, PINs hashed with PBKDF2, and throttling of wrong PINs.
struct ProfileStore {
    let queue: DatabaseQueue

    /// Every profile, by name.
    func all() throws -> [Profile] {
        try queue.read { db in
            try db.fetchAll("SELECT id, name FROM profiles ORDER BY name_key").map {
                Profile(id: $0.string(0) ?? "", name: $0.string(1) ?? "")
            }
        }
    }

    /// The profile with this name (ignoring case), or an error suggesting the nearest name.
    func named(_ name: String) throws -> Profile {
        let profiles = try all()
        if let found = profiles.first(where: { $0.name.lowercased() == name.lowercased() }) { return found }
        let near = nearest(to: name.lowercased(), among: profiles.map { $0.name.lowercased() })
            .flatMap { lowered in profiles.first { $0.name.lowercased() == lowered }?.name }
        throw ClientError(.profileUnknown, name, near.map { Messages.t(.didYouMean, $0) } ?? "")
    }

    /// Adds a profile with a PIN hashed at `iterations`, or without a PIN (`pin` nil: a student's own
    /// device; an empty hash stands for "no PIN").
    func add(name: String, pin: String?, iterations: Int, now: Date) throws -> Profile {
        try Self.check(name: name)
        var salt: [UInt8] = []
        var hash: [UInt8] = []
        if let pin {
            try Self.check(pin: pin)
            salt = (0..<ClientLimits.pinSaltBytes).map { _ in UInt8.random(in: 0...255) }
            hash = PBKDF2.deriveKey(password: Array(pin.utf8), salt: salt, iterations: iterations)
        }
        let profile = Profile(id: UUID().uuidString.lowercased(), name: name)
        do {
            try queue.write { db in
                try db.execute(
                    """
                    INSERT INTO profiles(id, name, name_key, salt, iterations, pin_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [profile.id, name, name.lowercased(), Data(salt), iterations, Data(hash), now])
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw ClientError(.profileExists, name)
        }
        return profile
    }

    /// Whether `profile` has a PIN.
    func hasPIN(_ profile: Profile) throws -> Bool {
        try queue.read { db in
            try db.fetchScalar(Int.self, "SELECT length(pin_hash) FROM profiles WHERE id = ?", arguments: [profile.id])
                ?? 0
        } > 0
    }

    /// Checks `pin` for `profile`: counts wrong tries, locks after too many, resets on success.
    func verify(_ profile: Profile, pin: String, now: Date) throws {
        // The closure returns the tries left after a wrong PIN, so that the count commits before the error.
        let triesLeft: Int? = try queue.write { db in
            guard
                let row = try db.fetchOne(
                    "SELECT salt, iterations, pin_hash, failed_count, locked_until FROM profiles WHERE id = ?",
                    arguments: [profile.id])
            else {
                throw ClientError(.profileUnknown, profile.name, "")
            }
            let lockedUntil = row.int64(4) ?? 0
            let nowMS = Int64(ChangeEntry.milliseconds(now))
            if lockedUntil > nowMS {
                throw ClientError(.profileLocked, profile.name, (lockedUntil - nowMS + 999) / 1000)
            }
            let salt = [UInt8](row.data(0) ?? Data())
            let expected = [UInt8](row.data(2) ?? Data())
            if expected.isEmpty { return nil } // a profile without a PIN
            let iterations = max(1, row.int(1) ?? ClientLimits.pinIterations)
            let given = PBKDF2.deriveKey(
                password: Array(pin.utf8.prefix(ClientLimits.maximumPINBytes)), salt: salt, iterations: iterations)
            if PBKDF2.constantTimeEquals(given, expected) {
                try db.execute(
                    "UPDATE profiles SET failed_count = 0, locked_until = 0 WHERE id = ?", arguments: [profile.id])
                return nil
            }
            let failures = (row.int(3) ?? 0) + 1
            var until: Int64 = 0
            if failures >= ClientLimits.wrongPINsBeforeLock {
                let doublings = min(failures - ClientLimits.wrongPINsBeforeLock, 16)
                let seconds = min(ClientLimits.lockMaximumSeconds, ClientLimits.lockBaseSeconds << doublings)
                until = nowMS + Int64(seconds) * 1000
            }
            try db.execute(
                "UPDATE profiles SET failed_count = ?, locked_until = ? WHERE id = ?",
                arguments: [failures, until, profile.id])
            return max(0, ClientLimits.wrongPINsBeforeLock - failures)
        }
        if let triesLeft { throw WrongPIN(profile: profile.name, triesLeft: triesLeft) }
    }

    /// Removes a profile, every row of its work and outbox, and the blobs no one else references.
    /// Returns the hashes of blobs that became unreferenced (to delete after the commit).
    func remove(_ profile: Profile) throws -> [String] {
        try queue.write { db in
            let hashes = try db.fetchColumn(
                String.self,
                """
                SELECT DISTINCT f.sha256 FROM submission_files f JOIN submissions s ON s.id = f.submission_id
                WHERE s.profile_id = ?
                """, arguments: [profile.id]
            ).compactMap { $0 }
            try db.execute("DELETE FROM outbox WHERE profile_id = ?", arguments: [profile.id])
            try db.execute("DELETE FROM profiles WHERE id = ?", arguments: [profile.id]) // cascades to its work
            return try hashes.filter {
                try db.fetchScalar(Int.self, "SELECT count(*) FROM submission_files WHERE sha256 = ?", arguments: [$0])
                    == 0
            }
        }
    }

    static func check(name: String) throws {
        guard (1...ClientLimits.maximumNameLength).contains(name.count), !name.contains("/"),
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            name.trimmingCharacters(in: .whitespaces) == name
        else {
            throw ClientError(.invalidName)
        }
    }

    static func check(pin: String) throws {
        guard pin.count >= ClientLimits.minimumPINLength, pin.utf8.count <= ClientLimits.maximumPINBytes else {
            throw ClientError(.pinTooShort, ClientLimits.minimumPINLength)
        }
    }
}

/// A wrong PIN, thrown after the failure count was stored.
struct WrongPIN: Error, CustomStringConvertible {
    var profile: String
    var triesLeft: Int
    var description: String { Messages.t(.wrongPIN, profile, triesLeft) }
}
