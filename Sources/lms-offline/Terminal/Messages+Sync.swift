/// The messages of the sync, the network, logging in and passwords, and what a sync brings.
extension MessageKey {
    var syncTexts: (en: String, es: String) {
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
        // The server's reasons by `RejectionCode` (the English is the server's own wording).
        case .rejectNotEnrolled: return ("you are not enrolled in %1", "no está matriculado en %1")
        case .rejectNoCourse: return ("there is no course %1", "no existe el curso %1")
        case .rejectNoVersion: return ("%1 has no version %2", "%1 no tiene la versión %2")
        case .rejectNoQuiz: return ("%1 %2 has no quiz %3", "%1 %2 no tiene el cuestionario %3")
        case .rejectNoLesson: return ("%1 has no lesson %2", "%1 no tiene la lección %2")
        case .rejectNoAssignment: return ("%1 has no assignment %2", "%1 no tiene la tarea %2")
        case .rejectFileNotUploaded:
            return (
                "the file %1 was not uploaded; sync again", "el archivo %1 no se subió; vuelva a sincronizar"
            )
        case .rejectAttemptLimit:
            return (
                "%1 allows %2 attempts and you have made %3: this one does not count",
                "%1 admite %2 intentos y usted ya hizo %3: este no cuenta"
            )
        case .rejectAttemptLimitOne:
            return (
                "%1 allows 1 attempt and you have made %2: this one does not count",
                "%1 admite 1 intento y usted ya hizo %2: este no cuenta"
            )
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
        default: return gradingTexts
        }
    }
}
