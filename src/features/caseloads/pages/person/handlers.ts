import type { FastifyInstance } from "fastify";
import { caseloadPermissions } from "../../permissions.js";
import { lineChart, shortMonth } from "../chart.js";
import { exportFormat, isUuid, notFound, type PageOptions, sendExport } from "../shared.js";

const permission = caseloadPermissions.view;

/** `/caseloads/people/:personId`: a worker's caseloads over time against their cap (in scope). */
export async function personRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { personId: string }; Querystring: Record<string, unknown> }>(
    "/caseloads/people/:personId",
    { config: { permission } },
    async (request, reply) => {
      const { personId } = request.params;
      if (!isUuid(personId)) return notFound(reply);
      const ctx = request.tenantContext();
      if (!(await app.people.reaches(ctx, request.scope(permission), personId))) return notFound(reply);
      const person = await opts.caseloads.personHistory(ctx, personId);
      if (!person) return notFound(reply);
      const format = exportFormat(request.query.format);
      if (format)
        return sendExport(
          reply,
          format,
          `caseloads-${person.name}`,
          [
            { header: "As at", value: (h: (typeof person.history)[number]) => h.asAt },
            { header: "Children", value: (h) => h.children },
            { header: "Weighted load", value: (h) => h.weighted },
            { header: "Source", value: (h) => h.source },
          ],
          person.history,
        );
      const oldestFirst = [...person.history].reverse().slice(-12);
      return reply.render("caseloads/pages/person/view.njk", {
        pageTitle: `Caseloads: ${person.name}`,
        person,
        chart: lineChart(
          oldestFirst.map((h) => ({ label: shortMonth(h.asAt), average: h.children, target: person.cap })),
        ),
        exportBase: `/caseloads/people/${personId}?`,
      });
    },
  );
}
