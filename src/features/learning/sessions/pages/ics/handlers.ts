import type { FastifyInstance, FastifyReply } from "fastify";
import { can, isUuid } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import type { SessionsService } from "../../sessions.service.js";
import { siteOf } from "../../site.js";

function sendIcs(reply: FastifyReply, filename: string, ics: string) {
  const method = /^METHOD:(\w+)/m.exec(ics)?.[1] ?? "PUBLISH";
  return reply
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "no-store")
    .type(`text/calendar; charset=utf-8; method=${method}`)
    .send(ics);
}

/**
 * Calendar files: a booking's (its person, L&D, or someone whose scope reaches the person; else
 * 404), with the online link when booked; and a session's, with no one's details.
 */
export async function icsRoutes(app: FastifyInstance, opts: { sessions: SessionsService }) {
  app.get<{ Params: { bookingId: string } }>(
    "/learning/bookings/:bookingId/calendar.ics",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const found = isUuid(request.params.bookingId)
        ? await opts.sessions.bookingCalendar(ctx, request.params.bookingId, siteOf(app, request))
        : null;
      const allowed =
        found &&
        (found.personId === request.principal?.personId ||
          can(app, request, learningPermissions.manageSessions) ||
          (await app.people.reaches(ctx, request.scope(learningPermissions.view), found.personId)));
      if (!found || !allowed) return reply.code(404).render("errors/404.njk");
      return sendIcs(reply, "booking.ics", found.ics);
    },
  );

  app.get<{ Params: { sessionId: string } }>(
    "/learning/sessions/:sessionId/calendar.ics",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const ics = isUuid(request.params.sessionId)
        ? await opts.sessions.sessionCalendar(
            request.tenantContext(),
            request.params.sessionId,
            siteOf(app, request),
          )
        : null;
      if (!ics) return reply.code(404).render("errors/404.njk");
      return sendIcs(reply, "session.ics", ics);
    },
  );
}
