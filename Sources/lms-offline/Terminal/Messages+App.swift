/// The study app's words, in English and Spanish (the language of `Messages`). Course content
/// is never translated. Placeholders are `%1`, `%2`, ….
enum AppText: String, CaseIterable, Sendable {
    // Keys
    case keyAccept, keyAnswer, keyBack, keyCancel, keyChoose, keyClear, keyComeBack, keyContinue, keyFirstLast
    case keyFlag, keyFollow, keyHalfPage, keyHandIn, keyHelp, keyInbox, keyLeaveQuiz, keyLinks, keyMarkDone, keyMove
    case keyNextItem, keyNextPrevious, keyNextQuestion, keyOpen, keyOpenMedia, keyPage, keyPreviousQuestion
    case keyProfiles, keyQuit, keyRedraw, keyReview, keyScroll, keySearch, keySearchNext, keyStartQuiz, keySuspend
    case keySync, keyEdit, keyAttachFile, keyForum, keyMessages, keyNewThread, keyWrite, keyLessonForum
    // Screens
    case helpEverywhere, helpThisScreen, helpTitle
    case startNoProfile, startPIN, startWho, startNewName, startNewPIN, startRepeatPIN, keyAddProfile, checkingPIN
    case homeContinue, homeCourses, homeDue, homeLastSync, homeNeverSynced, homeNoCourses, homeTitle, homeUnread,
        homeUnreadOne
    case homeWaiting, homeWaitingOne, homeNothingWaiting
    case courseLocked, dueIn, late, lessonMatches, lessonPosition
    case stateDone, stateGraded, stateHandedIn, stateInProgress, stateSubmitted
    case quizAnswerPrompt, quizAnswered, quizAttemptsLeft, quizConfirm, quizEditKeys, quizExam, quizFalse, quizFlagged
    case quizEssayKeys, quizQuestionHeaderOne, quizAttemptLeftOne, quizMatchOptions, quizMinutes, quizNoAnswer,
        quizNoAttempts,
        quizPractice,
        quizQuestionHeader, quizQuestions
    case quizResume, quizResumeKeys, quizReviewKeys, quizReviewTitle, quizStartKeys, quizTeacherGrades, quizTimeLeft
    case quizTimedNote, quizTrue, quizUnanswered, quizUnansweredWarning, quizLeft, quizHandedIn, quizTimeUp
    case quizMarksAtReview, quizMarksNever, quizResultAtReview
    // Runner messages
    case markedDone, opened, noOpener, notAvailable, syncHint, dumbTerminal, quitting, inboxEmpty, inboxTitle
    case assignmentSubmitted, assignmentVersions, assignmentNoEditor, assignmentEmpty, assignmentFilePrompt
    case assignmentGrade, assignmentFeedback
    case commsAnnouncements, commsThreads, commsNone, commsNoThreads, commsReplies, commsReplyOne, commsPending,
        commsRefused
    case commsEmpty, commsTo, commsTitlePrompt, commsSaved, commsNothingWritten, commsForumTitle, commsLessonForumTitle
    case commsMessagesTitle, commsThreadTitle, lockIdle
    case syncDone, syncSent, syncReceived, syncGrades, syncRefused, syncUpdated, syncInstalled, syncFailed, syncNothing

    /// The text in the current language.
    var text: String { Messages.text(self, [], language: .current) }

    /// The text with arguments filled in.
    func t(_ args: CustomStringConvertible...) -> String {
        Messages.text(self, args.map(\.description), language: .current)
    }

    /// A counted phrase from a `singular|plural` text (`(1 grade)`, `(2 grades)`), as `Messages.count`.
    func count(_ n: Int) -> String {
        Messages.form(of: t(n), count: Double(n))
    }

    /// A kind of item in words (lesson, quiz, assignment).
    static func kindWord(_ kind: String) -> String { CourseCatalog.kindWord(kind) }
}

extension Messages {
    /// The text of an app message in `language` with `args` filled in.
    static func text(_ key: AppText, _ args: [String], language: Language) -> String {
        let pair = key.texts
        var text = language == .spanish ? pair.es : pair.en
        for (i, arg) in args.enumerated().reversed() { text = text.replacingOccurrences(of: "%\(i + 1)", with: arg) }
        return text
    }
}

extension AppText {
    /// English and Spanish.
    var texts: (en: String, es: String) {
        switch self {
        case .keyAccept: return ("accept", "aceptar")
        case .keyAnswer: return ("answer", "responder")
        case .keyBack: return ("back", "volver")
        case .keyCancel: return ("cancel", "cancelar")
        case .keyChoose: return ("choose", "elegir")
        case .keyClear: return ("clear the answer", "borrar la respuesta")
        case .keyComeBack: return ("come back from a link", "volver de un enlace")
        case .keyContinue: return ("continue where you left off", "seguir donde lo dejó")
        case .keyFirstLast: return ("first / last", "primero / último")
        case .keyFlag: return ("flag", "marcar")
        case .keyFollow: return ("follow the link", "seguir el enlace")
        case .keyHalfPage: return ("half a page", "media página")
        case .keyHandIn: return ("hand in", "entregar")
        case .keyHelp: return ("keys", "teclas")
        case .keyInbox: return ("inbox", "avisos")
        case .keyLeaveQuiz: return ("leave (the attempt stays open)", "salir (el intento sigue abierto)")
        case .keyLinks: return ("links", "enlaces")
        case .keyMarkDone: return ("mark done", "marcar hecha")
        case .keyMove: return ("move", "mover")
        case .keyNextItem: return ("next", "siguiente")
        case .keyNextPrevious: return ("next / previous", "siguiente / anterior")
        case .keyNextQuestion: return ("next question", "pregunta siguiente")
        case .keyOpen: return ("open", "abrir")
        case .keyOpenMedia: return ("open the lesson's file", "abrir el archivo de la lección")
        case .keyPage: return ("page", "página")
        case .keyPreviousQuestion: return ("previous question", "pregunta anterior")
        case .keyProfiles: return ("change profile", "cambiar de perfil")
        case .keyQuit: return ("quit", "salir")
        case .keyRedraw: return ("redraw", "redibujar")
        case .keyReview: return ("review", "revisar")
        case .keyScroll: return ("scroll", "desplazar")
        case .keySearch: return ("search", "buscar")
        case .keySearchNext: return ("next / previous match", "coincidencia siguiente / anterior")
        case .keyStartQuiz: return ("start", "empezar")
        case .keySuspend: return ("suspend (fg comes back)", "suspender (fg vuelve)")
        case .keySync: return ("sync", "sincronizar")
        case .keyEdit: return ("write in $EDITOR", "escribir en $EDITOR")
        case .keyAttachFile: return ("submit a file", "entregar un archivo")
        case .keyForum: return ("forum", "foro")
        case .keyMessages: return ("messages", "mensajes")
        case .keyNewThread: return ("new thread", "tema nuevo")
        case .keyWrite: return ("write", "escribir")
        case .keyLessonForum: return ("the lesson's forum", "el foro de la lección")
        case .helpEverywhere: return ("Everywhere", "En todas partes")
        case .helpThisScreen: return ("On this screen", "En esta pantalla")
        case .helpTitle: return ("Keys: %1", "Teclas: %1")
        case .startNoProfile:
            return (
                "No profile on this device yet: press a to add one.",
                "Aún no hay perfiles en este equipo: pulse a para añadir uno."
            )
        case .startPIN: return ("PIN for %1: ", "PIN de %1: ")
        case .startWho: return ("Who is studying?", "¿Quién va a estudiar?")
        case .startNewName: return ("Name of the new profile: ", "Nombre del perfil nuevo: ")
        case .startNewPIN:
            return (
                "PIN for %1 (at least 4 characters; empty for none): ",
                "PIN de %1 (al menos 4 caracteres; vacío si no quiere PIN): "
            )
        case .startRepeatPIN: return ("The PIN again: ", "El PIN otra vez: ")
        case .checkingPIN: return ("Checking the PIN…", "Comprobando el PIN…")
        case .keyAddProfile: return ("add a profile", "añadir un perfil")
        case .homeContinue: return ("Continue where you left off", "Seguir donde lo dejó")
        case .homeCourses: return ("Courses", "Cursos")
        case .homeDue: return ("Due soon", "Próximas entregas")
        case .homeLastSync: return ("Last sync %1", "Última sincronización %1")
        case .homeNeverSynced: return ("Never synced", "Nunca sincronizado")
        case .homeNoCourses:
            return (
                "No course installed: run lms-offline install FILE.zip, or sync (s)",
                "No hay cursos instalados: ejecute lms-offline install ARCHIVO.zip, o sincronice (s)"
            )
        case .homeTitle: return ("Home", "Inicio")
        case .homeUnread: return ("%1 unread notifications (i)", "%1 avisos sin leer (i)")
        case .homeUnreadOne: return ("1 unread notification (i)", "1 aviso sin leer (i)")
        case .homeWaiting: return ("%1 changes wait to be sent", "%1 cambios esperan envío")
        case .homeWaitingOne: return ("1 change waits to be sent", "1 cambio espera envío")
        case .homeNothingWaiting: return ("nothing waits to be sent", "nada espera envío")
        case .courseLocked: return ("Complete %1 first", "Complete antes %1")
        case .dueIn: return ("due in %1", "vence en %1")
        case .late: return ("late by %1", "con %1 de retraso")
        case .lessonMatches: return ("(%1 of %2)", "(%1 de %2)")
        case .lessonPosition: return ("line %1 of %2 (%3%)", "línea %1 de %2 (%3 %)")
        case .stateDone: return ("done", "hecha")
        case .stateGraded: return ("graded %1/%2", "calificado %1/%2")
        case .stateHandedIn: return ("handed in, the server grades it", "entregado, lo califica el servidor")
        case .stateInProgress: return ("in progress", "en curso")
        case .stateSubmitted: return ("submitted (version %1)", "entregada (versión %1)")
        case .quizAnswerPrompt: return ("Your answer: ", "Su respuesta: ")
        case .quizAnswered: return ("answered", "respondida")
        case .quizAttemptsLeft: return ("%1 attempts left", "quedan %1 intentos")
        case .quizAttemptLeftOne: return ("1 attempt left", "queda 1 intento")
        case .quizConfirm: return ("Hand in now? y hands in, n goes back.", "¿Entregar ahora? s entrega, n vuelve.")
        case .quizEditKeys: return ("Enter types an answer", "Enter para escribir la respuesta")
        case .quizEssayKeys:
            return (
                "Enter types a line; E writes it in $EDITOR", "Enter escribe una línea; E la escribe en $EDITOR"
            )
        case .quizExam: return ("exam", "examen")
        case .quizFalse: return ("False", "Falso")
        case .quizFlagged: return ("flagged", "marcada")
        case .quizMatchOptions:
            return (
                "Options (press a number for the row selected; each option once; x clears):",
                "Opciones (pulse un número para la fila elegida; cada opción una vez; x borra):"
            )
        case .quizMinutes: return ("%1 minutes", "%1 minutos")
        case .quizNoAnswer: return ("(no answer)", "(sin respuesta)")
        case .quizNoAttempts: return ("No attempts left.", "No quedan intentos.")
        case .quizPractice: return ("practice", "práctica")
        case .quizQuestionHeader: return ("Question %1 of %2 (%3 points)", "Pregunta %1 de %2 (%3 puntos)")
        case .quizQuestionHeaderOne: return ("Question %1 of %2 (1 point)", "Pregunta %1 de %2 (1 punto)")
        case .quizQuestions: return ("%1 questions", "%1 preguntas")
        case .quizResume:
            return (
                "You have an attempt in progress, started %1, %2 answered.",
                "Tiene un intento en curso, empezado el %1, %2 respondidas."
            )
        case .quizResumeKeys: return ("Enter resumes it; q goes back.", "Enter lo reanuda; q vuelve.")
        case .quizReviewKeys:
            return (
                "Enter goes to a question; H hands in; q goes back to the questions.",
                "Enter va a una pregunta; H entrega; q vuelve a las preguntas."
            )
        case .quizReviewTitle: return ("Review: %1 of %2 answered", "Revisión: %1 de %2 respondidas")
        case .quizStartKeys: return ("Start? Enter starts; q goes back.", "¿Empezar? Enter empieza; q vuelve.")
        case .quizTeacherGrades: return ("A teacher grades this answer.", "Esta respuesta la califica un profesor.")
        case .quizTimeLeft: return ("Time left: %1.", "Tiempo restante: %1.")
        case .quizTimedNote:
            return (
                "The clock runs once you start, even if you leave; the attempt is handed in when time is up.",
                "El reloj corre desde que empieza, aunque salga; el intento se entrega al acabarse el tiempo."
            )
        case .quizMarksAtReview:
            return (
                "Marks come when the teacher releases the review, not at the hand-in.",
                "Las notas llegan cuando el docente publique la revisión, no al entregar."
            )
        case .quizResultAtReview:
            return (
                "Your marks come when the teacher releases the review; sync then to see them.",
                "Sus notas llegarán cuando el docente publique la revisión; sincronice entonces para verlas."
            )
        case .quizMarksNever:
            return (
                "This quiz does not show marks to students.",
                "Este cuestionario no muestra las notas a los estudiantes."
            )
        case .quizTrue: return ("True", "Verdadero")
        case .quizUnanswered: return ("unanswered", "sin responder")
        case .quizUnansweredWarning: return ("%1 unanswered.", "%1 sin responder.")
        case .quizLeft:
            return (
                "Your attempt stays open: open the quiz again to resume.",
                "Su intento sigue abierto: abra el cuestionario de nuevo para reanudarlo."
            )
        case .quizHandedIn: return ("Handed in.", "Entregado.")
        case .quizTimeUp:
            return ("Time is up: the attempt was handed in.", "Se acabó el tiempo: el intento se entregó.")
        case .markedDone: return ("Marked done.", "Marcada como hecha.")
        case .opened: return ("Opened %1", "Abierto %1")
        case .noOpener: return ("The file is at %1", "El archivo está en %1")
        case .notAvailable: return ("Not available here yet: %1", "Aún no disponible aquí: %1")
        case .syncHint:
            return (
                "Syncing… (no network is fine: your work waits here)",
                "Sincronizando… (sin red no pasa nada: su trabajo espera aquí)"
            )
        case .dumbTerminal:
            return (
                "This terminal (TERM=dumb) cannot show the study app: use the commands (lms-offline help), e.g. lms-offline next",
                "Esta terminal (TERM=dumb) no puede mostrar la aplicación: use las órdenes (lms-offline help), p. ej. lms-offline next"
            )
        case .lockIdle:
            return (
                "Idle for %1 minutes: type the PIN to go on (Esc leaves).",
                "Inactivo %1 minutos: escriba el PIN para seguir (Esc sale)."
            )
        case .commsAnnouncements: return ("Announcements", "Anuncios")
        case .commsThreads: return ("Threads", "Temas")
        case .commsNone: return ("none yet", "ninguno todavía")
        case .commsNoThreads: return ("No thread yet: n starts one.", "Ningún tema todavía: n empieza uno.")
        case .commsReplies: return ("%1 replies", "%1 respuestas")
        case .commsReplyOne: return ("1 reply", "1 respuesta")
        case .commsPending: return ("(not yet synced)", "(sin sincronizar)")
        case .commsRefused: return ("(refused by the server)", "(rechazado por el servidor)")
        case .commsEmpty: return ("Nothing here yet: r writes.", "Nada todavía: r escribe.")
        case .commsTo: return ("To (a teacher's username): ", "Para (usuario de un profesor): ")
        case .commsTitlePrompt: return ("Title of the new thread: ", "Título del tema nuevo: ")
        case .commsSaved:
            return (
                "Saved: it goes with the next sync (s).", "Guardado: se enviará en la próxima sincronización (s)."
            )
        case .commsNothingWritten:
            return ("Nothing written: nothing was saved.", "No escribió nada: no se guardó nada.")
        case .commsForumTitle: return ("Forum · %1", "Foro · %1")
        case .commsLessonForumTitle: return ("Forum of the lesson · %1", "Foro de la lección · %1")
        case .commsMessagesTitle: return ("Messages · %1", "Mensajes · %1")
        case .commsThreadTitle: return ("Thread · %1", "Tema · %1")
        case .syncDone: return ("Synced: %1.", "Sincronizado: %1.")
        case .syncSent: return ("sent %1", "enviados %1")
        case .syncReceived: return ("received %1", "recibidos %1")
        case .syncGrades: return ("(%1 grade)|(%1 grades)", "(%1 nota)|(%1 notas)")
        case .syncRefused:
            return ("%1 refused (lms-offline sync says why)", "%1 rechazados (lms-offline sync dice por qué)")
        case .syncUpdated: return ("updated %1 to %2", "actualizado %1 a %2")
        case .syncInstalled: return ("installed %1 %2", "instalado %1 %2")
        case .syncFailed:
            return (
                "Not synced now (%1): nothing is lost, your work goes with the next sync.",
                "Sin sincronizar por ahora (%1): no se pierde nada, su trabajo irá en la próxima sincronización."
            )
        case .syncNothing: return ("Sync ended.", "Sincronización terminada.")
        case .quitting: return ("Bye.", "Hasta luego.")
        case .inboxEmpty: return ("No notifications.", "No hay avisos.")
        case .inboxTitle: return ("Inbox", "Avisos")
        case .assignmentSubmitted: return ("Submitted version %1.", "Entregada la versión %1.")
        case .assignmentVersions: return ("Your versions", "Sus versiones")
        case .assignmentNoEditor:
            return (
                "No editor found: set EDITOR (e.g. EDITOR=nano)", "No hay editor: defina EDITOR (p. ej. EDITOR=nano)"
            )
        case .assignmentEmpty:
            return ("Nothing written: nothing submitted.", "No se escribió nada: no se entregó nada.")
        case .assignmentFilePrompt: return ("File to submit: ", "Archivo a entregar: ")
        case .assignmentGrade: return ("Grade: %1/%2", "Nota: %1/%2")
        case .assignmentFeedback: return ("Feedback: %1", "Comentarios: %1")
        }
    }
}
