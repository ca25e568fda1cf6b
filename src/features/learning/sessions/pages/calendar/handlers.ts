import type { FastifyInstance } from "fastify";
import { learningPermissions } from "../../../permissions.js";
import type { SessionsService } from "../../sessions.service.js";
import { addMonth, monthText } from "../../times.js";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const bookingTag: Record<string, { text: string; classes: string }> = {
  booked: { text: "You are booked", classes: "govuk-tag--green" },
  requested: { text: "You have asked", classes: "govuk-tag--blue" },
  waiting: { text: "You are waiting", classes: "govuk-tag--yellow" },
  offered: { text: "You are offered a place", classes: "govuk-tag--blue" },
};

/** `/learning/calendar`: a month of sessions, day by day. */
export async function calendarRoutes(app: FastifyInstance, opts: { sessions: SessionsService }) {
  app.get<{ Querystring: { month?: string } }>(
    "/learning/calendar",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const asked = request.query.month;
      if (asked !== undefined && asked !== "" && !MONTH.test(asked)) {
        return reply.redirect("/learning/calendar", 303);
      }
      const month = asked && MONTH.test(asked) ? asked : opts.sessions.thisMonth();
      const days = await opts.sessions.month(
        request.tenantContext(),
        month,
        request.principal?.personId ?? null,
      );
      return reply.render("learning/sessions/pages/calendar/view.njk", {
        pageTitle: `Sessions in ${monthText(month)}`,
        monthName: monthText(month),
        days: days.map((d) => ({
          ...d,
          items: (d.items as { booking: string | null }[]).map((i) => ({
            ...i,
            tag: i.booking ? bookingTag[i.booking] : null,
          })),
        })),
        previous: {
          href: `/learning/calendar?month=${addMonth(month, -1)}`,
          text: monthText(addMonth(month, -1)),
        },
        next: { href: `/learning/calendar?month=${addMonth(month, 1)}`, text: monthText(addMonth(month, 1)) },
        listHref: `/learning/sessions?month=${month}`,
      });
    },
  );
}
