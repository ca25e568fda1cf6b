import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { can, isUuid } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import { placesText, placeText, type SessionsService } from "../../sessions.service.js";
import { dateText, partText } from "../../times.js";

/** The most people the "book for someone" list shows; more than this and the page says so. */
const MAX_CHOICES = 200;

const bookingStatusText: Record<string, string> = {
  booked: "You have a place on this session.",
  requested: "You have asked for a place. It is waiting for approval.",
  waiting: "You are on the waiting list.",
  offered: "You have been offered a place. Accept it on your bookings page.",
};

/** `/learning/sessions/:sessionId`: one session, to book a place or, for L&D, to run it. */
export async function sessionRoutes(app: FastifyInstance, opts: { sessions: SessionsService }) {
  app.get<{ Params: { sessionId: string } }>(
    "/learning/sessions/:sessionId",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const { sessionId } = request.params;
      const personId = request.principal?.personId ?? null;
      const manage = can(app, request, learningPermissions.manageSessions);
      const ctx = request.tenantContext();
      const found = isUuid(sessionId)
        ? await opts.sessions.session(ctx, sessionId, { personId, clashes: manage })
        : null;
      if (!found) return reply.code(404).render("errors/404.njk");
      const { session: s, parts } = found;
      const cancelled = s.status === "cancelled";
      const showLink = manage || found.viewerBooking?.status === "booked";
      const full = found.placesLeft <= 0;

      let others: { choices: { value: string; text: string }[]; tooMany: boolean } | null = null;
      if (found.bookingOpen && can(app, request, learningPermissions.bookForOthers)) {
        const scope = request.scope(learningPermissions.bookForOthers);
        const [staff, carers] = await Promise.all(
          (["staff", "foster_carer"] as const).map((kind) =>
            app.people.listPeople(ctx, { scope, kind, pageSize: MAX_CHOICES }),
          ),
        );
        const total = (staff?.total ?? 0) + (carers?.total ?? 0);
        const rows = [...(staff?.rows ?? []), ...(carers?.rows ?? [])].filter((p) => p.id !== personId);
        others = {
          tooMany: total > MAX_CHOICES,
          choices: rows.map((p) => ({ value: p.id, text: `${p.familyName}, ${p.givenName}` })),
        };
        if (others.tooMany) others.choices = [];
      }

      const row = (key: string, value: string | null, html = false) =>
        value ? { key: { text: key }, value: html ? { html: value } : { text: value } } : null;
      return reply.render("learning/sessions/pages/session/view.njk", {
        pageTitle: `${s.course_title}: ${parts[0] ? dateText(londonDateOf(parts[0].starts_at)) : "session"}`,
        notification: takeNotice(request),
        session: {
          id: s.id,
          courseId: s.course_id,
          courseTitle: s.course_title,
          cancelled,
          reason: s.cancelled_reason,
        },
        parts: parts.map((p) => partText(p.starts_at, p.ends_at)),
        rows: [
          row("Where", placeText(s.venue, s.room) ?? (s.online_link ? "Online" : null)),
          showLink && s.online_link
            ? { key: { text: "Online link" }, value: { html: linkHtml(s.online_link) } }
            : null,
          row("Trainers", s.trainers.join(", ") || null),
          row("Places", cancelled ? null : `${placesText(found.placesLeft)} (${s.capacity} in all)`),
          manage ? row("Booked", `${found.booked} booked, ${found.waiting} on the waiting list`) : null,
          manage && s.minimum > 0 ? row("Minimum numbers", String(s.minimum)) : null,
          row("Booking closes", dateText(s.booking_closes_on)),
          row("Notes", s.notes),
        ].filter(Boolean),
        viewerBooking: found.viewerBooking
          ? {
              text: bookingStatusText[found.viewerBooking.status] ?? "",
              icsHref: `/learning/bookings/${found.viewerBooking.id}/calendar.ics`,
            }
          : null,
        bookingOpen: found.bookingOpen,
        bookingClosedText: cancelled
          ? null
          : found.started
            ? "This session has started."
            : found.bookingOpen
              ? null
              : `Booking closed on ${dateText(s.booking_closes_on)}.`,
        canBookSelf: found.bookingOpen && !!personId && !found.viewerBooking,
        bookText: full ? "Join the waiting list" : "Book a place",
        // A full session's button says what it does, so one press joins the waiting list.
        joinWaitingList: full,
        bookForText: full ? "Add them to the waiting list" : "Book a place for them",
        bookHref: `/learning/sessions/${s.id}/book`,
        others,
        manage: manage
          ? {
              editHref: !cancelled && !found.ended ? `/learning/sessions/${s.id}/edit` : null,
              cancelHref: !cancelled && !found.started ? `/learning/sessions/${s.id}/cancel` : null,
              bookingsHref: `/learning/sessions/${s.id}/bookings`,
              registerHref: `/learning/sessions/${s.id}/register`,
              clashes: found.clashes,
            }
          : null,
        icsHref: `/learning/sessions/${s.id}/calendar.ics`,
      });
    },
  );
}

function londonDateOf(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(d);
}

function linkHtml(url: string): string {
  const safe = url.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<a class="govuk-link" href="${safe}" rel="noreferrer noopener" target="_blank">Join the session online (opens in new tab)</a>`;
}
