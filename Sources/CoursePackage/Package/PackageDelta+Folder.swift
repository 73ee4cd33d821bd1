import Foundation
import LMSModel

extension PackageDelta {
    /// Builds a version's folder from its manifest's exact bytes, the extracted folder of an older
    /// version (nil for a first install) and entries fetched by hash (`fetched[sha256]` is a file
    /// holding them), as `apply(archive:onto:to:)` does from a delta archive: every file is
    /// streamed and checked against the new manifest on the way, the manifest is written byte for
    /// byte (its SHA-256 is the package id), and the folder appears by one rename. `newFolder` must
    /// not exist; on failure nothing is left.
    public static func assemble(
        manifestBytes: Data, onto oldFolder: String?, fetched: [String: String],
        to newFolder: String
    ) throws -> PackageManifest {
        let manifest = try PackageManifest(data: manifestBytes)
        let fm = FileManager.default
        var oldPathByHash: [String: String] = [:]
        if let oldFolder, let data = fm.contents(atPath: oldFolder + "/" + PackageManifest.fileName),
            let old = try? PackageManifest(data: data)
        {
            for entry in old.entries { oldPathByHash[entry.sha256] = entry.path }
        }
        let temp = CoursePath.partial(for: newFolder)
        try? fm.removeItem(atPath: temp)
        do {
            try fm.createDirectory(atPath: temp, withIntermediateDirectories: true)
            for entry in manifest.entries {
                guard CoursePath.isSafeRelative(entry.path) else {
                    throw PackageError.invalidManifest("unsafe path \(entry.path)")
                }
                let target = temp + "/" + entry.path
                try fm.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let source: String
                if let file = fetched[entry.sha256] {
                    source = file
                } else if let oldFolder, let old = oldPathByHash[entry.sha256] {
                    source = oldFolder + "/" + old
                } else {
                    throw PackageError.deltaMismatch("\(entry.path) is neither fetched nor in the installed version")
                }
                try write(to: target, expecting: entry) { sink in try stream(file: source, sink) }
            }
            try manifestBytes.write(to: URL(fileURLWithPath: temp + "/" + PackageManifest.fileName))
            guard rename(temp, newFolder) == 0 else {
                throw PackageError.cannotWrite(path: newFolder, reason: String(cString: strerror(errno)))
            }
            return manifest
        } catch {
            try? fm.removeItem(atPath: temp)
            throw error
        }
    }
}
