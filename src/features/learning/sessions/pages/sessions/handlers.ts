import type { FastifyInstance } from "fastify";
import { type ExportColumn, exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { can, isUuid } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import { placesText, placeText, type SessionsService } from "../../sessions.service.js";
import { addMonth, dateText, londonWallClock, monthText, timeText } from "../../times.js";

type Row = Awaited<ReturnType<SessionsService["upcoming"]>>[number];
type Query = { Querystring: { month?: string; course?: string; format?: string } };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `/learning/sessions`: sessions still to come, by month and course, with places left. */
export async function sessionsListRoutes(app: FastifyInstance, opts: { sessions: SessionsService }) {
  const { sessions } = opts;
  app.get<Query>(
    "/learning/sessions",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const month = MONTH.test(request.query.month ?? "") ? request.query.month : undefined;
      const courseId = isUuid(request.query.course) ? request.query.course : undefined;
      const [rows, courses] = await Promise.all([
        sessions.upcoming(ctx, { month, courseId }),
        sessions.coursesWithSessions(ctx),
      ]);
      const format = exportFormat(request.query.format);
      if (format) return sendExport(reply, format, "sessions", exportColumns, rows);

      const thisMonth = sessions.thisMonth();
      const months = Array.from({ length: 12 }, (_, i) => addMonth(thisMonth, i));
      const query = new URLSearchParams({
        ...(month ? { month } : {}),
        ...(courseId ? { course: courseId } : {}),
      });
      const sep = query.toString() ? "&" : "";
      return reply.render("learning/sessions/pages/sessions/view.njk", {
        pageTitle: "Sessions",
        monthItems: [
          { value: "", text: "Any month", selected: !month },
          ...months.map((m) => ({ value: m, text: monthText(m), selected: m === month })),
        ],
        courseItems: [
          { value: "", text: "Any course", selected: !courseId },
          ...courses.map((c) => ({ value: c.id, text: c.title, selected: c.id === courseId })),
        ],
        filtered: Boolean(month || courseId),
        rows: rows.map((r) => [
          {
            html: `${escapeHtml(dateText(londonWallClock(r.first_start).date))}${r.parts.length > 1 ? `<br><span class="govuk-hint">and ${r.parts.length - 1} more ${r.parts.length === 2 ? "day" : "days"}</span>` : ""}`,
          },
          {
            html: `<a class="govuk-link" href="/learning/sessions/${r.id}">${escapeHtml(r.course_title)}</a>`,
          },
          {
            text: `${timeText(londonWallClock(r.first_start).minutes)} to ${timeText(londonWallClock(r.parts[0]?.ends_at ?? r.last_end).minutes)}`,
          },
          { text: placeText(r.venue, r.room) ?? "Online" },
          { text: r.bookingClosed ? "Booking closed" : placesText(r.placesLeft) },
        ]),
        count: rows.length,
        csvHref: `/learning/sessions?${query.toString()}${sep}format=csv`,
        xlsxHref: `/learning/sessions?${query.toString()}${sep}format=xlsx`,
        calendarHref: `/learning/calendar${month ? `?month=${month}` : ""}`,
        canManage: can(app, request, learningPermissions.manageSessions),
      });
    },
  );
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const exportColumns: ExportColumn<Row>[] = [
  { header: "Course", value: (r) => r.course_title },
  { header: "First date", value: (r) => londonWallClock(r.first_start).date },
  { header: "Dates", value: (r) => r.parts.map((p) => londonWallClock(p.starts_at).date).join(" ") },
  { header: "Starts", value: (r) => timeText(londonWallClock(r.first_start).minutes) },
  { header: "Venue", value: (r) => r.venue },
  { header: "Room", value: (r) => r.room },
  { header: "Online", value: (r) => (r.online_link ? "Yes" : "No") },
  { header: "Trainers", value: (r) => r.trainers.join("; ") },
  { header: "Places", value: (r) => r.capacity },
  { header: "Booked", value: (r) => r.booked },
  { header: "Waiting", value: (r) => r.waiting },
  { header: "Places left", value: (r) => r.placesLeft },
  { header: "Booking closes", value: (r) => r.booking_closes_on },
  { header: "Session id", value: (r) => r.id },
];
