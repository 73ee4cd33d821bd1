import LMSModel
import Testing

@Suite struct RejectionCodeTests {
    @Test func theEnglishReasons_AreTheServersWording() {
        #expect(RejectionCode.notEnrolled.english(["intro"]) == "you are not enrolled in intro")
        #expect(RejectionCode.noQuiz.english(["intro", "1.2.0", "q"]) == "intro 1.2.0 has no quiz q")
        #expect(
            RejectionCode.attemptLimit.english(["Exam", "1", "1"])
                == "Exam allows 1 attempt and you have made 1: this one does not count")
        #expect(
            RejectionCode.attemptLimit.english(["Check", "2", "2"])
                == "Check allows 2 attempts and you have made 2: this one does not count")
        #expect(RejectionCode.fileNotUploaded.english(["a.txt"]) == "the file a.txt was not uploaded; sync again")
    }

    @Test func missingValues_ReadAsQuestionMarks_NeverATrap() {
        for code in RejectionCode.allCases {
            #expect(!code.english([]).isEmpty)
            #expect(code.english([]).contains("?"))
        }
    }
}
