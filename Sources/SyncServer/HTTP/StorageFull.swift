import CoursePackage
import Foundation
import LMSDatabase

/// Whether an error means the disk is full (ENOSPC) or the account's quota is spent (EDQUOT), in
/// whichever layer it surfaced: a system call, Foundation, or SQLite (SQLITE_FULL). Such requests
/// are answered 507 with a message that says so (issue 13, item 12), never 413 or 500.
enum StorageFull {
    /// The errno values that mean "no room".
    static let errnos: Set<Int32> = [ENOSPC, EDQUOT]
    /// SQLite's primary result code for a full disk.
    static let sqliteFull: Int32 = 13

    static func matches(_ error: Error) -> Bool {
        switch error {
        case let socket as SocketError:
            if case .failed(_, let code) = socket { return errnos.contains(code) }
            return false
        case let database as DatabaseError:
            return database.resultCode == sqliteFull
        case let posix as POSIXError:
            return errnos.contains(posix.code.rawValue)
        case let cocoa as CocoaError where cocoa.code == .fileWriteOutOfSpace:
            return true
        case let blob as BlobStoreError:
            return blob.isDiskFull
        case let zip as ZipError:
            if case .io(_, _, let code) = zip { return errnos.contains(code) }
            return false
        default:
            let ns = error as NSError
            if ns.domain == NSPOSIXErrorDomain { return errnos.contains(Int32(ns.code)) }
            if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error { return matches(underlying) }
            return false
        }
    }
}
