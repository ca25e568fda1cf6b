import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { Enrolment } from "../../enrolments.service.js";
import { milestoneStatusNames } from "../../milestone-status.js";
import { enrolmentStatusNames, routeNames } from "../../reference.js";
import { nextView, statusTag } from "../home/handlers.js";
import { cohortHref, dateText, enrolmentHref, notFound, type PageOptions } from "../shared.js";

const memberColumns = [
  { header: "Name", value: (e: Enrolment) => e.personName },
  { header: "Employee number", value: (e: Enrolment) => e.employeeNumber },
  { header: "Route", value: (e: Enrolment) => routeNames[e.route] },
  { header: "Registration date", value: (e: Enrolment) => e.registeredOn },
  { header: "Start date", value: (e: Enrolment) => e.startOn },
  { header: "Planned end", value: (e: Enrolment) => e.endOn },
  { header: "FTE", value: (e: Enrolment) => e.fte },
  { header: "Team", value: (e: Enrolment) => e.teamName },
  { header: "Line manager", value: (e: Enrolment) => e.lineManagerName },
  { header: "Assessor", value: (e: Enrolment) => e.assessorName },
  { header: "Mentor", value: (e: Enrolment) => e.mentorName },
  { header: "Next milestone", value: (e: Enrolment) => e.next?.name ?? null },
  { header: "Next milestone due", value: (e: Enrolment) => e.next?.dueOn ?? null },
  {
    header: "Next milestone status",
    value: (e: Enrolment) => (e.next ? milestoneStatusNames[e.next.status] : null),
  },
  {
    header: "Status",
    value: (e: Enrolment) => (e.status === "active" && e.paused ? "Paused" : enrolmentStatusNames[e.status]),
  },
  { header: "Outcome date", value: (e: Enrolment) => e.outcomeOn },
];

/** `/early-career/cohorts/:cohortId`: the cohort's NQSWs (co-ordinator). */
export async function cohortRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  app.get<{ Params: { cohortId: string }; Querystring: Record<string, unknown> }>(
    "/early-career/cohorts/:cohortId",
    { config: { permission: earlyCareerPermissions.manage } },
    async (request, reply) => {
      const { cohortId } = request.params;
      if (!isUuid(cohortId)) return notFound(reply);
      const ctx = request.tenantContext();
      const cohort = await enrolments.cohort(ctx, cohortId);
      if (!cohort) return notFound(reply);
      const members = await enrolments.members(ctx, cohortId);
      const format = exportFormat(request.query.format);
      if (format) return sendExport(reply, format, `early-career-${cohort.name}`, memberColumns, members);
      return reply.render("early-career/enrolments/pages/cohort/view.njk", {
        pageTitle: `${cohort.name} cohort`,
        notification: takeNotice(request),
        cohort: { ...cohort, intake: dateText(cohort.intakeOn) },
        base: cohortHref(cohortId),
        members: members.map((e) => ({
          name: e.personName,
          href: enrolmentHref(e.id),
          route: routeNames[e.route],
          startOn: dateText(e.startOn),
          team: e.teamName,
          assessor: e.assessorName,
          next: nextView(e),
          status: statusTag(e),
        })),
      });
    },
  );
}
