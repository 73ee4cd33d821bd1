import Foundation
import LMSModel

/// The languages of the user interface.
enum Language: String, Sendable {
    case english = "en"
    case spanish = "es"

    /// The language of this process, from `LC_ALL`, else `LC_MESSAGES`, else `LANG` (read directly:
    /// many machines have no generated locales); any `es*` value means Spanish.
    static let current = resolve(ProcessInfo.processInfo.environment)

    /// The language a given environment asks for.
    static func resolve(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("es") ? .spanish : .english
            }
        }
        return .english
    }
}

/// Every user-facing message of the study commands, in English and Spanish, by key.
/// Placeholders are `%1`, `%2`, …; course content is never translated.
enum Messages {
    /// The text of `key` in the current language with `args` filled in.
    static func text(_ key: MessageKey, _ args: [String], language: Language = .current) -> String {
        let pair = key.texts
        var text = language == .spanish ? pair.es : pair.en
        for (i, arg) in args.enumerated().reversed() { text = text.replacingOccurrences(of: "%\(i + 1)", with: arg) }
        return text
    }

    /// `text` with variadic arguments.
    static func t(_ key: MessageKey, _ args: CustomStringConvertible...) -> String {
        text(key, args.map(\.description))
    }

    /// A counted phrase (`1 point`, `2.5 points`, `1 punto`): the key's text holds the singular and the
    /// plural form separated by `|`, each with `%1` for the number (written by `ScoreFormat.text`).
    static func count(_ key: MessageKey, _ n: Double, language: Language = .current) -> String {
        form(of: text(key, [ScoreFormat.text(n)], language: language), count: n)
    }

    /// The singular or the plural of a `singular|plural` text, by `count`.
    static func form(of text: String, count: Double) -> String {
        let forms = text.components(separatedBy: "|")
        return count == 1 ? forms[0] : forms[forms.count - 1]
    }

    /// `count` of a whole number.
    static func count(_ key: MessageKey, _ n: Int, language: Language = .current) -> String {
        count(key, Double(n), language: language)
    }
}

/// The keys of the message catalog.
enum MessageKey: String, CaseIterable, Sendable {
    // Home, disk and profiles
    case homeUnusable, ioFailed, diskFull, noProfile, sessionExpired, profileExists, profileUnknown, wrongPIN
    case profileLocked, pinTooShort, pinMismatch, pinMissing, invalidName, pinIterationsWarning, pinPrompt, pinRepeat
    case pinNewPrompt, pinMismatchAgain, switchNowPrompt, stillActive, firstProfileMade, firstProfileMadeWithPIN
    case defaultProfileName, serverPrompt, serverPromptNew, usernamePrompt
    case helpHeader, helpStudying, helpTogether, helpDevice, helpTeaching, helpAuthoring, helpAdmin, helpMore
    case helpExample, helpFooter, unknownCommand, unknownCommandHint
    case certificateSyncFirst, previewBinary, previewMore
    case countPoints, countAssignments, countLessons, countQuizzes, countStudents, countItems, countQuestions,
        countUsers, countErrors, countWarnings, courseValid, courseNotValid
    case assignmentDue, assignmentOverdue, assignmentNoDue, assignmentSubmitText, assignmentSubmitFiles,
        assignmentSubmitBoth
    case assignmentHowToSubmit
    case profileAdded, profileRemoved, profileSwitched, noProfiles, activeMark
    // Courses and items
    case courseUnknown, courseAmbiguous, itemUnknown, itemAmbiguous, didYouMean, noCourses, removedMark
    case notALesson, notAQuiz, notAnAssignment, noSyllabus
    // Install
    case packageUnusable, packageInvalidCourse, olderVersion, alreadyInstalled, installed, updated
    case changeAdded, changeChanged, changeRemoved, changeRenamed, noteInstalledTitle, noteUpdatedTitle, noteUpdatedBody
    // Study
    case markedDone, markDonePrompt, nextDone, nextItem, prerequisiteMissing, openMedia, openLink
    // Quiz
    case resumePrompt, attemptKeptOpen, handInPrompt, matchUsedOnce, noTimeLimit, timeLeftWords, attemptsUsed,
        questionHeader, timeLeft, timeUp, interrupted, chooseOne,
        chooseMany, answerTrueFalse
    case answerText, answerNumber, answerEssay, matchPrompt, invalidAnswer, score, awaitingServer, essayPending
    case feedbackRight, feedbackWrong, feedbackPartial, answersUnreadable, quizStart, attemptsLeft, noAnswerSheetTTY
    // Submit
    case wrongFileType, fileTooLarge, fileUnreadable, needsText, needsFile, nothingToSubmit, submitted, lateWarning
    // Reports
    case headerCourse, headerDone, headerTime, headerScore, headerDue, headerStatus, nothingDue, noGrades, inboxEmpty
    case overdue, dueIn, awaiting, notStarted, markedRead, notificationUnknown, notificationAmbiguous, submittedState,
        doneState, pendingState
    // Sync
    case netRefused, netUnknownHost, netTimedOut, netOffline, netLost, netInsecure, netNoAnswer
    case syncNetwork, syncLoginExpired, syncLoginExpiredFor, syncServerError, syncBadAnswer, syncCorrupt, accountInUse
    case passwordCurrentPrompt, passwordNewPrompt, passwordRepeatPrompt, passwordMissingStdin, passwordTooShort
    case passwordTooLong, passwordMismatch, passwordWrong, passwordChanged, passwordReset, resetCodeRefused
    case resetNeedsUsername
    case serverInvalid, passwordPrompt, passwordMissing, loginRefused, loggedIn, loggedOut, logoutOffline, notLoggedIn
    case nobodyLoggedIn, syncBusy, manifestMismatch
    case rejectedTitle, rejectedBody, rejectedAttempt, rejectedSubmission, rejectedProgress, rejectedOther
    case enrollmentRemovedTitle, enrollmentRemovedBody, examScoredTitle, examScoredBody
    case progressPushing, progressPulling, progressDownloading
    case summaryPushed, summaryRejected, summaryPulled, summaryGrades, summaryUpdated, summaryInstalled
    case attentionRejected, attentionRemoved
    // Grading, reports, certificates
    case gradeReceivedTitle, gradeReceivedBody, gradeReceivedFeedback, certificateReadyTitle, certificateReadyBody
    case queueEmpty, queueHeader, gradeScorePrompt, gradeFeedbackPrompt, gradeInvalidScore, gradeRecorded, gradeSkipped,
        filesSavedTo
    case essayAnswer, noAnswer, gradeNeedsScore, gradeScoreSyntax, gradeOneTarget, historyEmpty, gradebookSummary,
        gradebookLate, gradebookLateCounted, countLateNeedsAttempt,
        csvWritten
    case reportSummary, reportAtRisk, reportNobodyAtRisk, reportDistribution, certificateSaved, certificateVerified,
        certificateCodeInvalid
    case needsServer, inactiveDaysInvalid, offlineUnknownSubmission, gradeQueued, gradeCurrent
    case wordStudent, wordTotal, wordResult, wordPass, wordFail, wordLate, wordRegrade
    // Teaching and administration (Messages+Admin.swift)
    case forbidden, loginAgain, validationFailed, published, publishedFirst, studentsAffected, noItemChanges
    case versionExists, invalidPackage, itemAdded, itemChanged, itemRemoved, itemRenamed, filesSummary
    case rosterEmpty, enrolled, unenrolled, modeSet, groupsSet, userDisabled, userEnabled, roleSet
    case resetCode, resetCodeNote, imported, exported, eraseNeedsConfirm, erased, calendarWritten, noDates
    case accountErasedHere
    // Communication (Messages+Comms.swift)
    case commsEmpty, commsTooLong, commsPostUnknown, commsPostAmbiguous, commsNotYours, commsCannotDelete,
        commsPostDeleted
    case commsMessageSelf, commsCourseUnknown, commsSavedThread, commsSavedReply, commsSavedEdit, commsSavedDelete,
        commsSavedMessage
    case commsSavedAnnouncement, commsNotSynced, commsRefused, commsNoAnnouncements, commsNoThreads, commsNoMessages
    case commsDeletedMark, commsEditedMark, commsReplies, commsBodyOrFile
    case noteAnnouncementTitle, noteReplyTitle, noteMessageTitle, notePostTitle, noteBody, noteDeadlineTitle,
        noteDeadlineBody
    case noteNewLessonTitle, noteNewQuizTitle, noteNewAssignmentTitle, noteNewItemBody, noteNewVersionTitle,
        noteNewVersionBody
    // Marks withheld until a quiz's review (Messages+Marks.swift)
    case marksWithheld, marksWithheldShort, marksNever, marksWithheldTitle
}

extension MessageKey {
    /// English and Spanish templates.
    var texts: (en: String, es: String) {
        switch self {
        case .homeUnusable:
            return (
                "cannot use the data folder %1 (%2): choose another with --home DIR",
                "no se puede usar la carpeta de datos %1 (%2): elija otra con --home DIR"
            )
        case .ioFailed: return ("cannot %1 %2: %3", "no se puede %1 %2: %3")
        case .diskFull:
            return (
                "the disk is full while writing %1: free some space and try again (nothing stored was lost)",
                "el disco está lleno al escribir %1: libere espacio e inténtelo de nuevo (no se perdió nada de lo guardado)"
            )
        case .noProfile:
            return (
                "no profile is active: run lms-offline profile add NAME (or lms-offline profile switch NAME)",
                "no hay ningún perfil activo: ejecute lms-offline profile add NOMBRE (o lms-offline profile switch NOMBRE)"
            )
        case .sessionExpired:
            return (
                "the session of %1 was idle too long: run lms-offline profile switch %1",
                "la sesión de %1 estuvo inactiva demasiado tiempo: ejecute lms-offline profile switch %1"
            )
        case .profileExists:
            return (
                "a profile named %1 already exists: choose another name",
                "ya existe un perfil llamado %1: elija otro nombre"
            )
        case .profileUnknown:
            return (
                "no profile named %1%2: run lms-offline profile list",
                "no hay ningún perfil llamado %1%2: ejecute lms-offline profile list"
            )
        case .wrongPIN:
            return (
                "wrong PIN for %1 (%2 more tries before a pause)",
                "PIN incorrecto para %1 (%2 intentos más antes de una pausa)"
            )
        case .profileLocked:
            return (
                "%1 is locked after too many wrong PINs: try again in %2 seconds",
                "%1 está bloqueado tras demasiados PIN incorrectos: inténtelo de nuevo en %2 segundos"
            )
        case .pinTooShort: return ("a PIN needs at least %1 characters", "un PIN necesita al menos %1 caracteres")
        case .pinMismatch:
            return (
                "the two PINs differ: nothing was changed; try again",
                "los dos PIN no coinciden: no se cambió nada; inténtelo de nuevo"
            )
        case .pinMissing:
            return (
                "no PIN given: type it on a terminal, or pass --pin-stdin, or set LMS_PIN",
                "no se dio ningún PIN: escríbalo en un terminal, o use --pin-stdin, o defina LMS_PIN"
            )
        case .invalidName:
            return (
                "a profile name needs 1 to 64 characters, without / or control characters",
                "un nombre de perfil necesita de 1 a 64 caracteres, sin / ni caracteres de control"
            )
        case .pinIterationsWarning:
            return (
                "warning: LMS_PIN_ITERATIONS=%1 weakens PIN protection; it is meant for tests only",
                "aviso: LMS_PIN_ITERATIONS=%1 debilita la protección del PIN; es solo para pruebas"
            )
        case .pinPrompt: return ("PIN for %1: ", "PIN de %1: ")
        case .pinRepeat: return ("PIN again: ", "Repita el PIN: ")
        case .profileAdded: return ("Added profile %1.", "Perfil %1 añadido.")
        case .previewBinary:
            return (
                "not a text file: open the saved copy (below) with the program for it",
                "no es un archivo de texto: abra la copia guardada (abajo) con el programa adecuado"
            )
        case .previewMore:
            return ("… %1 more lines in the saved copy (below)", "… %1 líneas más en la copia guardada (abajo)")
        case .certificateSyncFirst:
            return (
                "the server says: %1. It has not seen all your work yet: run lms-offline sync, then ask for the certificate again",
                "el servidor dice: %1. Aún no ha recibido todo su trabajo: ejecute lms-offline sync y pida de nuevo el certificado"
            )
        case .countPoints: return ("%1 point|%1 points", "%1 punto|%1 puntos")
        case .countAssignments: return ("%1 assignment|%1 assignments", "%1 tarea|%1 tareas")
        case .countLessons: return ("%1 lesson|%1 lessons", "%1 lección|%1 lecciones")
        case .countQuizzes: return ("%1 quiz|%1 quizzes", "%1 cuestionario|%1 cuestionarios")
        case .countStudents: return ("%1 student|%1 students", "%1 estudiante|%1 estudiantes")
        case .countItems: return ("%1 item|%1 items", "%1 elemento|%1 elementos")
        case .countQuestions: return ("%1 question|%1 questions", "%1 pregunta|%1 preguntas")
        case .countUsers: return ("%1 user|%1 users", "%1 usuario|%1 usuarios")
        case .countErrors: return ("%1 error|%1 errors", "%1 error|%1 errores")
        case .countWarnings: return ("%1 warning|%1 warnings", "%1 aviso|%1 avisos")
        case .courseValid: return ("%1: valid (%2, %3)", "%1: válido (%2, %3)")
        case .courseNotValid: return ("%1: not valid (%2, %3)", "%1: no válido (%2, %3)")
        case .assignmentDue: return ("due %1 (%2 left)", "vence el %1 (quedan %2)")
        case .assignmentOverdue: return ("was due %1 (overdue)", "venció el %1 (vencida)")
        case .assignmentNoDue: return ("no due date", "sin fecha límite")
        case .assignmentSubmitText: return ("hand in: text", "entregar: texto")
        case .assignmentSubmitFiles: return ("hand in: files%1", "entregar: archivos%1")
        case .assignmentSubmitBoth: return ("hand in: text and/or files%1", "entregar: texto y/o archivos%1")
        case .assignmentHowToSubmit:
            return (
                "Hand it in with: lms-offline submit %1 %2",
                "Entréguela con: lms-offline submit %1 %2"
            )
        case .pinNewPrompt:
            return (
                "PIN for %1 (at least %2 characters, to keep others out on a shared device; Enter for none): ",
                "PIN de %1 (al menos %2 caracteres, para que nadie más entre en un equipo compartido; Intro para ninguno): "
            )
        case .pinMismatchAgain:
            return ("the two PINs differ: type it again", "los dos PIN no coinciden: escríbalo de nuevo")
        case .switchNowPrompt: return ("Switch to %1 now? [Y/n] ", "¿Cambiar ahora a %1? [S/n] ")
        case .stillActive:
            return (
                "Still studying as %1: run lms-offline profile switch %2 to change.",
                "Sigue estudiando como %1: ejecute lms-offline profile switch %2 para cambiar."
            )
        case .firstProfileMade:
            return (
                "Made profile %1 on this device (no PIN); lms-offline profile add NAME adds another student.",
                "Se creó el perfil %1 en este equipo (sin PIN); lms-offline profile add NOMBRE añade otro estudiante."
            )
        case .firstProfileMadeWithPIN:
            return (
                "Made profile %1 on this device, with its PIN; lms-offline profile add NAME adds another student.",
                "Se creó el perfil %1 en este equipo, con su PIN; lms-offline profile add NOMBRE añade otro estudiante."
            )
        case .defaultProfileName: return ("student", "estudiante")
        case .serverPrompt: return ("Server", "Servidor")
        case .serverPromptNew:
            return ("Server (for example https://lms.example.org)", "Servidor (por ejemplo https://lms.example.org)")
        case .usernamePrompt: return ("Username", "Usuario")
        case .profileRemoved:
            return (
                "Removed profile %1 and all its work on this device.",
                "Perfil %1 eliminado junto con todo su trabajo en este equipo."
            )
        case .profileSwitched: return ("Now studying as %1.", "Ahora estudia como %1.")
        case .noProfiles:
            return (
                "No profiles yet: run lms-offline profile add NAME",
                "Aún no hay perfiles: ejecute lms-offline profile add NOMBRE"
            )
        case .activeMark: return ("(active)", "(activo)")
        case .courseUnknown:
            return (
                "no installed course %1%2: run lms-offline courses to see them",
                "no hay ningún curso instalado %1%2: ejecute lms-offline courses para verlos"
            )
        case .courseAmbiguous:
            return (
                "%1 matches several courses (%2): give more of the id",
                "%1 coincide con varios cursos (%2): dé más del identificador"
            )
        case .itemUnknown:
            return (
                "no %1 %2 in the installed courses%3: run lms-offline course COURSE to see them",
                "no hay ningún elemento (%1) %2 en los cursos instalados%3: ejecute lms-offline course CURSO para verlos"
            )
        case .itemAmbiguous:
            return (
                "%1 matches several items (%2): give the full id",
                "%1 coincide con varios elementos (%2): dé el identificador completo"
            )
        case .didYouMean: return (" (did you mean %1?)", " (¿quiso decir %1?)")
        case .noCourses:
            return (
                "No courses installed: run lms-offline install PACKAGE",
                "No hay cursos instalados: ejecute lms-offline install PAQUETE"
            )
        case .removedMark: return ("(removed in this version)", "(eliminado en esta versión)")
        case .notALesson:
            return (
                "%1 is a %2, not a lesson: run lms-offline %2 %1",
                "%1 es un elemento de tipo %2, no una lección: ejecute lms-offline %2 %1"
            )
        case .notAQuiz: return ("%1 is a %2, not a quiz", "%1 es un elemento de tipo %2, no un cuestionario")
        case .notAnAssignment: return ("%1 is a %2, not an assignment", "%1 es un elemento de tipo %2, no una tarea")
        case .noSyllabus:
            return (
                "%1 has no syllabus; run lms-offline course %1 for its contents",
                "%1 no tiene programa; ejecute lms-offline course %1 para ver su contenido"
            )
        case .packageUnusable:
            return (
                "%1 is not a usable course package: %2. Nothing was changed; get a fresh copy of the package",
                "%1 no es un paquete de curso utilizable: %2. No se cambió nada; consiga una copia nueva del paquete"
            )
        case .packageInvalidCourse:
            return (
                "%1 holds a course with errors (%2): nothing was changed; ask the teacher for a corrected package",
                "%1 contiene un curso con errores (%2): no se cambió nada; pida al docente un paquete corregido"
            )
        case .olderVersion:
            return (
                "%1 %2 is installed, newer than %3 in this package: nothing was changed (add --force to install the older version)",
                "%1 %2 está instalado y es más nuevo que la %3 de este paquete: no se cambió nada (añada --force para instalar la versión anterior)"
            )
        case .alreadyInstalled: return ("%1 %2 is already installed.", "%1 %2 ya está instalado.")
        case .installed: return ("Installed %1 %2 (%3).", "Instalado %1 %2 (%3).")
        case .updated: return ("Updated %1 %2 → %3.", "Actualizado %1 %2 → %3.")
        case .changeAdded: return ("  added:   %1", "  añadido:    %1")
        case .changeChanged: return ("  changed: %1", "  cambiado:   %1")
        case .changeRemoved:
            return ("  removed: %1 (your work on it is kept)", "  eliminado:  %1 (se conserva su trabajo)")
        case .changeRenamed:
            return ("  renamed: %1 → %2 (your work follows it)", "  renombrado: %1 → %2 (su trabajo lo acompaña)")
        case .noteInstalledTitle: return ("Course %1 installed (%2)", "Curso %1 instalado (%2)")
        case .noteUpdatedTitle: return ("Course %1 updated to %2", "Curso %1 actualizado a %2")
        case .noteUpdatedBody:
            return (
                "%1 added, %2 changed, %3 removed, %4 renamed",
                "%1 añadidos, %2 cambiados, %3 eliminados, %4 renombrados"
            )
        case .markedDone: return ("Marked %1 done.", "%1 marcada como hecha.")
        case .markDonePrompt: return ("Mark %1 done? [Y/n] ", "¿Marcar %1 como hecha? [S/n] ")
        case .nextDone: return ("Nothing left to do in %1: well done.", "No queda nada por hacer en %1: buen trabajo.")
        case .nextItem:
            return (
                "Next in %1: %2 %3 (%4): run lms-offline %2 %3",
                "Siguiente en %1: %2 %3 (%4): ejecute lms-offline %2 %3"
            )
        case .prerequisiteMissing:
            return ("note: %1 expects %2 to be completed first", "nota: %1 requiere completar antes %2")
        case .openMedia: return ("Open the media: %1", "Abra el archivo: %1")
        case .openLink: return ("Open the link when online: %1", "Abra el enlace cuando tenga conexión: %1")
        case .resumePrompt:
            return ("Resume your attempt started at %1? [Y/n] ", "¿Continuar el intento empezado el %1? [S/n] ")
        case .attemptKeptOpen:
            return (
                "Your attempt stays open (%2): run lms-offline quiz %1 to go on and hand it in.",
                "Su intento sigue abierto (%2): ejecute lms-offline quiz %1 para seguir y entregarlo."
            )
        case .handInPrompt:
            return (
                "%1 answered. Hand in your attempt now? [Y/n] ",
                "%1 respondidas. ¿Entregar el intento ahora? [S/n] "
            )
        case .matchUsedOnce:
            return (
                "\"%1\" is already matched with %2: each option is used once here; pick another",
                "\"%1\" ya está emparejado con %2: aquí cada opción se usa una vez; elija otra"
            )
        case .noTimeLimit: return ("no time limit", "sin límite de tiempo")
        case .timeLeftWords: return ("%1 left; the clock keeps running", "quedan %1; el reloj sigue corriendo")
        case .attemptsUsed:
            return (
                "you have used all %1 attempts at %2: no attempt is left",
                "ya usó los %1 intentos de %2: no queda ninguno"
            )
        case .questionHeader: return ("Question %1 of %2 (%3)", "Pregunta %1 de %2 (%3)")
        case .timeLeft: return ("[%1 left]", "[quedan %1]")
        case .timeUp:
            return (
                "Time is up: the attempt is submitted as it stands.",
                "Se acabó el tiempo: el intento se entrega tal como está."
            )
        case .interrupted:
            return (
                "Interrupted: your answers are saved; run lms-offline quiz %1 to resume.",
                "Interrumpido: sus respuestas están guardadas; ejecute lms-offline quiz %1 para continuar."
            )
        case .chooseOne: return ("Your answer (a number): ", "Su respuesta (un número): ")
        case .chooseMany:
            return ("Your answers (numbers separated by commas): ", "Sus respuestas (números separados por comas): ")
        case .answerTrueFalse: return ("True or false? [t/f]: ", "¿Verdadero o falso? [v/f]: ")
        case .answerText: return ("Your answer: ", "Su respuesta: ")
        case .answerNumber: return ("Your answer (a number): ", "Su respuesta (un número): ")
        case .answerEssay:
            return (
                "Write your answer; end it with a line holding only a dot (.)",
                "Escriba su respuesta; termínela con una línea que solo tenga un punto (.)"
            )
        case .matchPrompt: return ("%1 → ", "%1 → ")
        case .invalidAnswer: return ("Not understood: %1", "No se entendió: %1")
        case .score: return ("Score: %1 / %2 (%3%)", "Puntuación: %1 / %2 (%3 %)")
        case .awaitingServer:
            return (
                "Submitted. This exam is graded by the server: the score arrives with the next sync.",
                "Entregado. Este examen lo califica el servidor: la nota llegará con la próxima sincronización."
            )
        case .essayPending:
            return (
                "Essay answers wait for the teacher's grade.",
                "Las respuestas de desarrollo esperan la nota del docente."
            )
        case .feedbackRight: return ("Right.", "Correcto.")
        case .feedbackWrong: return ("Not right.", "Incorrecto.")
        case .feedbackPartial: return ("Partly right.", "Parcialmente correcto.")
        case .answersUnreadable:
            return ("cannot use the answers in %1: %2", "no se pueden usar las respuestas de %1: %2")
        case .quizStart: return ("%1: %2, %3", "%1: %2, %3")
        case .attemptsLeft: return ("attempt %1 of %2", "intento %1 de %2")
        case .noAnswerSheetTTY:
            return (
                "standard input has ended before the quiz: answer on a terminal or use --answers FILE.json",
                "la entrada terminó antes del cuestionario: responda en un terminal o use --answers ARCHIVO.json"
            )
        case .wrongFileType:
            return (
                "%1 is a .%2 file; %3 accepts %4 files: submit one of those",
                "%1 es un archivo .%2; %3 acepta archivos %4: entregue uno de esos"
            )
        case .fileTooLarge:
            return (
                "%1 is %2; %3 accepts at most %4: make it smaller", "%1 ocupa %2; %3 acepta como máximo %4: redúzcalo"
            )
        case .fileUnreadable: return ("cannot read %1: check the path", "no se puede leer %1: compruebe la ruta")
        case .needsText: return ("%1 expects text: add --text TEXT", "%1 espera texto: añada --text TEXTO")
        case .needsFile: return ("%1 expects a file: give FILE", "%1 espera un archivo: indique ARCHIVO")
        case .nothingToSubmit:
            return (
                "nothing to submit: give FILE... or --text TEXT", "nada que entregar: indique ARCHIVO... o --text TEXTO"
            )
        case .submitted: return ("Submitted %1, version %2.", "Entregado %1, versión %2.")
        case .lateWarning:
            return ("warning: %1 was due %2: this submission is late", "aviso: %1 vencía el %2: esta entrega es tardía")
        case .headerCourse: return ("course", "curso")
        case .headerDone: return ("done", "hecho")
        case .headerTime: return ("time", "tiempo")
        case .headerScore: return ("score", "nota")
        case .headerDue: return ("due", "vence")
        case .headerStatus: return ("status", "estado")
        case .nothingDue: return ("Nothing due.", "Nada pendiente.")
        case .noGrades: return ("No grades yet.", "Aún no hay notas.")
        case .inboxEmpty: return ("No notifications.", "No hay notificaciones.")
        case .overdue: return ("overdue", "vencida")
        case .dueIn: return ("due in %1", "vence en %1")
        case .awaiting: return ("awaiting server", "esperando al servidor")
        case .notStarted: return ("not started", "sin empezar")
        case .markedRead: return ("Marked %1 read.", "%1 marcada como leída.")
        case .notificationUnknown:
            return (
                "no notification %1: run lms-offline inbox to see them",
                "no hay ninguna notificación %1: ejecute lms-offline inbox para verlas"
            )
        case .notificationAmbiguous:
            return (
                "%1 names several notifications (%2): give the id as lms-offline inbox shows it",
                "%1 designa varias notificaciones (%2): indique el id como lo muestra lms-offline inbox"
            )
        case .submittedState: return ("submitted (version %1)", "entregada (versión %1)")
        case .doneState: return ("done", "hecho")
        case .pendingState: return ("to do", "pendiente")
        default: return syncTexts
        }
    }

    /// The sync's messages.
    private var syncTexts: (en: String, es: String) {
        switch self {
        case .syncNetwork:
            return (
                "cannot reach the server %1: %2. Nothing was lost; try again when it is back",
                "no se puede contactar con el servidor %1: %2. No se perdió nada; inténtelo de nuevo cuando vuelva"
            )
        case .netRefused:
            return (
                "nothing answers there (the server is not running, or the address or port is wrong)",
                "nada responde allí (el servidor no está en marcha, o la dirección o el puerto son incorrectos)"
            )
        case .netUnknownHost:
            return (
                "its name is not known (check the address, or this device has no network)",
                "su nombre no se conoce (compruebe la dirección, o este equipo no tiene red)"
            )
        case .netTimedOut: return ("it did not answer in time", "no respondió a tiempo")
        case .netOffline: return ("this device has no network", "este equipo no tiene red")
        case .netLost: return ("the connection broke", "la conexión se cortó")
        case .netInsecure:
            return (
                "the secure connection failed (its certificate is wrong or expired)",
                "la conexión segura falló (su certificado es incorrecto o caducó)"
            )
        case .netNoAnswer: return ("it gave no usable answer", "no dio una respuesta utilizable")
        case .syncLoginExpired:
            return (
                "the server refused the login (expired or revoked): log in again with lms-offline login",
                "el servidor rechazó la sesión (caducada o revocada): inicie sesión de nuevo con lms-offline login"
            )
        case .syncLoginExpiredFor:
            return (
                "the login of %1 has expired: log in again with lms-offline login --server %2 --username %3 (nothing was lost)",
                "la sesión de %1 caducó: inicie sesión de nuevo con lms-offline login --server %2 --username %3 (no se perdió nada)"
            )
        case .syncServerError:
            return (
                "the server refused: %1 (nothing was lost)",
                "el servidor se negó: %1 (no se perdió nada)"
            )
        case .syncBadAnswer:
            return (
                "the server's answer cannot be used (%1): nothing was lost; tell the server's administrator",
                "la respuesta del servidor no se puede usar (%1): no se perdió nada; avise al administrador del servidor"
            )
        case .syncCorrupt:
            return (
                "a download does not match its hash (%1): nothing was changed; sync again",
                "una descarga no coincide con su hash (%1): no se cambió nada; sincronice de nuevo"
            )
        case .accountInUse:
            return (
                "%1 is already linked to the profile %2 on this device: switch to it, or log it out first",
                "%1 ya está vinculado al perfil %2 en este equipo: cambie a él o cierre antes su sesión"
            )
        case .serverInvalid:
            return (
                "%1 is not a server address: give one like https://lms.example.org",
                "%1 no es una dirección de servidor: indique una como https://lms.example.org"
            )
        case .passwordPrompt: return ("Password of %1 at %2: ", "Contraseña de %1 en %2: ")
        case .passwordCurrentPrompt:
            return ("Current password of %1 at %2: ", "Contraseña actual de %1 en %2: ")
        case .passwordNewPrompt: return ("New password: ", "Contraseña nueva: ")
        case .passwordRepeatPrompt: return ("New password again: ", "Repita la contraseña nueva: ")
        case .passwordMissingStdin:
            return (
                "no password given: type it on a terminal, or give it on standard input with --stdin (one a line)",
                "no se dio ninguna contraseña: escríbala en un terminal, o désela por la entrada estándar con --stdin (una por línea)"
            )
        case .passwordTooShort:
            return (
                "the new password is too short: use at least %1 characters",
                "la contraseña nueva es demasiado corta: use al menos %1 caracteres"
            )
        case .passwordTooLong:
            return (
                "the new password is longer than %1 bytes: shorten it",
                "la contraseña nueva tiene más de %1 bytes: acórtela"
            )
        case .passwordMismatch:
            return (
                "the two new passwords differ: nothing was changed; run lms-offline passwd again",
                "las dos contraseñas nuevas no coinciden: no se cambió nada; ejecute de nuevo lms-offline passwd"
            )
        case .passwordWrong:
            return (
                "the current password of %1 is wrong: nothing was changed; try again (forgotten? ask for a reset code)",
                "la contraseña actual de %1 no es correcta: no se cambió nada; inténtelo de nuevo (¿la olvidó? pida un código de restablecimiento)"
            )
        case .passwordChanged: return ("Password of %1 at %2 changed.", "Contraseña de %1 en %2 cambiada.")
        case .passwordReset:
            return (
                "New password of %1 at %2 set; every session of the account ended: log in with lms-offline login --username %1",
                "Nueva contraseña de %1 en %2 establecida; todas las sesiones de la cuenta terminaron: inicie sesión con lms-offline login --username %1"
            )
        case .resetCodeRefused:
            return (
                "%2 refused the reset code for %1 (wrong, already used or expired): check the username and the code, or ask for a new code",
                "%2 rechazó el código para %1 (incorrecto, ya usado o caducado): compruebe el usuario y el código, o pida un código nuevo"
            )
        case .resetNeedsUsername:
            return (
                "give the account with --username NAME (this profile has never logged in)",
                "indique la cuenta con --username NOMBRE (este perfil nunca inició sesión)"
            )
        case .passwordMissing:
            return (
                "no password given: type it on a terminal or pass --password-stdin",
                "no se dio ninguna contraseña: escríbala en un terminal o use --password-stdin"
            )
        case .loginRefused:
            return (
                "%2 refused the username %1 or its password: check them and try again",
                "%2 rechazó el usuario %1 o su contraseña: compruébelos e inténtelo de nuevo"
            )
        case .loggedIn: return ("Profile %1 is logged in to %3 as %2.", "El perfil %1 inició sesión en %3 como %2.")
        case .loggedOut: return ("Profile %1 is logged out of %2.", "El perfil %1 cerró la sesión en %2.")
        case .logoutOffline:
            return (
                "note: %1 could not be reached; the token was forgotten here and expires on the server by itself",
                "nota: no se pudo contactar con %1; el token se olvidó aquí y caducará solo en el servidor"
            )
        case .notLoggedIn:
            return (
                "profile %1 is not logged in: run lms-offline login --server URL --username NAME",
                "el perfil %1 no ha iniciado sesión: ejecute lms-offline login --server URL --username NOMBRE"
            )
        case .nobodyLoggedIn:
            return (
                "no profile of this device is logged in: run lms-offline login first",
                "ningún perfil de este equipo ha iniciado sesión: ejecute antes lms-offline login"
            )
        case .syncBusy:
            return (
                "another sync is running on this data folder: wait for it to finish",
                "ya hay otra sincronización en curso en esta carpeta de datos: espere a que termine"
            )
        case .manifestMismatch:
            return (
                "the manifest of %1 %2 is not the one the server announced",
                "el manifiesto de %1 %2 no es el que anunció el servidor"
            )
        case .rejectedTitle: return ("The server did not accept %1", "El servidor no aceptó %1")
        case .rejectedBody:
            return (
                "Reason: %1. Your work is kept on this device.", "Motivo: %1. Su trabajo se conserva en este equipo."
            )
        case .rejectedAttempt: return ("your attempt at %1 (%2)", "su intento de %1 (%2)")
        case .rejectedSubmission: return ("your submission of %1 (%2, version %3)", "su entrega de %1 (%2, versión %3)")
        case .rejectedProgress: return ("your progress on %1 (%2)", "su progreso en %1 (%2)")
        case .rejectedOther: return ("a change (%1 %2)", "un cambio (%1 %2)")
        case .enrollmentRemovedTitle: return ("You are no longer enrolled in %1", "Ya no está matriculado en %1")
        case .enrollmentRemovedBody:
            return (
                "The course stays on this device with your work; new work for it will not be accepted.",
                "El curso sigue en este equipo con su trabajo; no se aceptará trabajo nuevo para él."
            )
        case .examScoredTitle: return ("Your score for %1 (%2) has arrived", "Llegó su nota de %1 (%2)")
        case .examScoredBody: return ("Score: %1", "Puntuación: %1")
        case .progressPushing: return ("pushing %1 entries", "enviando %1 entradas")
        case .progressPulling: return ("pulling (%1 so far)", "recibiendo (%1 hasta ahora)")
        case .progressDownloading: return ("downloading %1", "descargando %1")
        case .summaryPushed: return ("pushed %1", "enviadas %1")
        case .summaryRejected: return ("(%1 refused: see lms-offline inbox)", "(%1 rechazadas: vea lms-offline inbox)")
        case .summaryPulled: return ("pulled %1", "recibidas %1")
        case .summaryGrades: return ("(%1 grade)|(%1 grades)", "(%1 nota)|(%1 notas)")
        case .summaryUpdated: return ("updated %1 to %2", "actualizado %1 a %2")
        case .summaryInstalled: return ("installed %1 %2", "instalado %1 %2")
        case .attentionRejected:
            return (
                "%1: the server refused some work: see lms-offline inbox",
                "%1: el servidor rechazó parte del trabajo: vea lms-offline inbox"
            )
        case .attentionRemoved: return ("%1: no longer enrolled in %2", "%1: ya no está matriculado en %2")
        case .gradeReceivedTitle: return ("New grade for %1 (%2)", "Nueva nota de %1 (%2)")
        case .gradeReceivedBody: return ("%1 points, graded by %2.", "%1 puntos, calificado por %2.")
        case .gradeReceivedFeedback:
            return ("%1 points, graded by %2. Feedback: %3", "%1 puntos, calificado por %2. Comentarios: %3")
        case .certificateReadyTitle: return ("Your certificate for %1 is ready", "Su certificado de %1 está listo")
        case .certificateReadyBody:
            return (
                "Save it with: lms-offline certificate %1 -o FILE (code %2)",
                "Guárdelo con: lms-offline certificate %1 -o ARCHIVO (código %2)"
            )
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
