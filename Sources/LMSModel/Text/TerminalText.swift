/// Text written by someone else (a classmate's post, a student's essay, a teacher's course
/// title), made safe to print on a terminal: a pure function from text to text.
///
/// A terminal obeys control characters in what it prints: ESC starts ANSI/ECMA-48 sequences
/// (`ESC [2J` clears the screen, OSC 52 writes the clipboard, cursor moves fake other output),
/// C1 controls (U+0080–U+009F, e.g. U+009B, CSI) do the same on terminals that honour them, and a
/// carriage return overwrites the line. `sanitize` replaces every C0 control except newline and
/// tab, DEL and every C1 control by a visible placeholder, so the reader sees that something was
/// there and nothing acts on their terminal. Output for scripts (`--json`) is left as it is.
public enum TerminalText {
    /// What a C1 control (U+0080–U+009F) is shown as: it has no picture of its own.
    public static let c1Placeholder: Unicode.Scalar = "\u{FFFD}"

    /// `text` with C0 controls (except `\n` and `\t`) shown as their Control Pictures (ESC as
    /// `␛`, a carriage return as `␍`), DEL as `␡`, and C1 controls as `c1Placeholder`.
    /// A carriage return just before a newline (Windows line ends) is dropped.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            guard needsReplacing(scalar) else {
                out.append(scalar)
                continue
            }
            if scalar == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { continue }
            out.append(placeholder(for: scalar))
        }
        return String(out)
    }

    /// Whether `scalar` is a control that a terminal could act on.
    static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
    }

    static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x20 { return Unicode.Scalar(0x2400 + v) ?? c1Placeholder } // U+2400 Control Pictures
        if v == 0x7F { return "\u{2421}" }
        return c1Placeholder
    }
}
