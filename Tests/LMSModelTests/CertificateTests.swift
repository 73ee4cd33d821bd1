import Foundation
import Testing
@testable import LMSModel

struct CertificateTests {
    @Test func codes_AreGroupedBase32_WithoutAmbiguousLetters_AndDiffer() {
        let codes = (0..<200).map { _ in Certificate.makeCode() }
        #expect(Set(codes).count == 200)
        for code in codes {
            #expect(code.count == 23 && code.split(separator: "-").count == 4)
            #expect(!code.contains { "ILOU".contains($0) })
            #expect(Certificate.normalize(code) == code)
        }
    }

    @Test func normalize_ForgivesCaseSpacesAndLookalikes_AndRefusesOthers() {
        #expect(Certificate.normalize("abcde fghjk mnpqr stvwx") == "ABCDE-FGHJK-MNPQR-STVWX")
        #expect(Certificate.normalize("o0000-IIIII-LLLLL-00000") == "00000-11111-11111-00000")
        #expect(Certificate.normalize("ABCDE-FGHJK") == nil)
        #expect(Certificate.normalize("ABCDE-FGHJK-MNPQR-STVW!") == nil)
        #expect(Certificate.normalize("UUUUU-FGHJK-MNPQR-STVWX") == nil)
    }

    @Test func printable_TextAndHTML_HoldNameCourseDateCode_Escaped() {
        let cert = Certificate(
            code: "ABCDE-FGHJK-MNPQR-STVWX", name: "Ana <b>", courseID: "c-1", courseTitle: "Intro & more",
            issuedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let text = cert.text(verifyURL: "https://lms.example.org/api/v1/certificates/ABCDE-FGHJK-MNPQR-STVWX")
        #expect(text.contains("Ana <b>") && text.contains("Intro & more") && text.contains("2027-01-15"))
        #expect(text.contains("Verification code: ABCDE-FGHJK-MNPQR-STVWX") && text.contains("lms-offline verify"))
        let html = cert.html(verifyURL: nil)
        #expect(html.contains("Ana &lt;b&gt;") && html.contains("Intro &amp; more") && !html.contains("<b>"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }
}
