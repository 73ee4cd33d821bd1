/// HTML character references in raw HTML (WHATWG HTML §13.2.5.72): numeric ones, and the named
/// ones course text uses (Moodle's editor and GitHub READMEs write a few dozen). An unknown name
/// stays as written, as a browser shows it.
enum HTMLEntities {
    /// The longest name looked up (`&thetasym;` is 8): a longer run after `&` is not a reference.
    static let maxNameLength = 10

    /// `text` with its references decoded.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(maxNameLength + 2).firstIndex(of: ";"),
                let decoded = value(of: after[..<semicolon])
            else {
                out.append("&")
                rest = after
                continue
            }
            out += decoded
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }

    /// The text of a reference's name (`amp`, `#233`, `#x1F600`).
    private static func value(of name: Substring) -> String? {
        if name.hasPrefix("#") {
            var digits = name.dropFirst()
            var radix = 10
            if digits.first == "x" || digits.first == "X" {
                digits = digits.dropFirst()
                radix = 16
            }
            guard !digits.isEmpty, digits.count <= 8, let code = UInt32(digits, radix: radix) else { return nil }
            // §13.2.5.80: NUL, surrogates and out-of-range code points become U+FFFD.
            guard code != 0, let scalar = Unicode.Scalar(code) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[String(name)]
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "micro": "µ", "middot": "·", "para": "¶", "sect": "§", "bull": "•", "hellip": "…", "prime": "′",
        "Prime": "″", "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“",
        "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "iexcl": "¡",
        "iquest": "¿", "cent": "¢", "pound": "£", "euro": "€", "yen": "¥", "curren": "¤", "ordf": "ª",
        "ordm": "º", "sup1": "¹", "sup2": "²", "sup3": "³", "frac14": "¼", "frac12": "½", "frac34": "¾",
        "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "lArr": "⇐", "rArr": "⇒",
        "hArr": "⇔", "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈", "equiv": "≡", "infin": "∞", "minus": "−",
        "radic": "√", "sum": "∑", "prod": "∏", "int": "∫", "part": "∂", "nabla": "∇", "isin": "∈",
        "notin": "∉", "cap": "∩", "cup": "∪", "sub": "⊂", "sup": "⊃", "and": "∧", "or": "∨", "not": "¬",
        "forall": "∀", "exist": "∃", "empty": "∅", "there4": "∴", "ang": "∠", "perp": "⊥", "sdot": "⋅",
        "lowast": "∗", "prop": "∝", "permil": "‰", "dagger": "†", "Dagger": "‡", "loz": "◊", "check": "✓",
        "hearts": "♥", "spades": "♠", "clubs": "♣", "diams": "♦", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "thinsp": "\u{2009}", "zwj": "\u{200D}", "zwnj": "\u{200C}", "alpha": "α", "beta": "β", "gamma": "γ",
        "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ",
        "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ",
        "Omega": "Ω", "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú",
        "Aacute": "Á", "Eacute": "É", "Iacute": "Í", "Oacute": "Ó", "Uacute": "Ú", "ntilde": "ñ",
        "Ntilde": "Ñ", "uuml": "ü", "Uuml": "Ü", "ouml": "ö", "Ouml": "Ö", "auml": "ä", "Auml": "Ä",
        "euml": "ë", "iuml": "ï", "agrave": "à", "egrave": "è", "igrave": "ì", "ograve": "ò", "ugrave": "ù",
        "Agrave": "À", "Egrave": "È", "acirc": "â", "ecirc": "ê", "icirc": "î", "ocirc": "ô", "ucirc": "û",
        "ccedil": "ç", "Ccedil": "Ç", "atilde": "ã", "otilde": "õ", "szlig": "ß", "aring": "å", "Aring": "Å",
        "aelig": "æ", "AElig": "Æ", "oslash": "ø", "Oslash": "Ø"
    ]
}
