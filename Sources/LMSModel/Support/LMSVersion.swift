/// The version of the system, shared by `lms-offline` and `lms-server` (one release, one number).
public enum LMSVersion {
    /// The current release.
    public static let current = "0.2.0"
}
