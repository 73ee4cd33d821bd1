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
    case helpExample, helpFooter, unknownCommand, unknownCommandHint, usageWord
    case argsTooMany, argsTakesNoValue, argsNeedsValue, argsUnknownOption, argsMissing, argsUnexpected
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
    case rejectNotEnrolled, rejectNoCourse, rejectNoVersion, rejectNoQuiz, rejectNoLesson, rejectNoAssignment
    case rejectFileNotUploaded, rejectAttemptLimit, rejectAttemptLimitOne
    case enrollmentRemovedTitle, enrollmentRemovedBody, examScoredTitle, examScoredBody
    case progressPushing, progressPulling, progressDownloading
    case summaryPushed, summaryRejected, summaryPulled, summaryGrades, summaryUpdated, summaryInstalled
    case attentionRejected, attentionRemoved
    // Grading, reports, certificates
    case gradeReceivedTitle, gradeReceivedBody, gradeReceivedFeedback, certificateReadyTitle, certificateReadyBody
    case queueEmpty, queueHeader, gradeScorePrompt, gradeFeedbackPrompt, gradeInvalidScore, gradeRecorded, gradeSkipped,
        filesSavedTo
    case essayAnswer, noAnswer, gradeNeedsScore, gradeScoreSyntax, gradeOneTarget, historyEmpty, gradebookSummary,
        gradebookLate, gradebookLateCounted, gradebookDash, countLateNeedsAttempt,
        csvWritten, lateCounted, lateNotCounted, reviewReleased, countResults, releaseReviewOnline
    case reportSummary, reportAtRisk, reportNobodyAtRisk, reportDistribution, certificateSaved, certificateVerified,
        certificateCodeInvalid
    case needsServer, inactiveDaysInvalid, offlineUnknownSubmission, gradeQueued, gradeCurrent
    case wordStudent, wordTotal, wordResult, wordPass, wordFail, wordLate, wordRegrade, lateNotCountedShort,
        essaysPendingShort
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
    case marksWithheld, marksWithheldShort, marksNever, marksNeverShort, marksWithheldTitle
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
        default: return studyTexts
        }
    }
}
