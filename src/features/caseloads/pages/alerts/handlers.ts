import type { FastifyInstance } from "fastify";
import { addDays } from "../../../../platform/dates.js";
import { caseloadPermissions } from "../../permissions.js";
import { exportFormat, type PageOptions, sendExport } from "../shared.js";

const permission = caseloadPermissions.view;

/** `/caseloads/alerts`: workers in scope over their cap at snapshots of the last 6 months. */
export async function alertsRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/caseloads/alerts",
    { config: { permission } },
    async (request, reply) => {
      const since = addDays(opts.caseloads.today(), -183);
      const alerts = await opts.caseloads.alerts(request.tenantContext(), request.scope(permission), since);
      const format = exportFormat(request.query.format);
      if (format)
        return sendExport(
          reply,
          format,
          "caseload-alerts",
          [
            { header: "Name", value: (a: (typeof alerts)[number]) => a.name },
            { header: "As at", value: (a) => a.asAt },
            { header: "Children", value: (a) => a.children },
            { header: "Cap", value: (a) => a.cap },
            { header: "Line manager", value: (a) => a.managerName },
          ],
          alerts,
        );
      return reply.render("caseloads/pages/alerts/view.njk", {
        pageTitle: "Over cap alerts",
        since,
        alerts: alerts.map((a) => ({ ...a, href: `/caseloads/people/${a.personId}` })),
      });
    },
  );
}
