/// The messages of grading and reports (the teacher's queue, grades, gradebook, certificates).
extension MessageKey {
    var gradingTexts: (en: String, es: String) {
        switch self {
        case .queueEmpty: return ("Nothing in %1 awaits grading.", "Nada de %1 espera calificación.")
        case .queueHeader: return ("%1 awaiting grading in %2", "%1 pendientes de calificar en %2")
        case .gradeScorePrompt: return ("%1 (0-%2): ", "%1 (0-%2): ")
        case .gradeFeedbackPrompt:
            return ("Feedback (one line, empty for none): ", "Comentarios (una línea, vacía para ninguno): ")
        case .gradeInvalidScore:
            return (
                "give a number from 0 to %1 (s skips this one, q stops)",
                "indique un número de 0 a %1 (s salta este, q termina)"
            )
        case .gradeRecorded: return ("Recorded %1 for %2 (%3).", "Registrado %1 para %2 (%3).")
        case .gradeSkipped: return ("Skipped.", "Omitido.")
        case .lateCounted:
            return (
                "The late attempt %1 at %2 (%3) now counts in the gradebook of %4; the student's devices update at their next sync.",
                "El intento tardío %1 de %2 (%3) ya cuenta en las notas de %4; los dispositivos del estudiante se actualizan en su próxima sincronización."
            )
        case .lateNotCounted:
            return (
                "The late attempt %1 at %2 (%3) no longer counts in the gradebook of %4.",
                "El intento tardío %1 de %2 (%3) ya no cuenta en las notas de %4."
            )
        case .reviewReleased:
            return (
                "Released the review of %1: %2 published; students see their marks at their next sync.",
                "Publicada la revisión de %1: %2; los estudiantes ven sus notas en su próxima sincronización."
            )
        case .countResults: return ("%1 result|%1 results", "%1 resultado publicado|%1 resultados publicados")
        case .releaseReviewOnline:
            return (
                "--release-review QUIZ needs the server (not with --offline): connect and run it again",
                "--release-review CUESTIONARIO necesita el servidor (no con --offline): conéctese y repítalo"
            )
        case .filesSavedTo: return ("files saved to %1", "archivos guardados en %1")
        case .essayAnswer: return ("Answer:", "Respuesta:")
        case .noAnswer: return ("(no answer)", "(sin respuesta)")
        case .gradeNeedsScore:
            return (
                "give at least one --score CRITERION=POINTS (an item without a rubric takes --score points=N)",
                "indique al menos un --score CRITERIO=PUNTOS (un elemento sin rúbrica usa --score points=N)"
            )
        case .gradeScoreSyntax:
            return (
                "--score %1 is not CRITERION=POINTS, like --score \"Readable code=2\"",
                "--score %1 no es CRITERIO=PUNTOS, como --score \"Readable code=2\""
            )
        case .gradeOneTarget:
            return (
                "give either --submission ID or --attempt ID, not both",
                "indique --submission ID o --attempt ID, no ambos"
            )
        case .historyEmpty: return ("No grade of %1 has changed yet.", "Ninguna nota de %1 ha cambiado aún.")
        case .gradebookLate:
            return (
                "late, not counted: %1  %2  attempt %3 (%4): %5; to count it: lms-offline grade %6 --attempt %3 --count-late",
                "tardío, no cuenta: %1  %2  intento %3 (%4): %5; para contarlo: lms-offline grade %6 --attempt %3 --count-late"
            )
        case .gradebookDash:
            return (
                "–: nothing that counts yet (not handed in, awaiting a teacher's grade: lms-offline grade COURSE --list, or late and not counted)",
                "–: nada que cuente aún (sin entregar, esperando la nota de un docente: lms-offline grade CURSO --list, o tardío sin contar)"
            )
        case .gradebookLateCounted:
            return (
                "late, counted by a teacher: %1  %2  attempt %3 (%4): %5",
                "tardío, contado por un docente: %1  %2  intento %3 (%4): %5"
            )
        case .countLateNeedsAttempt:
            return (
                "--count-late and --no-count-late go with --attempt ID (a late quiz attempt), one of them, online (not with --offline)",
                "--count-late y --no-count-late van con --attempt ID (un intento tardío), solo uno, en línea (no con --offline)"
            )
        case .gradebookSummary:
            return (
                "%1: %2, %3 graded, pass at %4%",
                "%1: %2, %3 calificados, se aprueba con %4%"
            )
        case .csvWritten: return ("wrote %1", "escrito %1")
        case .reportSummary:
            return (
                "%1: %2, %3% completed, %4 passing, average %5%",
                "%1: %2, %3% completaron, %4 aprueban, media %5%"
            )
        case .reportAtRisk: return ("Students at risk:", "Estudiantes en riesgo:")
        case .reportNobodyAtRisk: return ("Nobody is at risk.", "Nadie está en riesgo.")
        case .reportDistribution: return ("Score distribution (total %):", "Distribución de notas (total %):")
        case .certificateSaved:
            return ("Certificate of %1 saved to %2 (code %3).", "Certificado de %1 guardado en %2 (código %3).")
        case .certificateVerified: return ("Valid: %1 completed %2 (%3) on %4.", "Válido: %1 completó %2 (%3) el %4.")
        case .certificateCodeInvalid:
            return (
                "%1 is not a certificate code: it has 20 letters and digits, like ABCDE-FGHJK-MNPQR-STVWX",
                "%1 no es un código de certificado: tiene 20 letras y cifras, como ABCDE-FGHJK-MNPQR-STVWX"
            )
        case .needsServer:
            return (
                "give --server URL, or log in first (lms-offline login)",
                "indique --server URL, o inicie antes sesión (lms-offline login)"
            )
        case .inactiveDaysInvalid:
            return (
                "--inactive-days must be a whole number of days from 1 to 366",
                "--inactive-days debe ser un número entero de días de 1 a 366"
            )
        case .offlineUnknownSubmission:
            return (
                "this device has no submission or attempt %1 of %2: run lms-offline sync first (it brings the work of your students)",
                "este equipo no tiene la entrega o el intento %1 de %2: ejecute antes lms-offline sync (trae el trabajo de sus estudiantes)"
            )
        case .gradeQueued:
            return (
                "Grade of %1 saved here; the next lms-offline sync sends it to the server.",
                "Nota de %1 guardada aquí; la próxima lms-offline sync la envía al servidor."
            )
        case .wordStudent: return ("student", "estudiante")
        case .wordTotal: return ("total", "total")
        case .wordResult: return ("result", "resultado")
        case .wordPass: return ("pass", "aprueba")
        case .wordFail: return ("fail", "suspende")
        case .wordLate: return ("late", "tarde")
        case .essaysPendingShort:
            return (
                "so far: essays await the teacher's grade", "por ahora: los desarrollos esperan la nota del docente"
            )
        case .lateNotCountedShort:
            return (
                "late: counts only if the teacher counts it", "entregado tarde: solo cuenta si el docente lo cuenta"
            )
        case .wordRegrade: return ("regrade", "recalificar")
        case .gradeCurrent:
            return (
                "Current grade (of an earlier version): %1; feedback: %2",
                "Nota actual (de una versión anterior): %1; comentarios: %2"
            )
        default: return commsTexts
        }
    }
}
