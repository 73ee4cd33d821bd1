/// The messages of announcements, forums, direct messages and their notifications.
extension MessageKey {
    var commsTexts: (en: String, es: String) {
        switch self {
        case .commsEmpty: return ("%1 is empty: write some text", "%1 está vacío: escriba algún texto")
        case .commsTooLong: return ("%1 is longer than %2 bytes: shorten it", "%1 tiene más de %2 bytes: acórtelo")
        case .commsPostUnknown:
            return (
                "no post %1 here: run lms-offline forum COURSE to see the posts (sync first for new ones)",
                "no hay ninguna publicación %1 aquí: ejecute lms-offline forum CURSO para verlas (sincronice antes para las nuevas)"
            )
        case .commsPostAmbiguous:
            return (
                "%1 names several posts (%2): give more of the id",
                "%1 designa varias publicaciones (%2): indique más del id"
            )
        case .commsNotYours:
            return (
                "post %1 is not yours: only its author may edit it",
                "la publicación %1 no es suya: solo su autor puede editarla"
            )
        case .commsCannotDelete:
            return (
                "only its author or a teacher of %1 may delete post %2",
                "solo su autor o un profesor de %1 puede borrar la publicación %2"
            )
        case .commsPostDeleted:
            return ("post %1 was deleted: nothing to do", "la publicación %1 fue borrada: no hay nada que hacer")
        case .commsMessageSelf:
            return (
                "a message needs someone else to go to: give their username",
                "un mensaje necesita otro destinatario: indique su nombre de usuario"
            )
        case .commsCourseUnknown:
            return (
                "%1 is not a course id: give one like intro-programming (lms-offline list shows installed courses)",
                "%1 no es un id de curso: indique uno como intro-programming (lms-offline list muestra los cursos instalados)"
            )
        case .commsSavedThread:
            return (
                "Saved thread %1 (not yet synced: run lms-offline sync).",
                "Hilo %1 guardado (aún sin sincronizar: ejecute lms-offline sync)."
            )
        case .commsSavedReply:
            return (
                "Saved reply %1 (not yet synced: run lms-offline sync).",
                "Respuesta %1 guardada (aún sin sincronizar: ejecute lms-offline sync)."
            )
        case .commsSavedEdit:
            return (
                "Saved the edit of %1 (not yet synced: run lms-offline sync).",
                "Edición de %1 guardada (aún sin sincronizar: ejecute lms-offline sync)."
            )
        case .commsSavedDelete:
            return (
                "Deleted %1 (not yet synced: run lms-offline sync).",
                "%1 borrada (aún sin sincronizar: ejecute lms-offline sync)."
            )
        case .commsSavedMessage:
            return (
                "Saved message %1 to %2 (not yet synced: run lms-offline sync).",
                "Mensaje %1 para %2 guardado (aún sin sincronizar: ejecute lms-offline sync)."
            )
        case .commsSavedAnnouncement:
            return (
                "Saved announcement %1 (not yet synced: run lms-offline sync).",
                "Anuncio %1 guardado (aún sin sincronizar: ejecute lms-offline sync)."
            )
        case .commsNotSynced: return ("not yet synced", "aún sin sincronizar")
        case .commsRefused:
            return ("refused by the server: see lms-offline inbox", "rechazado por el servidor: vea lms-offline inbox")
        case .commsNoAnnouncements: return ("No announcements.", "No hay anuncios.")
        case .commsNoThreads:
            return (
                "No threads yet: start one with lms-offline forum post COURSE --title T --body B",
                "Aún no hay hilos: empiece uno con lms-offline forum post CURSO --title T --body B"
            )
        case .commsNoMessages: return ("No messages.", "No hay mensajes.")
        case .commsDeletedMark: return ("[deleted]", "[borrado]")
        case .commsEditedMark: return ("(edited)", "(editado)")
        case .commsReplies: return ("replies: %1", "respuestas: %1")
        case .commsBodyOrFile:
            return (
                "give the text with --body TEXT or --body-file FILE (not both)",
                "indique el texto con --body TEXTO o --body-file ARCHIVO (no ambos)"
            )
        case .noteAnnouncementTitle: return ("Announcement in %1: %2", "Anuncio en %1: %2")
        case .noteReplyTitle: return ("%1 replied in \"%2\" (%3)", "%1 respondió en «%2» (%3)")
        case .noteMessageTitle: return ("Message from %1 (%2)", "Mensaje de %1 (%2)")
        case .notePostTitle: return ("New post by %1 in %2: %3", "Nueva publicación de %1 en %2: %3")
        case .noteBody: return ("%1", "%1")
        case .noteDeadlineTitle: return ("%1 (%2) is due in %3 h", "%1 (%2) vence en %3 h")
        case .noteDeadlineBody:
            return ("Due %1; submit with lms-offline submit %2", "Vence el %1; entregue con lms-offline submit %2")
        case .noteNewLessonTitle: return ("New lesson in %1: %2", "Nueva lección en %1: %2")
        case .noteNewQuizTitle: return ("New quiz in %1: %2", "Nuevo cuestionario en %1: %2")
        case .noteNewAssignmentTitle: return ("New assignment in %1: %2", "Nueva tarea en %1: %2")
        case .noteNewItemBody: return ("In version %1 (%2)", "En la versión %1 (%2)")
        case .noteNewVersionTitle: return ("New version of %1: %2", "Nueva versión de %1: %2")
        case .noteNewVersionBody:
            return (
                "You have %1; the next sync installs it (lms-offline sync).",
                "Tiene la %1; la próxima sincronización la instala (lms-offline sync)."
            )
        default: return helpTexts
        }
    }
}
