/// The messages of studying: courses and their packages, lessons, quizzes, submissions, the dashboard.
extension MessageKey {
    var studyTexts: (en: String, es: String) {
        switch self {
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
}
