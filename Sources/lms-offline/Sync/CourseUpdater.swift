import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// What a course update did, for the summary.
struct CourseUpdate: Sendable {
    var courseID: String
    /// The version installed before (nil for a first install).
    var from: String?
    var to: String
    /// Entries fetched over the network and their bytes.
    var fetchedEntries: Int
    var fetchedBytes: Int64
    /// Entries whose download continued a cut one.
    var resumedEntries: Int
}

/// Brings a profile's courses to the newest versions the server announced (docs/PROTOCOL.md §10):
/// the new manifest, then only the entries the device lacks (the delta, by hash), each downloaded
/// with resume, then the new folder built from the installed one and the fetched entries, checked
/// against the manifest, and installed by the same switch as a package file.
struct CourseUpdater {
    let http: SyncHTTP
    let queue: DatabaseQueue
    let home: ClientHome
    let progress: ProgressBar

    /// A course to bring up to date.
    struct Target: Equatable {
        var courseID: String
        var version: String
        /// The announced student build's id, when known.
        var packageID: String?
        /// The installed version and package, if any.
        var installedVersion: String?
        var installedFolder: String?
    }

    /// The courses of `profileID` whose announced version is newer than the installed one, or that are
    /// not installed: active enrollments, and installed courses with an announced release.
    static func targets(profileID: String, in db: Database) throws -> [Target] {
        try CourseCatalog.releases(profileID: profileID, in: db).compactMap(target(for:))
    }

    /// The update a course needs: to the newest version announced (by a release or by the
    /// enrollment), when it is newer than the installed one or nothing is installed; nil otherwise.
    /// The student build's id is known only when the release names the version chosen.
    static func target(for release: CourseRelease) -> Target? {
        let announced = [release.announcedVersion, release.enrolledVersion]
            .compactMap { $0.flatMap(SemanticVersion.init) }.max()
        guard let announced else { return nil }
        if let installed = release.installedVersion.flatMap(SemanticVersion.init), installed >= announced {
            return nil
        }
        let packageID =
            release.announcedVersion.flatMap(SemanticVersion.init) == announced ? release.announcedPackageID : nil
        return Target(
            courseID: release.courseID, version: announced.description, packageID: packageID,
            installedVersion: release.installedVersion, installedFolder: release.installedFolder)
    }

    /// Updates (or installs) one course.
    func update(_ target: Target, now: Date) throws -> CourseUpdate {
        let course = ServerConnection.escape(target.courseID)
        let version = ServerConnection.escape(target.version)
        let base = "/api/v1/courses/\(course)/versions/\(version)"
        let manifestBytes = try http.send("GET", base + "/manifest", maxBytes: SyncLimits.maxManifestBytes).body
        let packageID = SHA256.hash(manifestBytes).hex
        if let expected = target.packageID, expected != packageID {
            throw SyncError(.corrupt(Messages.t(.manifestMismatch, target.courseID, target.version)))
        }
        let manifest: PackageManifest
        do { manifest = try PackageManifest(data: manifestBytes) } catch { throw SyncError(.badAnswer("\(error)")) }
        guard manifest.courseID == target.courseID, manifest.version.description == target.version else {
            throw SyncError(
                .badAnswer(
                    "the manifest of \(target.courseID) \(target.version) names \(manifest.courseID) \(manifest.version)"
                ))
        }
        let relative = "courses/\(manifest.courseID)/\(packageID)"
        let folder = home.absolute(relative: relative)
        var result = CourseUpdate(
            courseID: target.courseID, from: target.installedVersion, to: target.version,
            fetchedEntries: 0, fetchedBytes: 0, resumedEntries: 0)
        let known =
            try CourseCatalog(queue: queue, home: home).folder(courseID: manifest.courseID, packageID: packageID) != nil
        if !known {
            // A folder left by a crash between building and switching is built again: it is not trusted.
            try? FileManager.default.removeItem(atPath: folder)
            let oldFolder = target.installedFolder.map(home.absolute(relative:))
            let fetch = try entriesToFetch(target, manifest: manifest, oldFolder: oldFolder)
            let downloads = home.path + "/downloads/\(manifest.courseID)/\(manifest.version)"
            var downloader = EntryDownloader(http: http, directory: downloads)
            var done: Int64 = 0
            let total = fetch.reduce(Int64(0)) { $0 + Int64($1.size) }
            downloader.onBytes = { n in
                done += Int64(n)
                progress.bytes(done, of: total, course: manifest.courseID)
            }
            var fetched: [String: String] = [:]
            for entry in fetch {
                let got = try downloader.fetch(
                    urlPath: base + "/entries/\(entry.sha256)", sha256: entry.sha256, size: entry.size)
                fetched[entry.sha256] = got.path
                result.fetchedEntries += got.bytes > 0 || entry.size == 0 ? 1 : 0
                result.fetchedBytes += got.bytes
                result.resumedEntries += got.resumed ? 1 : 0
            }
            try FileManager.default.createDirectory(
                atPath: home.coursesPath + "/" + manifest.courseID, withIntermediateDirectories: true)
            // What a killed update or install left beside the versions.
            PartialFiles.removeStale(in: home.coursesPath + "/" + manifest.courseID)
            do {
                _ = try PackageDelta.assemble(
                    manifestBytes: manifestBytes, onto: oldFolder, fetched: fetched, to: folder)
            } catch {
                throw SyncError(.corrupt("\(manifest.courseID) \(manifest.version): \(error)"))
            }
            _ = try CourseInstaller(queue: queue, home: home).install(
                verifiedFolder: relative, manifest: manifest, created: true, now: now)
            try? FileManager.default.removeItem(atPath: downloads)
            _ = rmdir(home.path + "/downloads/\(manifest.courseID)") // when no other version's download waits there
        } else {
            _ = try CourseInstaller(queue: queue, home: home).install(
                verifiedFolder: relative, manifest: manifest, created: false, now: now)
        }
        return result
    }

    /// What to download: the server's delta from the installed version (docs/API.md), or, when the
    /// server has no delta for it (a version installed from a file), the same plan made here from
    /// the two manifests; every entry for a course not installed yet.
    func entriesToFetch(_ target: Target, manifest: PackageManifest, oldFolder: String?) throws -> [PackageManifest
        .Entry]
    {
        let wanted = Dictionary(manifest.entries.map { ($0.sha256, $0) }, uniquingKeysWith: { a, _ in a })
        guard let oldFolder, let installed = target.installedVersion,
            let data = FileManager.default.contents(atPath: oldFolder + "/" + PackageManifest.fileName),
            let old = try? PackageManifest(data: data)
        else {
            return wanted.values.sorted { $0.path < $1.path }
        }
        let local = try PackageDelta.make(from: old, to: manifest).fetch
        do {
            let path =
                "/api/v1/courses/\(ServerConnection.escape(target.courseID))/delta?from=\(ServerConnection.escape(installed))&to=\(ServerConnection.escape(target.version))"
            let plan = try http.json("GET", path)
            var list: [PackageManifest.Entry] = []
            var seen: Set<String> = []
            for item in plan["fetch"]?.arrayValue ?? [] {
                guard let sha = item["sha256"]?.stringValue, let entry = wanted[sha], seen.insert(sha).inserted else {
                    continue
                }
                list.append(entry)
            }
            // The server's plan is for the version it knows as INSTALLED; what this folder lacks is fetched too.
            for entry in local where seen.insert(entry.sha256).inserted { list.append(entry) }
            return list
        } catch let error as SyncError where error.isNotFound {
            return local
        }
    }
}
