import Foundation
import Testing
@testable import LMSModel

struct WireDocumentTests {
    static let sample: JSONValue = [
        "seq": 41, "neg": -7, "big": 9_007_199_254_740_991, "pi": 3.25, "s": "héllo 😀", "empty": "", "null": nil,
        "t": true, "f": false, "list": [1, "two", [3], ["k": "v"]], "nested": ["seq": 1, "k": ["seq": 2]],
        "again": ["list": [], "obj": [:]]
    ]

    @Test func valuesReadInPlace_AnswerAsTheTreeDoes() throws {
        let frame = WireCodec.encode(Self.sample)
        let root = try WireDocument(frame: frame).root
        #expect(root.json == Self.sample)
        #expect(root["seq"]?.int(in: WireBounds.sequence) == 41)
        #expect(root["neg"]?.numberValue == -7)
        #expect(root["pi"]?.double(in: -10...10) == 3.25)
        #expect(root["pi"]?.int(in: WireBounds.sequence) == nil, "not whole")
        #expect(root["s"]?.stringValue == "héllo 😀")
        #expect(root["null"]?.isNull == true)
        #expect(root["t"]?.boolValue == true && root["f"]?.boolValue == false)
        #expect(root["missing"] == nil)
        #expect(root["list"]?.elementCount == 4)
        #expect(root["list"]?.elements.map(\.json) == Self.sample["list"]?.arrayValue)
        #expect(root["nested"]?["k"]?["seq"]?.numberValue == 2)
        #expect(root["s"]?["seq"] == nil, "a string has no members")
        #expect(root.elements.map(\.key) == Self.sample.objectMembers?.map(\.key))
        #expect(root.valueCount == Self.sample.valueCount(upTo: .max))
        #expect(root["again"]?["list"]?.elements.map(\.json) == [])
    }

    @Test func aRepeatedKey_ReadsAsItsLastMember() throws {
        let value = JSONValue(.object([("a", 1), ("b", 2), ("a", 3)]))
        let root = try WireDocument(frame: WireCodec.encode(value)).root
        #expect(root["a"]?.numberValue == 3)
        #expect(root["a"]?.numberValue == value["a"]?.numberValue)
    }

    @Test func keyReferences_ReadAsTheirKeys() throws {
        let entries = JSONValue(.array((0..<5).map { i in ["course": "c", "lesson": .init(.string("l\(i)"))] }))
        let frame = WireCodec.encode(entries)
        let root = try WireDocument(frame: frame).root
        #expect(root.elements.map { $0["lesson"]?.stringValue } == (0..<5).map { "l\($0)" })
        #expect(root.json == entries)
    }

    @Test func limits_AreCheckedWhileReading() {
        let frame = WireCodec.encode(["a": [1, 2, 3], "b": "xyz"])
        #expect(throws: WireCodec.DecodeError.self) {
            try WireDocument(frame: frame, limits: WireCodec.Limits(maxValues: 5))
        }
        #expect(throws: WireCodec.DecodeError.self) {
            try WireDocument(frame: frame, limits: WireCodec.Limits(maxStringBytes: 2))
        }
        #expect(throws: WireCodec.DecodeError.self) {
            try WireDocument(frame: frame, limits: WireCodec.Limits(maxElements: 2))
        }
        #expect(throws: WireCodec.DecodeError.self) {
            try WireDocument(frame: frame, limits: WireCodec.Limits(maxDepth: 0))
        }
        #expect((try? WireDocument(frame: frame, limits: WireCodec.Limits(maxValues: 6))) != nil)
        // Invalid UTF-8 in a key (not only in a string value) is refused.
        #expect(throws: WireCodec.DecodeError.self) {
            try WireDocument(frame: WireCodec.magic + [0x07, 0x01, 0x04, 0xC3, 0x28, 0x00])
        }
        #expect(throws: WireCodec.DecodeError.self) {
            try WireDocument(frame: WireCodec.magic + [0x04] + withUnsafeBytes(of: Double.nan.bitPattern, Array.init))
        }
    }

    @Test func theNullValue_IsNull() {
        #expect(WireValue.null.isNull)
        #expect(WireValue.null.json.isNull)
        #expect(WireValue.null["x"] == nil)
        #expect(WireValue.null.elements.map(\.json) == [])
    }
}
