/// Why a socket call failed, sorted into what the caller can act on (`errno` recorded where
/// the call failed).
enum SocketError: Error, Equatable, CustomStringConvertible {
    /// A non-blocking call found nothing to do (EAGAIN).
    case wouldBlock
    /// The peer went away (ECONNRESET, EPIPE, ENOTCONN): stop serving this connection.
    case disconnected
    /// A send stalled past its timeout (SO_SNDTIMEO): drop the connection.
    case timedOut
    /// The process is out of descriptors (EMFILE, ENFILE): back off and retry.
    case outOfDescriptors
    /// The address is taken (EADDRINUSE): choose another port.
    case addressInUse(String)
    /// The host is not a numeric IPv4 or IPv6 address.
    case invalidAddress(String)
    /// Any other failure of `call`, with its errno.
    case failed(call: String, errno: Int32)

    /// A stable, printable explanation.
    var description: String {
        switch self {
        case .wouldBlock: return "socket: would block"
        case .disconnected: return "socket: peer disconnected"
        case .timedOut: return "socket: send timed out"
        case .outOfDescriptors: return "socket: out of file descriptors; raise `ulimit -n` or lower maxConnections"
        case .addressInUse(let address): return "socket: \(address) is already in use; choose another port"
        case .invalidAddress(let host): return "socket: \"\(host)\" is not a numeric IPv4 or IPv6 address"
        case .failed(let call, let errno): return "socket: \(call) failed (errno \(errno))"
        }
    }
}
