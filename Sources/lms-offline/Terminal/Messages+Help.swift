import LMSModel

/// The texts of `lms-offline help`: group titles, and the Spanish summary of each command (the
/// English one is the command's own `summary`).
extension MessageKey {
    var helpTexts: (en: String, es: String) {
        switch self {
        case .helpHeader:
            return (
                "lms-offline %1: study, teach and pack courses offline",
                "lms-offline %1: estudiar, enseñar y empaquetar cursos sin conexión"
            )
        case .helpStudying: return ("Studying (students):", "Estudiar (estudiantes):")
        case .helpTogether: return ("Announcements, forums and messages:", "Avisos, foros y mensajes:")
        case .helpDevice: return ("This device, your account and sync:", "Este equipo, su cuenta y la sincronización:")
        case .helpTeaching: return ("Teaching (teachers):", "Enseñar (profesores):")
        case .helpAuthoring: return ("Making courses (teachers):", "Crear cursos (profesores):")
        case .helpAdmin: return ("Administration (admins):", "Administración (administradores):")
        case .helpMore: return ("More:", "Más:")
        case .helpExample: return ("example: %1", "ejemplo: %1")
        case .helpFooter:
            return (
                "lms-offline help COMMAND shows a command's usage; help student, help teacher or help admin shows one group.\n--home DIR (or LMS_HOME) chooses the data folder.",
                "lms-offline help ORDEN muestra cómo se usa una orden; help student, help teacher o help admin muestra un grupo.\n--home DIR (o LMS_HOME) elige la carpeta de datos."
            )
        case .unknownCommand:
            return (
                "unknown command \"%1\"%2; run lms-offline help",
                "orden desconocida \"%1\"%2; ejecute lms-offline help"
            )
        case .unknownCommandHint: return (" (did you mean %1?)", " (¿quiso decir %1?)")
        case .usageWord: return ("usage:", "uso:")
        case .argsTooMany:
            return (
                "too many arguments (at most %1); pass fewer at a time",
                "demasiados argumentos (como mucho %1); páselos en varias veces"
            )
        case .argsTakesNoValue: return ("--%1 takes no value", "--%1 no lleva valor")
        case .argsNeedsValue: return ("--%1 needs a value (--%1 VALUE)", "--%1 necesita un valor (--%1 VALOR)")
        case .argsUnknownOption: return ("unknown option %1%2", "opción desconocida %1%2")
        case .argsMissing: return ("missing %1", "falta %1")
        case .argsUnexpected: return ("unexpected argument %1", "argumento de más: %1")
        default: return adminTexts
        }
    }
}

extension Messages {
    /// A usage mistake in the reader's language: the parser's own ones from their values, a
    /// command's own message as written (commands write theirs from this catalog already).
    static func usage(_ error: Arguments.UsageError, language: Language = .current) -> String {
        guard let problem = error.problem else { return error.description }
        switch problem {
        case .tooManyArguments(let max): return text(.argsTooMany, [String(max)], language: language)
        case .takesNoValue(let name): return text(.argsTakesNoValue, [name], language: language)
        case .needsValue(let name): return text(.argsNeedsValue, [name], language: language)
        case .unknownOption(let arg, let suggestion):
            let hint = suggestion.map { text(.didYouMean, ["--" + $0], language: language) } ?? ""
            return text(.argsUnknownOption, [arg, hint], language: language)
        case .missing(let what): return text(.argsMissing, [what], language: language)
        case .unexpectedArgument(let arg): return text(.argsUnexpected, [arg], language: language)
        }
    }

    /// The summary of a command in `language`: nil for English (the command's own summary) and for a
    /// command this catalog does not know yet.
    static func summary(of command: String, language: Language = .current) -> String? {
        language == .spanish ? spanishSummaries[command] : nil
    }

    static let spanishSummaries: [String: String] = [
        "new-course": "escribe una carpeta de curso inicial con un elemento de cada tipo",
        "validate": "comprueba una carpeta o un paquete de curso; cada problema como archivo:línea: mensaje",
        "pack": "empaqueta una carpeta de curso en un paquete determinista y verificable",
        "inspect": "muestra de un vistazo el curso de un paquete",
        "student": "crea la versión para estudiantes de un paquete (sin las claves de los exámenes)",
        "delta": "lo que un equipo con OLD debe descargar para tener NEW (y lo escribe con -o)",
        "unpack": "extrae y verifica un paquete en una carpeta nueva",
        "install": "instala o actualiza un curso desde un archivo de paquete (verificado); conserva el progreso",
        "profile": "gestiona los estudiantes de este equipo: add, list, switch, remove",
        "courses": "los cursos instalados y cuánto lleva de cada uno",
        "course": "los módulos, lecciones, cuestionarios y tareas de un curso, con su estado",
        "syllabus": "la portada de un curso: descripción, objetivos y programa",
        "read": "lee una lección (queda registrada; --done la marca hecha) o las instrucciones de una tarea",
        "done": "marca una lección como hecha",
        "next": "sigue donde lo dejó: la siguiente lección, cuestionario o tarea del curso",
        "quiz": "hace un cuestionario (interactivo, o --answers ARCHIVO.json); un intento interrumpido continúa",
        "submit": "entrega una tarea (archivos y/o texto); se guarda cada versión y se marca la entrega tardía",
        "progress": "avance por módulo y curso, tiempo dedicado y puntuaciones",
        "grades": "sus notas: cuestionarios de práctica calificados aquí y notas del servidor",
        "due": "trabajo pendiente y vencido en todos los cursos",
        "inbox": "notificaciones, leídas y sin leer; --read ID o --all-read las marca leídas",
        "login": "vincula el perfil activo a una cuenta del servidor (pide la contraseña, o --password-stdin)",
        "logout": "olvida el token del servidor del perfil activo (revocado en el servidor si se alcanza)",
        "sync": "envía el trabajo, trae notas y cambios, actualiza cursos; --all sincroniza todos los perfiles",
        "passwd": "cambia su contraseña del servidor, o pone una nueva con un código (--reset-code CÓDIGO)",
        "announce": "publica un aviso en un curso (profesores; se envía en la próxima sincronización)",
        "announcements": "los avisos de sus cursos",
        "forum": "foros de curso y de lección: list, show, post, reply, edit, delete",
        "message": "un mensaje directo entre un estudiante y un profesor de un curso",
        "messages": "sus mensajes directos, enviados y recibidos",
        "publish": "valida, empaqueta y sube un curso al servidor; informa de lo que cambió y a quién llega",
        "roster": "lista, añade y quita estudiantes de un curso; su clave de matrícula; grupos",
        "admin": "usuarios, importación, desactivar/activar, rol, códigos, estadísticas, exportación y borrado",
        "calendar": "fechas de los cursos y plazos de las tareas como archivo iCalendar (.ics)",
        "gradebook": "estudiantes × cuestionarios y tareas con totales ponderados y aprobado/suspenso",
        "grade": "califica la cola de entregas y ensayos con la rúbrica, o una con --submission/--attempt",
        "report": "informe del curso: avance, puntuaciones, estudiantes en riesgo; --student NOMBRE, --items",
        "certificate": "obtiene su certificado de un curso completado y aprobado, en texto o HTML (-o ARCHIVO.html)",
        "verify": "comprueba el código de un certificado con el servidor",
        "render": "muestra un archivo Markdown como lo lee el curso, en la terminal o como HTML (--html)",
        "export": "un cuadernillo HTML imprimible de un curso (--html -o CARPETA; --answers: copia del profesor)",
        "study": "abre la aplicación de estudio a pantalla completa (lo mismo que lms-offline sin argumentos)"
    ]
}
