import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../platform/http/notice.js";
import { can } from "../../../../platform/http/request-helpers.js";
import type { CatalogueService } from "../../catalogue.service.js";
import { learningPermissions } from "../../permissions.js";
import { placesText, placeText } from "../../sessions/sessions.service.js";
import { partText } from "../../sessions/times.js";
import {
  bookingRouteName,
  deliveryName,
  hoursText,
  isUuid,
  pcfDomainName,
  poundsText,
  tierGroupName,
} from "../shared.js";

/** `/learning/courses/:courseId`: one course, as a learner or manager reads it before booking. */
export async function courseRoutes(app: FastifyInstance, opts: { catalogue: CatalogueService }) {
  app.get<{ Params: { courseId: string } }>(
    "/learning/courses/:courseId",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const { courseId } = request.params;
      const c = isUuid(courseId) ? await opts.catalogue.course(request.tenantContext(), courseId) : null;
      if (!c) return reply.code(404).render("errors/404.njk");
      const canEdit = can(app, request, learningPermissions.manageCatalogue);
      const canManageSessions = can(app, request, learningPermissions.manageSessions);
      const sessions = await app.sessions.upcomingForCourse(request.tenantContext(), c.id);
      const row = (key: string, value: string | null) =>
        value ? { key: { text: key }, value: { text: value } } : null;
      return reply.render("learning/pages/course/view.njk", {
        pageTitle: c.title,
        notification: takeNotice(request),
        course: {
          title: c.title,
          code: c.code,
          summary: c.summary,
          withdrawn: c.status === "withdrawn",
          outcomes: c.outcomes,
          pcfDomains: c.pcf_domains.map(pcfDomainName),
        },
        rows: [
          row("Tier and group", tierGroupName(c.tier, c.group_key)),
          row("Practice model", [c.strand, c.strand_level].filter(Boolean).join(": ") || null),
          row("Delivery", deliveryName(c.delivery)),
          row("Length", hoursText(c.duration_hours)),
          row("CPD hours", hoursText(c.cpd_hours)),
          row("Provider", c.provider),
          row("Cost", poundsText(c.cost_pence)),
          row("Who it is for", c.audience),
          row("How to book", bookingRouteName(c.booking_route)),
          row("Course code", c.code),
        ].filter(Boolean),
        editHref: canEdit ? `/learning/courses/${c.id}/edit` : null,
        sessions: sessions.map((r) => ({
          href: `/learning/sessions/${r.id}`,
          dates: r.parts.map((p) => partText(p.starts_at, p.ends_at)),
          where: placeText(r.venue, r.room) ?? "Online",
          places: r.bookingClosed ? "Booking closed" : placesText(r.placesLeft),
        })),
        interestHref: `/learning/courses/${c.id}/interest`,
        canRegisterInterest: c.status === "active" && Boolean(request.principal?.personId),
        addSessionHref:
          canManageSessions && c.status === "active" ? `/learning/courses/${c.id}/sessions/new` : null,
      });
    },
  );
}
