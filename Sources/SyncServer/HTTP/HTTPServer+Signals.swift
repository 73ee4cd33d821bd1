import Dispatch
import Foundation
import Glibc

extension HTTPServer {
    /// Stops `server` gracefully on SIGTERM or SIGINT: no new connections, requests in flight
    /// finish within `grace` seconds. Returns the sources; keep them alive while serving.
    static func installSignalHandlers(server: HTTPServer, grace: TimeInterval = 10) -> [DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN) // let the dispatch source see it instead of the default action
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.stop(grace: grace) }
            source.resume()
            return source
        }
    }
}
