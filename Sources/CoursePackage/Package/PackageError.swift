/// Why a package cannot be trusted or used. Every case says what is wrong and what to do.
public enum PackageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The package has no `manifest.json`.
    case missingManifest
    /// The manifest is malformed.
    case invalidManifest(String)
    /// An archive entry is not listed in the manifest.
    case entryNotInManifest(String)
    /// A manifest entry is missing from the archive.
    case missingEntry(String)
    /// An entry's bytes do not have the hash the manifest gives.
    case hashMismatch(String)
    /// An entry's size differs from the manifest's.
    case sizeMismatch(String)
    /// The course in the folder or package has errors.
    case invalidCourse(count: Int)
    /// The output could not be written.
    case cannotWrite(path: String, reason: String)
    /// Two packages of different courses were compared.
    case differentCourses(String, String)
    /// A delta does not start from the package given.
    case deltaMismatch(String)

    /// What is wrong and what to do.
    public var description: String {
        switch self {
        case .missingManifest:
            return "the package has no manifest.json: it was not made by lms-offline pack; pack the course folder again"
        case .invalidManifest(let why):
            return "manifest.json is invalid: \(why); get a fresh copy of the package"
        case .entryNotInManifest(let p):
            return
                "\(p): the archive holds a file that manifest.json does not list; the package was altered: get a fresh copy"
        case .missingEntry(let p):
            return
                "\(p): listed in manifest.json but missing from the archive; the package is incomplete: get a fresh copy"
        case .hashMismatch(let p):
            return
                "\(p): its SHA-256 does not match manifest.json; the package is damaged or was altered: get a fresh copy"
        case .sizeMismatch(let p):
            return
                "\(p): its size does not match manifest.json; the package is damaged or was altered: get a fresh copy"
        case .invalidCourse(let n):
            return
                "the course has \(n) error\(n == 1 ? "" : "s"); run lms-offline validate to see them, fix them and try again"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write (\(reason)); check the folder exists, is writable and the disk has room"
        case .differentCourses(let a, let b):
            return "the packages are of different courses (\(a) and \(b)): a delta needs two versions of one course"
        case .deltaMismatch(let why):
            return "the delta does not fit: \(why)"
        }
    }
}
