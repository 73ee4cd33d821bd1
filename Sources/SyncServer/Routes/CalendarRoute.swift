import Foundation
import LMSModel

/// `GET /api/v1/courses/{id}/calendar.ics`: the course's dates and deadlines as iCalendar (RFC 5545).
struct CalendarRoute: Sendable {
    let courses: CourseStore
    let courseCache: CourseCache

    func courseCalendar(_ context: RequestContext) throws -> HTTPResponse {
        let id = context.parameter("id")
        guard let record = try courses.course(id) else { throw APIError.notFound("no course \"\(id)\"") }
        guard let course = try courseCache.course(id, version: record.latestVersion) else {
            throw APIError.notFound("\(id) \(record.latestVersion) cannot be read")
        }
        let host =
            context.request.headers["Host"].flatMap { $0.split(separator: ":").first.map(String.init) } ?? "lms-server"
        let calendar = ICalendar(name: course.title, events: ICalendar.events(of: course, host: host))
        var response = HTTPResponse(status: 200)
        response.headers["Content-Type"] = "text/calendar; charset=utf-8"
        response.headers["Content-Disposition"] = "attachment; filename=\"\(id).ics\""
        response.body = .data(Data(calendar.text(stamp: Date()).utf8))
        return response
    }
}
