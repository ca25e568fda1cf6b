import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";

import { can } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import {
  dateText,
  figuresUpdating,
  isUuid,
  type PageOptions,
  queryString,
  readAsAt,
  statusTag,
} from "../shared.js";

const outcomeNames: Record<string, string> = {
  completed: "Attended",
  partly_attended: "Partly attended",
  no_show: "Did not attend",
};

const sourceNames: Record<string, string> = {
  attendance: "Attended a session",
  e_learning: "E-learning",
  external: "External learning",
  prior_learning: "Prior learning",
};
const verificationNames: Record<string, string> = {
  verified: "Verified",
  awaiting: "Awaiting verification",
  rejected: "Rejected",
};
const bookingNames: Record<string, string> = {
  requested: "Requested",
  booked: "Booked",
  waiting: "On the waiting list",
  offered: "Place offered",
  cancelled: "Cancelled",
  declined: "Declined",
  rejected: "Not approved",
  lapsed: "Offer lapsed",
};

/** `/learning/people/:personId`: a person's status per requirement, learning record and bookings. */
export async function personRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { personId: string }; Querystring: Record<string, unknown> }>(
    "/learning/people/:personId",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const { personId } = request.params;
      const ctx = request.tenantContext();
      const own = request.principal?.personId === personId;
      const allowed =
        isUuid(personId) &&
        (own ||
          (can(app, request, learningPermissions.viewRecords) &&
            (await app.people.reaches(ctx, request.scope(learningPermissions.viewRecords), personId))));
      if (!allowed) return reply.code(404).render("errors/404.njk");
      const asAt = readAsAt(request.query, opts.compliance.today());
      if (asAt.fromParts && asAt.errorSummary.length === 0) {
        return reply.redirect(`/learning/people/${personId}${queryString({ asAt: asAt.param })}`);
      }
      const { view } = await opts.compliance.personView(ctx, personId, asAt.param || null);
      if (!view || view.person.anonymised_on !== null) return reply.code(404).render("errors/404.njk");
      const name = `${view.person.preferred_name ?? view.person.given_name} ${view.person.family_name}`;

      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          `learning-record-${view.person.family_name}`,
          [
            { header: "Completed on", value: (r: (typeof view.records)[number]) => String(r.completedOn) },
            { header: "Course or title", value: (r) => r.courseTitle ?? r.title },
            { header: "Source", value: (r) => sourceNames[r.source] ?? r.source },
            { header: "Hours", value: (r) => (r.hours === null ? null : Number(r.hours)) },
            { header: "Provider", value: (r) => r.provider },
            { header: "Verification", value: (r) => verificationNames[r.verification] ?? r.verification },
            { header: "Expires on", value: (r) => (r.expiresOn === null ? null : String(r.expiresOn)) },
          ],
          view.records,
        );
      }

      const courseLinks = (ids: string[]) =>
        ids.map((id) => ({ href: `/learning/courses/${id}`, text: view.titles.get(id) ?? "A course" }));
      return reply.render("learning/compliance/pages/person/view.njk", {
        pageTitle: own ? "My learning" : `${name}: learning`,
        errorSummary: asAt.errorSummary,
        own,
        name,
        isCarer: view.person.kind === "foster_carer",
        asAt: view.asAt,
        asAtView: asAt,
        live: asAt.param !== "",
        updating: view.fresh ? null : figuresUpdating,
        action: `/learning/people/${personId}`,
        statuses: view.statuses.map((s) => ({
          title: s.title,
          code: s.code,
          tag: statusTag(s.status),
          due: s.dueOn ? dateText(s.dueOn) : "",
          expires: s.expiresOn ? dateText(s.expiresOn) : "",
          graceEnds: s.graceEndsOn && s.graceEndsOn !== s.dueOn ? dateText(s.graceEndsOn) : "",
          met: s.metOn ? dateText(s.metOn) : "",
          next: s.bookNext
            ? {
                courses: courseLinks(s.courseIds),
                by: s.completeBy ? `by ${dateText(s.completeBy)}` : "as soon as possible",
              }
            : null,
        })),
        records: view.records.map((r) => ({
          completedOn: dateText(r.completedOn),
          title: r.courseTitle ?? r.title,
          href: r.courseId ? `/learning/courses/${r.courseId}` : null,
          source: sourceNames[r.source] ?? r.source,
          hours: r.hours === null ? "" : String(Number(r.hours)),
          verification: verificationNames[r.verification] ?? r.verification,
          expiresOn: r.expiresOn ? dateText(r.expiresOn) : "",
        })),
        bookings: view.bookings.map((b) => ({
          course: b.courseTitle,
          href: `/learning/courses/${b.courseId}`,
          starts: b.startsAt ? dateText(b.startsAt) : "",
          // Once the register is marked, what happened says more than "Booked".
          status: b.outcome ? outcomeNames[b.outcome] : (bookingNames[b.status] ?? b.status),
        })),
        exportBase: `/learning/people/${personId}?`,
        links: [
          ...(can(app, request, learningPermissions.manageRecords)
            ? [
                { href: `/learning/people/${personId}/records/new`, text: "Add a learning record" },
                { href: `/learning/people/${personId}/exemptions/new`, text: "Record an exemption" },
              ]
            : []),
          ...(can(app, request, learningPermissions.recordPauses)
            ? [{ href: `/learning/people/${personId}/pauses/new`, text: "Record a pause" }]
            : []),
        ],
      });
    },
  );
}
