import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { reachEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { milestoneStatusNames, milestoneStatusTags } from "../../milestone-status.js";
import { pauseReasonNames, routeNames } from "../../reference.js";
import { statusTag } from "../home/handlers.js";
import { dateText, enrolmentHref, notFound, type PageOptions } from "../shared.js";

/**
 * `/early-career/enrolments/:enrolmentId`: the programme at a glance for everyone who reaches it:
 * the people, the dates, the milestones with their due dates and status, and the pauses.
 */
export async function enrolmentRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  app.get<{ Params: { enrolmentId: string } }>(
    "/early-career/enrolments/:enrolmentId",
    { config: { permission: earlyCareerPermissions.view } },
    async (request, reply) => {
      const reached = await reachEnrolment(app, request, request.params.enrolmentId);
      if (!reached) return notFound(reply);
      const ctx = request.tenantContext();
      const [e, pauses] = await Promise.all([
        enrolments.enrolment(ctx, reached.enrolment.id),
        enrolments.pauses(ctx, reached.enrolment.id),
      ]);
      if (!e) return notFound(reply);
      const { relation } = reached;
      const base = enrolmentHref(e.id);
      const fte = e.fte === 1 ? "1 (full time)" : `${e.fte} (part time: dates are pro rata)`;
      return reply.render("early-career/enrolments/pages/enrolment/view.njk", {
        pageTitle: `${e.personName}: ${e.programmeName}`,
        notification: takeNotice(request),
        e,
        own: relation.self,
        coordinator: relation.coordinator,
        status: statusTag(e),
        base,
        rows: [
          { key: "Programme", value: `${e.programmeName} (template version ${e.version})` },
          { key: "Cohort", value: e.cohortName },
          { key: "Route", value: routeNames[e.route] },
          { key: "Registration date", value: e.registeredOn ? dateText(e.registeredOn) : null },
          { key: "Start date", value: dateText(e.startOn) },
          { key: "Planned end", value: dateText(e.endOn) },
          { key: "FTE", value: fte },
          { key: "Team", value: e.teamName },
          { key: "Line manager", value: e.lineManagerName },
          { key: "Assessor", value: e.assessorName },
          { key: "Mentor or buddy", value: e.mentorName },
          ...(e.outcomeOn ? [{ key: "Outcome date", value: dateText(e.outcomeOn) }] : []),
          ...(e.withdrawnReason ? [{ key: "Reason for withdrawal", value: e.withdrawnReason }] : []),
        ],
        milestones: e.milestones.map((m) => ({
          name: m.name,
          href: `${base}/milestones/${m.id}`,
          due: dateText(m.dueOn),
          completed: m.completedOn ? dateText(m.completedOn) : null,
          optional: m.optional,
          tag: { text: milestoneStatusNames[m.status], classes: milestoneStatusTags[m.status] },
        })),
        pauses: pauses.map((p) => ({
          reason: pauseReasonNames[p.reason],
          from: dateText(p.fromOn),
          to: p.toOn ? dateText(p.toOn) : null,
          current: p.current,
        })),
        links: [
          { text: relation.self ? "Your portfolio" : "Portfolio", href: `${base}/portfolio` },
          { text: "Outcome", href: `${base}/outcome` },
          { text: "Extensions", href: `${base}/extensions` },
          { text: "Protected caseload and development time", href: `${base}/protection` },
        ],
      });
    },
  );
}
