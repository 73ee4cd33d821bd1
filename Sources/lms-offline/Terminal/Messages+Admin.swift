/// The messages of the teaching and admin commands (publish, roster, admin, calendar).
extension MessageKey {
    var adminTexts: (en: String, es: String) {
        switch self {
        case .forbidden: return ("not allowed: %1", "no permitido: %1")
        case .loginAgain:
            return (
                "%1 refused the login (expired or revoked): log in again with lms-offline login",
                "%1 rechazó la sesión (caducada o revocada): inicie sesión de nuevo con lms-offline login"
            )
        case .validationFailed:
            return (
                "%1 has errors: fix them and publish again (nothing was uploaded)",
                "%1 tiene errores: corríjalos y publique de nuevo (no se subió nada)"
            )
        case .published: return ("Published %1 %2 (previously %3).", "Publicado %1 %2 (antes %3).")
        case .publishedFirst: return ("Published %1 %2 (its first version).", "Publicado %1 %2 (su primera versión).")
        case .studentsAffected:
            return (
                "%1 enrolled: they receive it at their next sync.",
                "%1 matriculados: lo recibirán en su próxima sincronización."
            )
        case .noItemChanges:
            return ("No lesson, quiz or assignment changed.", "No cambió ninguna lección, cuestionario ni tarea.")
        case .versionExists:
            return (
                "raise \"version\" in course.json (for example to %1), then publish again",
                "suba \"version\" en course.json (por ejemplo a %1) y publique de nuevo"
            )
        case .invalidPackage:
            return (
                "the server refused the package: run lms-offline validate on the folder and fix what it lists",
                "el servidor rechazó el paquete: ejecute lms-offline validate sobre la carpeta y corrija lo que indique"
            )
        case .itemAdded: return ("  added    %1 %2 (%3)", "  añadido  %1 %2 (%3)")
        case .itemChanged: return ("  changed  %1 %2 (%3)", "  cambiado %1 %2 (%3)")
        case .itemRemoved: return ("  removed  %1 %2 (%3)", "  quitado  %1 %2 (%3)")
        case .itemRenamed: return ("  renamed  %1 %2 → %3 (%4)", "  renombrado %1 %2 → %3 (%4)")
        case .filesSummary:
            return (
                "Files: %1 added, %2 changed, %3 removed, %4 moved.",
                "Archivos: %1 añadidos, %2 cambiados, %3 quitados, %4 movidos."
            )
        case .rosterEmpty: return ("No students in %1%2.", "No hay estudiantes en %1%2.")
        case .enrolled: return ("Enrolled %1 in %2.", "%1 matriculado en %2.")
        case .unenrolled:
            return ("Removed %1 from %2 (their work is kept).", "%1 quitado de %2 (su trabajo se conserva).")
        case .modeSet: return ("%1 is now enrolled by: %2.", "%1 se matricula ahora por: %2.")
        case .groupsSet: return ("%1 in %2: groups %3", "%1 en %2: grupos %3")
        case .userDisabled:
            return ("Disabled %1 (their sessions are ended).", "%1 desactivado (sus sesiones terminaron).")
        case .userEnabled: return ("Enabled %1.", "%1 activado.")
        case .roleSet: return ("%1 is now %2.", "%1 es ahora %2.")
        case .resetCode:
            return ("Reset code for %1: %2 (valid until %3)", "Código de restablecimiento de %1: %2 (válido hasta %3)")
        case .resetCodeNote:
            return (
                "Give it to the person: with it they set a new password (lms-offline passwd --reset-code CODE --username %1). It works once.",
                "Entrégueselo a la persona: con él elige una contraseña nueva (lms-offline passwd --reset-code CÓDIGO --username %1). Funciona una sola vez."
            )
        case .imported: return ("Imported %1.", "Importado: %1.")
        case .exported: return ("Wrote everything held on %1 to %2.", "Se escribió todo lo que se guarda de %1 en %2.")
        case .eraseNeedsConfirm:
            return (
                "erasing %1 removes their personal data for good: run again with --confirm",
                "borrar a %1 elimina sus datos personales para siempre: ejecute de nuevo con --confirm"
            )
        case .erased:
            return (
                "Erased %1: now %2; %3 files removed; their devices forget the account at their next sync.",
                "%1 borrado: ahora %2; %3 archivos eliminados; sus equipos olvidarán la cuenta en su próxima sincronización."
            )
        case .calendarWritten: return ("Wrote %1 events to %2.", "Se escribieron %1 eventos en %2.")
        case .accountErasedHere:
            return (
                "the account of %1 was erased on %2 by an administrator: its data was removed from this device",
                "la cuenta de %1 fue borrada en %2 por un administrador: sus datos se eliminaron de este equipo"
            )
        case .noDates: return ("No dates or deadlines in %1.", "No hay fechas ni plazos en %1.")
        default: return marksTexts
        }
    }
}
