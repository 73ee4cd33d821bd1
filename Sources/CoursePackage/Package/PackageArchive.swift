import Foundation
import LMSModel

/// An opened course package. Opening checks the archive's structure (ZipReader) and that the
/// archive and its manifest list exactly the same files with the same sizes; `verify` and
/// `extract` check every byte against the manifest's SHA-256.
public final class PackageArchive: CourseFiles {
    /// The package file.
    public let path: String
    /// Its manifest.
    public let manifest: PackageManifest
    /// The package id (SHA-256 of the manifest).
    public let packageID: String
    /// The course files, sorted.
    public let paths: [String]
    let zip: ZipReader
    private let listed: [String: PackageManifest.Entry]

    /// Opens and checks a package.
    public convenience init(path: String, limits: ZipLimits = .default) throws {
        try self.init(path: path, reader: try ZipReader(path: path, limits: limits))
    }

    /// Opens a package from an archive already read (its central directory parsed and checked once).
    init(path: String, reader: ZipReader) throws {
        self.path = path
        self.zip = reader
        guard let manifestEntry = zip.entry(named: PackageManifest.fileName) else { throw PackageError.missingManifest }
        self.manifest = try PackageManifest(data: try zip.readData(manifestEntry))
        self.packageID = manifest.packageID
        var listed: [String: PackageManifest.Entry] = [:]
        for entry in manifest.entries { listed[entry.path] = entry }
        self.listed = listed
        var present: Set<String> = []
        for entry in zip.entries where !entry.isDirectory && entry.path != PackageManifest.fileName {
            guard let expected = listed[entry.path] else { throw PackageError.entryNotInManifest(entry.path) }
            guard expected.size == entry.uncompressedSize else { throw PackageError.sizeMismatch(entry.path) }
            present.insert(entry.path)
        }
        for entry in manifest.entries where !present.contains(entry.path) {
            throw PackageError.missingEntry(entry.path)
        }
        self.paths = manifest.entries.map(\.path)
    }

    /// Reads one file and checks its hash.
    public func read(_ path: String) throws -> [UInt8] {
        guard let entry = zip.entry(named: path), let expected = listed[path] else {
            throw PackageError.missingEntry(path)
        }
        let data = try zip.readData(entry)
        guard SHA256.hash(data).hex == expected.sha256 else { throw PackageError.hashMismatch(path) }
        return [UInt8](data)
    }

    /// The size of one file.
    public func size(of path: String) -> UInt64 { listed[path]?.size ?? 0 }

    /// Streams one entry into a new file at `destination`, checking its hash; the file is removed on failure.
    public func copyEntry(_ path: String, to destination: String) throws {
        guard let entry = zip.entry(named: path), let expected = listed[path] else {
            throw PackageError.missingEntry(path)
        }
        try expected.write(to: destination, synchronize: true) { sink in try zip.read(entry, sink) }
    }

    /// Reads every entry, checking CRC-32 and SHA-256; throws at the first damaged one.
    public func verify() throws {
        for entry in manifest.entries {
            guard let zipEntry = zip.entry(named: entry.path) else { throw PackageError.missingEntry(entry.path) }
            var hasher = SHA256()
            try zip.read(zipEntry) { hasher.update($0) }
            guard hasher.finalize().hex == entry.sha256 else { throw PackageError.hashMismatch(entry.path) }
        }
    }

    /// Extracts into `directory` (which must not exist), verifying every file; on any failure
    /// nothing is left behind.
    public func extract(to directory: String) throws {
        let expected = Dictionary(uniqueKeysWithValues: manifest.entries.map { ($0.path, $0.sha256) })
        try zip.extractAll(to: directory) { entry, digest in
            if entry.path == PackageManifest.fileName { return }
            guard let sha = expected[entry.path] else { throw PackageError.entryNotInManifest(entry.path) }
            guard digest.hex == sha else { throw PackageError.hashMismatch(entry.path) }
        }
    }
}
