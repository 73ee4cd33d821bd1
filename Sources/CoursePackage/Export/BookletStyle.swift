/// The booklet's style sheet: made for paper (A4 or Letter: the printer's page size, margins in
/// millimetres), black on white, serif body text at 11 points, each module starting a page,
/// questions and table rows never split across pages.
enum BookletStyle {
    static let css = """
        @page { margin: 16mm 15mm 18mm 15mm; }
        html { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.4;
          color: #000; background: #fff; }
        body { max-width: 180mm; margin: 0 auto; }
        h1, h2, h3, h4, h5, h6 { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; line-height: 1.2;
          break-after: avoid; page-break-after: avoid; }
        h1 { font-size: 22pt; margin: 0 0 4mm; }
        h2 { font-size: 17pt; border-bottom: 1.5pt solid #000; padding-bottom: 1mm; }
        h3 { font-size: 14pt; margin-top: 8mm; }
        h4 { font-size: 12pt; } h5, h6 { font-size: 11pt; }
        .cover { break-after: page; page-break-after: always; }
        .module { break-before: page; page-break-before: always; }
        .meta { color: #333; font-size: 9.5pt; margin-top: 0; }
        .media { border-left: 2pt solid #555; padding-left: 3mm; }
        a { color: #000; text-decoration: underline; }
        .body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8.5pt; word-break: break-all; }
        img { max-width: 100%; max-height: 120mm; break-inside: avoid; page-break-inside: avoid; }
        pre, code, kbd { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 9.5pt; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; border: 0.75pt solid #888; padding: 2mm 3mm;
          background: #fff; break-inside: avoid; page-break-inside: avoid; }
        code { background: none; }
        kbd { border: 0.75pt solid #666; border-radius: 2pt; padding: 0 1pt; }
        blockquote { margin-left: 0; padding-left: 4mm; border-left: 2pt solid #888; }
        table { border-collapse: collapse; margin: 3mm 0; }
        th, td { border: 0.75pt solid #666; padding: 1mm 2mm; vertical-align: top; text-align: left; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .contents ol { padding-left: 6mm; }
        .contents > ol > li { margin-top: 2mm; font-weight: bold; }
        .contents ol ol { font-weight: normal; }
        .item { margin-bottom: 8mm; }
        .quiz .name-line { margin: 2mm 0 4mm; }
        .question, .description { break-inside: avoid; page-break-inside: avoid; margin: 4mm 0 5mm; }
        .description { font-style: italic; }
        .qnum { font-weight: bold; margin-bottom: 1mm; }
        .points, .hint { font-weight: normal; color: #333; font-size: 9.5pt; }
        .choices { list-style: none; padding-left: 4mm; }
        .choices li { margin: 1.5mm 0; }
        .choices li p { display: inline; }
        .choices.inline li { display: inline-block; margin-right: 10mm; }
        .box { font-size: 13pt; }
        .blank-line { display: inline-block; min-width: 90mm; border-bottom: 0.75pt solid #000; height: 1.2em; }
        .answer { margin-top: 4mm; }
        .essay .rule { border-bottom: 0.75pt solid #999; height: 8mm; }
        .matching td { min-width: 60mm; }
        .matching .letter-box { min-width: 10mm; width: 10mm; text-align: center; }
        .rubric .blank { min-width: 20mm; }
        .key { border: 1pt dashed #000; padding: 1.5mm 3mm; margin-top: 2mm; font-size: 10pt; }
        .key p { margin: 0.5mm 0; }
        .choices .key { border: none; padding: 0; font-size: 9.5pt; }

        """
}
