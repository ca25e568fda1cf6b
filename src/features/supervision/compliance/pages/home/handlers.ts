import type { FastifyInstance } from "fastify";
import { supervisionPermissions } from "../../../permissions.js";
import type { SupervisionComplianceService } from "../../compliance.service.js";
import { can, reachesOthers, ruleText, statusTag, viewerPersonId } from "../shared.js";

/**
 * `/supervision`: the viewer's own supervision (status, next due, next planned) when a rule
 * applies to them; for those who record supervision, how many of their people are overdue or
 * due soon; and links to the other supervision pages they may open.
 */
export async function homeRoutes(app: FastifyInstance, opts: { compliance: SupervisionComplianceService }) {
  const { compliance } = opts;
  app.get("/supervision", { config: { permission: supervisionPermissions.view } }, async (request, reply) => {
    const ctx = request.tenantContext();
    const today = compliance.today();
    const personId = viewerPersonId(request);
    const own = personId ? await compliance.personStatus(ctx, personId, today) : null;
    const records = can(app, request, supervisionPermissions.record);
    const people = records
      ? await compliance.peopleCounts(ctx, request.scope(supervisionPermissions.record), today, personId)
      : null;
    const others = reachesOthers(request.scope(supervisionPermissions.view));
    const links = [
      others ? { href: "/supervision/dashboard", text: "Supervision in date: the dashboard" } : null,
      others ? { href: "/supervision/overdue", text: "Overdue and due supervision" } : null,
      others ? { href: "/supervision/span-of-control", text: "Span of control" } : null,
      can(app, request, supervisionPermissions.manage)
        ? { href: "/supervision/policy", text: "Supervision policy and settings" }
        : null,
      can(app, request, supervisionPermissions.observe)
        ? { href: "/supervision/observations", text: "Observations of supervision" }
        : null,
      can(app, request, supervisionPermissions.manage)
        ? { href: "/supervision/import", text: "Import case supervision" }
        : null,
    ].filter((l) => l !== null);
    return reply.render("supervision/compliance/pages/home/view.njk", {
      pageTitle: "Supervision",
      today,
      own: own
        ? {
            href: `/supervision/people/${personId}`,
            expected: own.rule !== null,
            rule: ruleText(own.rule),
            tag: statusTag(own.status),
            lastHeldOn: own.lastHeldOn,
            dueOn: own.dueOn,
            plannedOn: own.plannedOn,
          }
        : null,
      people,
      links,
    });
  });
}
