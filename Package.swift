// swift-tools-version:6.0
// The offline-first course system. No package dependencies by design: the toolchain plus the
// system's libsqlite3-dev and zlib1g-dev (see README.md).
import PackageDescription

let package = Package(
    name: "lms",
    products: [
        .executable(name: "lms-offline", targets: ["lms-offline"]),
        .executable(name: "lms-server", targets: ["SyncServer"]),
        .library(name: "LMSModel", targets: ["LMSModel"]),
        .library(name: "CoursePackage", targets: ["CoursePackage"]),
        .library(name: "LMSDatabase", targets: ["LMSDatabase"])
    ],
    targets: [
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "LMSModel"),
        .target(name: "CoursePackage", dependencies: ["LMSModel", "CZlib"]),
        .target(name: "LMSDatabase", dependencies: ["CSQLite"]),
        .executableTarget(name: "SyncServer", dependencies: ["LMSModel", "CoursePackage", "LMSDatabase"]),
        .executableTarget(name: "lms-offline", dependencies: ["LMSModel", "CoursePackage", "LMSDatabase"]),
        // Test support shared by the client's and the server's tests (the rich sample with its
        // dates moved ahead of today, starting the real server); not a product.
        .target(name: "LMSTestSupport", path: "Tests/LMSTestSupport"),
        .testTarget(name: "LMSModelTests", dependencies: ["LMSModel", "LMSTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CoursePackageTests", dependencies: ["CoursePackage", "LMSModel"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "LMSDatabaseTests", dependencies: ["LMSDatabase"]),
        .testTarget(
            name: "LMSOfflineTests",
            dependencies: ["lms-offline", "CoursePackage", "LMSModel", "LMSDatabase", "LMSTestSupport"]),
        .testTarget(
            name: "SyncServerTests",
            dependencies: ["SyncServer", "CoursePackage", "LMSModel", "LMSDatabase", "LMSTestSupport"],
            resources: [.copy("Fixtures")])
    ]
)
