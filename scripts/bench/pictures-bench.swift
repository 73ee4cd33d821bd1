// The picture benchmark, compiled by scripts/bench/pictures.sh with the PNG decoder and the
// half-block renderer (no SwiftPM). Prints the CPU time to decode a PNG and to draw it in
// 80 × 24 cells, the mean of several runs.
import Foundation

/// CPU time of this thread (the benchmark machine is shared).
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

let runs = 20
for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
    let bytes = [UInt8](data)
    var image: RGBAImage?
    let decode = seconds {
        for _ in 0..<runs { image = try? PNGDecoder.decode(bytes) }
    }
    guard let image else { fatalError("\(path) does not decode") }
    var lines: [TerminalLine] = []
    let render = seconds {
        for _ in 0..<runs { lines = HalfBlockRenderer.lines(image, maxColumns: 80, maxRows: 24) }
    }
    var text = 0
    let escape = seconds {
        for _ in 0..<runs { text = lines.map { $0.text(color: true).utf8.count }.reduce(0, +) }
    }
    let name = (path as NSString).lastPathComponent
    print(
        String(
            format: "%@ (%d bytes, %d×%d): decode %.1f ms, half blocks %.1f ms, escapes %.1f ms (%d lines, %d bytes)",
            name, bytes.count, image.width, image.height, decode * 1000 / Double(runs), render * 1000 / Double(runs),
            escape * 1000 / Double(runs), lines.count, text))
}
