/// The request methods the server implements; any other syntactically valid method is
/// answered 501 (RFC 9110 §9.1).
enum HTTPMethod: String, Sendable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case options = "OPTIONS"

    /// The method whose name is `bytes`, compared case-sensitively (RFC 9110 §9.1).
    init?<C: Collection>(bytes: C) where C.Element == UInt8 {
        guard let method = HTTPMethod.allCases.first(where: { $0.rawValue.utf8.elementsEqual(bytes) }) else {
            return nil
        }
        self = method
    }
}
