import Glibc

/// A file descriptor for a response body or a spooled request body, owned: closed in `deinit`.
final class HTTPFile {
    /// The descriptor.
    let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Opens `path` for reading.
    static func openForReading(_ path: String) throws(SocketError) -> HTTPFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .failed(call: "open", errno: errno) }
        return HTTPFile(fd: fd)
    }

    /// The size of the open file, in bytes.
    func size() throws(SocketError) -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .failed(call: "fstat", errno: errno) }
        return Int64(info.st_size)
    }

    /// A new, empty file with a unique name in `directory` (mode 0600), and its path.
    static func createTemporary(in directory: String) throws(SocketError) -> (HTTPFile, String) {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template += Array("lms-upload-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw .failed(call: "mkstemp", errno: errno) }
        let path = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (HTTPFile(fd: fd), path)
    }

    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            throw .failed(call: "write", errno: errno)
        }
    }

    /// Removes the file at `path`, if it is still there.
    static func remove(_ path: String) {
        unlink(path)
    }
}

/// Monotonic and wall-clock time for deadlines, durations and the Date header.
enum HTTPClock {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Whole seconds since 1970 (UTC) on the wall clock.
    static func wallSeconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return ts.tv_sec
    }

    /// `seconds` (since 1970, UTC) as an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"
    /// (RFC 9110 §5.6.7).
    static func imfFixdate(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// `seconds` (since 1970, UTC) plus `milliseconds` in ISO 8601, e.g. "2024-05-01T12:00:00.123Z".
    static func iso8601(_ seconds: Int, milliseconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(parts.tm_year + 1900)-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(milliseconds, 3))Z"
    }
}
