import Foundation
import CoursePackage
import LMSModel

/// The data folder of `lms-offline` and the paths inside it:
///
/// ```
/// HOME/store.sqlite                         the store (WAL)
/// HOME/device.json                          {"deviceID": "<random UUID>"}, made once
/// HOME/session.json                         the active profile and when it was last used
/// HOME/courses/<course>/<package-id>/       verified extractions, shared read-only by all profiles
/// HOME/blobs/<sha256[0..2]>/<sha256>        submitted files, content-addressed (CoursePackage's BlobStore)
/// HOME/blobs/tmp/                           files on their way into the blob store
/// ```
struct ClientHome: Sendable {
    /// The folder.
    let path: String

    /// Chooses the folder: `--home DIR`, else `LMS_HOME`, else `$XDG_DATA_HOME/lms-offline`,
    /// else `~/.local/share/lms-offline`.
    static func resolve(option: String?, environment: [String: String]) -> ClientHome {
        if let option, !option.isEmpty { return ClientHome(path: absolute(option)) }
        if let home = environment["LMS_HOME"], !home.isEmpty { return ClientHome(path: absolute(home)) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return ClientHome(path: absolute(xdg) + "/lms-offline")
        }
        let user = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return ClientHome(path: user + "/.local/share/lms-offline")
    }

    static func absolute(_ path: String) -> String {
        let url =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    var storePath: String { path + "/store.sqlite" }
    var devicePath: String { path + "/device.json" }
    var sessionPath: String { path + "/session.json" }
    var coursesPath: String { path + "/courses" }
    var blobsPath: String { path + "/blobs" }

    /// The submitted files (`HOME/blobs`), opened (its `tmp/` made) when first used.
    func blobs() throws -> BlobStore {
        do { return try BlobStore(root: blobsPath) } catch let error as BlobStoreError {
            throw ClientError(.homeUnusable, blobsPath, error.description)
        }
    }

    /// The absolute path of a folder stored relative to the home.
    func absolute(relative: String) -> String { path + "/" + relative }

    /// Creates the folder and its sub-folders if needed.
    func prepare() throws {
        for dir in [path, coursesPath, blobsPath] {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw ClientError(.homeUnusable, dir, "\(error.localizedDescription)")
            }
        }
        // What a killed copy into the blob store left (not what another process is writing now).
        (try? blobs())?.removeTemporaryFiles(olderThan: ClientLimits.blobTemporaryFileSeconds)
    }

    /// This device's id: read from `device.json`, made once (random UUID, written atomically).
    func deviceID() throws -> String {
        if let data = FileManager.default.contents(atPath: devicePath),
            let json = try? JSONParser.parse(bytes: [UInt8](data)), let id = json["deviceID"]?.stringValue, !id.isEmpty
        {
            return id
        }
        let id = UUID().uuidString.lowercased()
        try AtomicFile.write(
            Data(JSONWriter.write(["deviceID": .init(.string(id))], pretty: true).utf8), to: devicePath)
        return id
    }
}
