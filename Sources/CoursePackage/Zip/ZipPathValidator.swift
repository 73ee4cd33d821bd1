import Foundation

/// Checks entry names so that extraction can never escape the destination directory.
enum ZipPathValidator {
    /// Decodes and validates a raw entry name; returns the name and whether it names a directory.
    ///
    /// Accepted: non-empty UTF-8, `/`-separated, relative, segments that are non-empty and not
    /// `.` or `..`, no backslash, NUL, control character or drive-letter prefix. A single trailing
    /// `/` marks a directory.
    static func validate(_ raw: [UInt8], limit: Int) throws -> (path: String, isDirectory: Bool) {
        let display = String(decoding: raw.prefix(limit), as: UTF8.self)
        guard raw.count <= limit else { throw ZipError.pathTooLong(entry: display, bytes: raw.count, limit: limit) }
        guard let name = String(validating: raw, as: UTF8.self) else {
            throw ZipError.unsafePath(entry: display, reason: "not valid UTF-8")
        }
        let isDirectory = try validate(name)
        return (name, isDirectory)
    }

    /// Validates a decoded name; returns true when it names a directory (trailing `/`).
    static func validate(_ name: String) throws -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty else { throw ZipError.unsafePath(entry: name, reason: "empty name") }
        for byte in bytes {
            if byte == 0 { throw ZipError.unsafePath(entry: name, reason: "contains a NUL byte") }
            if byte < 0x20 || byte == 0x7F {
                throw ZipError.unsafePath(entry: name, reason: "contains a control character")
            }
            if byte == UInt8(ascii: "\\") { throw ZipError.unsafePath(entry: name, reason: "contains a backslash") }
        }
        if bytes[0] == UInt8(ascii: "/") { throw ZipError.unsafePath(entry: name, reason: "absolute path") }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), isASCIILetter(bytes[0]) {
            throw ZipError.unsafePath(entry: name, reason: "absolute Windows drive path")
        }
        let isDirectory = bytes.last == UInt8(ascii: "/")
        let body = isDirectory ? bytes.dropLast() : bytes[...]
        for segment in body.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.isEmpty { throw ZipError.unsafePath(entry: name, reason: "empty path segment") }
            if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                throw ZipError.unsafePath(entry: name, reason: "'..' segment (path traversal)")
            }
            if segment.elementsEqual([UInt8(ascii: ".")]) {
                throw ZipError.unsafePath(entry: name, reason: "'.' segment")
            }
        }
        return isDirectory
    }

    /// The key used to detect duplicates: no trailing `/`, Unicode NFC, lowercased.
    static func collisionKey(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// True for `A`...`Z` and `a`...`z`.
    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
