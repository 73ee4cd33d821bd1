import Foundation
import Testing
@testable import LMSModel

struct CSVTests {
    @Test func fileData_StartsWithAByteOrderMark_AndParseSkipsIt() throws {
        let data = CSV.fileData(CSV.line(["name"]) + "\r\n" + CSV.line(["María"]) + "\r\n")
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = try CSV.parse(String(decoding: data, as: UTF8.self))
        #expect(rows.map(\.fields) == [["name"], ["María"]], "the mark is not part of the first field")
    }

    @Test func formulaGuard_CoversLeadingTabAndCarriageReturn_KeepsNumbers() {
        #expect(CSV.line(["\t=1+1"]) == "'\t=1+1")
        #expect(CSV.line(["\r=1+1"]) == "\"'\r=1+1\"", "quoted (RFC 4180) because it holds a CR")
        #expect(CSV.line(["=SUM(A1)", "+1x", "-x", "@x"]) == "'=SUM(A1),'+1x,'-x,'@x")
        #expect(CSV.line(["-3.5", "plain"]) == "-3.5,plain")
    }
}
