// libFuzzer entry point for the GIFT parser. Built by scripts/fuzz-gift.sh (no SwiftPM):
// the bytes are decoded as UTF-8 (invalid sequences become U+FFFD) and parsed; the parser must
// return, without trapping, for every input.

import CoursePackage
import LMSModel

/// Parses one fuzzer input and checks the invariants every result must keep.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let document = GIFTParser.parse(text, file: "fuzz.gift")
    var ids = Set<String>()
    for question in document.questions where !ids.insert(question.id).inserted {
        fatalError("duplicate question id \(question.id)")
    }
    for diagnostic in document.diagnostics where diagnostic.file != "fuzz.gift" {
        fatalError("diagnostic for another file: \(diagnostic)")
    }
    return 0
}
