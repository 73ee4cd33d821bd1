import Foundation
import LMSModel
import Testing

/// `passwd` against the real server: changing a password, and setting one with a reset code.
struct PasswordCommandTests {
    @Test func passwd_ChangesThePassword_AndSaysWhatIsWrong() throws {
        let world = try SyncWorld(publish: false)
        try world.createUser("sam")
        let device = try world.device("sam")
        let wrong = try device.run(["passwd", "--stdin"], input: "not my password\nnew password 1\n")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("the current password of sam is wrong"), "\(wrong.stderr)")
        let short = try device.run(["passwd", "--stdin"], input: "password of sam\nshort\n")
        #expect(short.stderr.contains("too short: use at least 8 characters"), "\(short.stderr)")
        #expect(!short.stderr.contains("422"))
        let changed = try device.run(["passwd", "--stdin"], input: "password of sam\nnew password 1\n")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("Password of sam at \(world.base) changed."))
        #expect(try world.login("sam", "new password 1").isEmpty == false)
        #expect(throws: (any Error).self) { try world.login("sam", "password of sam") }
    }

    @Test func resetCode_SetsANewPasswordWithoutALogin_AndWorksOnce() throws {
        let world = try SyncWorld(publish: false)
        try world.createUser("sam")
        let (status, answer) = try world.call("POST", "/api/v1/users/sam/reset-code", token: world.adminToken)
        #expect(status == 201)
        let code = try #require(answer["code"]?.stringValue)
        let fresh = ClientFixture()
        let reset = try fresh.run(
            ["passwd", "--reset-code", code.lowercased(), "--username", "sam", "--server", world.base, "--stdin"],
            input: "a brand new password\n")
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout.contains("New password of sam at \(world.base) set"))
        #expect(try world.login("sam", "a brand new password").isEmpty == false)
        let again = try fresh.run(
            ["passwd", "--reset-code", code, "--username", "sam", "--server", world.base, "--stdin"],
            input: "another new password\n")
        #expect(again.status == 1)
        #expect(again.stderr.contains("refused the reset code for sam"), "\(again.stderr)")
        #expect(!again.stderr.contains("403"))
    }

    @Test func resetCode_OnALinkedDevice_TakesTheAccountsUsernameAndServer() throws {
        let world = try SyncWorld(publish: false)
        try world.createUser("sam")
        let device = try world.device("sam")
        let (_, answer) = try world.call("POST", "/api/v1/users/sam/reset-code", token: world.adminToken)
        let code = try #require(answer["code"]?.stringValue)
        let reset = try device.run(["passwd", "--reset-code", code, "--stdin"], input: "a brand new password\n")
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(try world.login("sam", "a brand new password").isEmpty == false)
    }

    @Test func resetCode_WithNoAccountOrUsername_SaysWhatToGive() throws {
        let fresh = ClientFixture()
        let result = try fresh.run(["passwd", "--reset-code", "AAAA-BBBB-CCCC", "--stdin"], input: "a new password\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("--username NAME"))
    }
}
