import Foundation

/// Why an archive was refused or could not be read or written.
///
/// Each description says what is wrong, names the entry when there is one, and what to do.
public enum ZipError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No end-of-central-directory record was found: the file is not a ZIP archive.
    case notAZip(String)
    /// An offset or size points past the end of the file. The payload says what was being read.
    case truncated(String)
    /// The archive claims to span several disks (split archives are not supported).
    case multiDisk
    /// The central directory declares more entries than the limit allows.
    case tooManyEntries(count: UInt64, limit: Int)
    /// A structure is malformed (bad signature, missing ZIP64 field, impossible value).
    case corrupt(entry: String?, detail: String)
    /// An entry name is unsafe: traversal, absolute, backslash, control character, empty segment, bad UTF-8.
    case unsafePath(entry: String, reason: String)
    /// An entry name is longer than the limit, in bytes.
    case pathTooLong(entry: String, bytes: Int, limit: Int)
    /// An entry is a symbolic link.
    case symlink(entry: String)
    /// An entry is neither a regular file nor a directory (device, FIFO, socket…). `mode` is the Unix mode.
    case notRegularFile(entry: String, mode: UInt32)
    /// Two entries have the same name (exactly, or after Unicode normalization and case folding).
    case duplicateEntry(entry: String, other: String)
    /// A path is used both as a file and as a directory containing other entries.
    case fileDirectoryConflict(entry: String)
    /// An entry is encrypted.
    case encrypted(entry: String)
    /// An entry uses a compression method other than store (0) or deflate (8).
    case unsupportedMethod(entry: String, method: UInt16)
    /// An entry's uncompressed size is over the per-entry limit.
    case entryTooLarge(entry: String, size: UInt64, limit: UInt64)
    /// The sum of uncompressed sizes is over the archive limit.
    case archiveTooLarge(total: UInt64, limit: UInt64)
    /// An entry's uncompressed/compressed ratio is over the limit (zip bomb).
    case compressionRatioTooHigh(entry: String, uncompressed: UInt64, compressed: UInt64, limit: UInt64)
    /// The CRC-32 of the extracted data differs from the recorded one.
    case crcMismatch(entry: String, expected: UInt32, actual: UInt32)
    /// The extracted (or stored) size differs from the recorded one.
    case sizeMismatch(entry: String, expected: UInt64, actual: UInt64)
    /// The compressed data cannot be decoded.
    case corruptData(entry: String, detail: String)
    /// The local header disagrees with the central directory on `field`.
    case localHeaderMismatch(entry: String, field: String)
    /// Two entries' local header and data ranges overlap ("overlapping files" zip bomb).
    case overlappingEntries(entry: String, other: String)
    /// ``ZipReader/readData(_:)`` was asked for an entry larger than its in-memory limit.
    case entryTooLargeForMemory(entry: String, size: UInt64, limit: UInt64)
    /// The extraction destination already exists.
    case destinationExists(String)
    /// The writer was used after ``ZipWriter/finish()`` or after a failed write.
    case writerClosed
    /// The data of a file being added changed size while it was read.
    case sourceChanged(path: String)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)

    /// What is wrong and what to do about it.
    public var description: String {
        let retry = "Ask the author to re-create the archive with a standard ZIP tool."
        switch self {
        case .notAZip(let path):
            return "'\(path)' is not a ZIP archive (no end of central directory record found). "
                + "Check that the file is a complete .zip and was not truncated during download."
        case .truncated(let what):
            return "The archive is truncated or damaged: \(what) lies past the end of the file. Download it again."
        case .multiDisk:
            return "The archive is split across several disks, which is not supported. Join it into one .zip file."
        case let .tooManyEntries(count, limit):
            return
                "The archive has \(count) entries, more than the limit of \(limit). Split the content into smaller archives."
        case let .corrupt(entry, detail):
            let name = entry.map { " (entry '\($0)')" } ?? ""
            return "The archive is malformed\(name): \(detail). \(retry)"
        case let .unsafePath(entry, reason):
            return "Entry '\(entry)' has an unsafe path (\(reason)). Entry names must be relative paths of "
                + "non-empty '/'-separated segments without '..', backslashes or control characters. \(retry)"
        case let .pathTooLong(entry, bytes, limit):
            return "Entry '\(entry)' has a \(bytes)-byte path, over the \(limit)-byte limit. Shorten the file name."
        case .symlink(let entry):
            return "Entry '\(entry)' is a symbolic link; links are refused. Replace it with a copy of the file."
        case let .notRegularFile(entry, mode):
            return
                "Entry '\(entry)' is not a regular file or directory (mode \(String(mode, radix: 8))). Remove it from the archive."
        case let .duplicateEntry(entry, other):
            return
                "Entry '\(entry)' duplicates '\(other)' (same name, possibly differing only in case or Unicode form). Rename one of them."
        case .fileDirectoryConflict(let entry):
            return
                "Entry '\(entry)' is a file but other entries use it as a directory. Rename the file or the directory."
        case .encrypted(let entry):
            return
                "Entry '\(entry)' is encrypted; encrypted archives are not supported. Re-create the archive without a password."
        case let .unsupportedMethod(entry, method):
            return "Entry '\(entry)' uses compression method \(method); only store (0) and deflate (8) are supported. "
                + "Re-create the archive with deflate."
        case let .entryTooLarge(entry, size, limit):
            return
                "Entry '\(entry)' expands to \(size) bytes, over the per-entry limit of \(limit). Make the file smaller."
        case let .archiveTooLarge(total, limit):
            return
                "The archive expands to \(total) bytes in total, over the limit of \(limit). Make the archive smaller."
        case let .compressionRatioTooHigh(entry, uncompressed, compressed, limit):
            return "Entry '\(entry)' expands from \(compressed) to \(uncompressed) bytes, a ratio over \(limit):1 "
                + "(possible zip bomb). Store such data uncompressed or reduce it."
        case let .crcMismatch(entry, expected, actual):
            return
                "Entry '\(entry)' is damaged: CRC-32 is \(hex(actual)) but the archive says \(hex(expected)). Download the archive again."
        case let .sizeMismatch(entry, expected, actual):
            return
                "Entry '\(entry)' is damaged: its data is \(actual) bytes but the archive says \(expected). Download the archive again."
        case let .corruptData(entry, detail):
            return "Entry '\(entry)' has corrupt compressed data (\(detail)). Download the archive again."
        case let .localHeaderMismatch(entry, field):
            return "Entry '\(entry)': the local header disagrees with the central directory on the \(field). \(retry)"
        case let .overlappingEntries(entry, other):
            return
                "Entries '\(entry)' and '\(other)' share bytes in the archive (overlapping-entries zip bomb). \(retry)"
        case let .entryTooLargeForMemory(entry, size, limit):
            return
                "Entry '\(entry)' is \(size) bytes, too large to load into memory (limit \(limit)). Stream it with read(_:_:) instead."
        case .destinationExists(let path):
            return "Cannot extract into '\(path)': it already exists. Remove it or choose a new directory."
        case .writerClosed:
            return "The ZIP writer is already finished or failed earlier. Create a new ZipWriter."
        case .sourceChanged(let path):
            return
                "'\(path)' changed size while it was being added to the archive. Retry when the file is no longer being written."
        case let .io(operation, path, code):
            return
                "Cannot \(operation) '\(path)': \(String(cString: strerror(code))). Check the path, permissions and free disk space."
        }
    }

    /// Formats a CRC as 0x-prefixed, 8-digit hex.
    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
