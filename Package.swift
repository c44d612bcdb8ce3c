// swift-tools-version:6.0
import PackageDescription

/// ehcdesk: statutory EHC casework in the terminal.
///
/// The targets follow `docs/architecture.md`: a pure core, a store, a TUI that renders into
/// an in-memory Canvas, one thin ncurses backend and the executable that wires them together.
let package = Package(
    name: "ehcdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ehcdesk", targets: ["ehcdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(name: "EHCCore"),
        .target(
            name: "EHCStore",
            dependencies: [
                "EHCCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API under GRDB, for stepping the whole-caseload read by hand (Records/CaseStream.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                // SHA-256 for the audit trail's hash chain (AuditChain.swift).
                .product(name: "Crypto", package: "swift-crypto"),
                // libxml2's streaming writer for the SEN2 return (Return/XMLStreamWriter.swift).
                "CLibXML2",
            ]
        ),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "EHCTUI", dependencies: ["EHCCore"]),
        // Board papers: one self-contained HTML page per report, its chart as inline SVG (Foundation's XML).
        .target(name: "EHCReports"),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "CTerminalShim", dependencies: ["CNcurses"]),
        .target(name: "TerminalUI", dependencies: ["CNcurses", "CTerminalShim", "EHCTUI"]),
        .executableTarget(
            name: "ehcdesk",
            dependencies: [
                "EHCCore", "EHCStore", "EHCTUI", "EHCReports", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "EHCCoreTests", dependencies: ["EHCCore"]),
        .testTarget(name: "EHCStoreTests", dependencies: ["EHCStore", "EHCCore"]),
        .testTarget(name: "EHCTUITests", dependencies: ["EHCTUI", "EHCCore", "EHCStore", "TerminalUI"], exclude: ["Snapshots"]),
        .testTarget(name: "EHCReportsTests", dependencies: ["EHCReports"]),
        .testTarget(name: "EndToEndTests", dependencies: ["EHCCore", "EHCStore", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
