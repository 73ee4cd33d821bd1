import Foundation
import LMSModel
import Testing

/// The one JSON builder (`JSONValue+Building`): each builder makes the value it names, and
/// objects keep their members in the order given.
struct JSONValueBuildingTests {
    @Test func builders_MakeTheValuesTheyName() {
        #expect(JSONValue.str("a") == JSONValue(.string("a")))
        #expect(JSONValue.num(2.5) == JSONValue(.number(2.5)))
        #expect(JSONValue.int(-3) == JSONValue(.number(-3)))
        #expect(JSONValue.flag(true) == JSONValue(.bool(true)))
        #expect(JSONValue.opt(nil).isNull)
        #expect(JSONValue.opt("x") == "x")
        #expect(JSONValue.date(nil).isNull)
        #expect(JSONValue.date(Date(timeIntervalSince1970: 86_400)) == "1970-01-02T00:00:00Z")
    }

    @Test func objectsAndLists_KeepTheirOrder_WhenWritten() {
        let value = JSONValue.obj([
            ("z", .int(1)), ("a", .list([.str("b"), .flag(false), .opt(nil)])), ("m", .num(0.5))
        ])
        #expect(JSONWriter.write(value) == #"{"z":1,"a":["b",false,null],"m":0.5}"#)
    }
}
