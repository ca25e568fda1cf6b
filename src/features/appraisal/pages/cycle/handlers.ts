import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../platform/http/notice.js";
import { cellText } from "../../../../platform/privacy/suppression.js";
import type { CompletionRow } from "../../completion.js";
import { appraisalPermissions } from "../../permissions.js";
import { cycleHref, dateText, isUuid, notFound, type PageOptions } from "../shared.js";

/**
 * `/appraisal/cycles/:cycleId`: the cycle's dates and its completion by service for the people
 * in the viewer's scope on its start (`?unit=` drills into a unit's teams): a bar chart of the
 * completion rate, the table it comes from, and the table as CSV or XLSX. Small numbers hidden.
 */
export async function cycleRoutes(app: FastifyInstance, opts: PageOptions) {
  const { appraisals } = opts;
  app.get<{ Params: { cycleId: string }; Querystring: Record<string, unknown> }>(
    "/appraisal/cycles/:cycleId",
    { config: { permission: appraisalPermissions.view } },
    async (request, reply) => {
      const { cycleId } = request.params;
      if (!isUuid(cycleId)) return notFound(reply);
      const ctx = request.tenantContext();
      const cycle = await appraisals.cycle(ctx, cycleId);
      if (!cycle) return notFound(reply);
      const scope = request.scope(appraisalPermissions.view);
      const unitParam =
        typeof request.query.unit === "string" && request.query.unit !== "" ? request.query.unit : null;
      let unit: { orgUnitId: string; name: string; parentId: string | null } | null = null;
      if (unitParam !== null) {
        if (!isUuid(unitParam)) return notFound(reply);
        const tree = await app.people.orgTree(ctx, scope, cycle.startsOn);
        unit = tree.rows.find((u) => u.orgUnitId === unitParam) ?? null;
        if (!unit) return notFound(reply);
      }
      const asAt = appraisals.today();
      const { rows, total } = await appraisals.completionByUnit(
        ctx,
        scope,
        cycle,
        unit?.orgUnitId ?? null,
        asAt,
      );

      const format = exportFormat(request.query.format);
      if (format) {
        const cell = (k: keyof CompletionRow["cells"]) => (r: CompletionRow) => cellText(r.cells[k]);
        return sendExport(
          reply,
          format,
          `appraisal-completion-${cycle.name}${unit ? `-${unit.name}` : ""}`,
          [
            { header: unit ? "Unit" : "Service", value: (r: CompletionRow) => r.name },
            { header: "People", value: cell("people") },
            { header: "Appraisals started", value: cell("started") },
            { header: "Objectives agreed", value: cell("objectivesAgreed") },
            { header: "Mid-year review done", value: cell("midYearDone") },
            { header: "Completed", value: cell("completed") },
            {
              header: "Completion rate (%)",
              value: (r: CompletionRow) => (r.rate === null ? "not shown" : r.rate),
            },
          ],
          [...rows, total],
        );
      }

      const href = cycleHref(cycle.id);
      const view = (r: CompletionRow) => ({
        name: r.name,
        href: r.drillable && r.orgUnitId ? `${href}?unit=${r.orgUnitId}` : null,
        people: cellText(r.cells.people),
        started: cellText(r.cells.started),
        objectivesAgreed: cellText(r.cells.objectivesAgreed),
        midYearDone: cellText(r.cells.midYearDone),
        completed: cellText(r.cells.completed),
        rate: r.rate === null ? "Not shown" : `${r.rate}%`,
      });
      return reply.render("appraisal/pages/cycle/view.njk", {
        pageTitle: `Appraisal cycle ${cycle.name}`,
        notification: takeNotice(request),
        backHref: unit ? (unit.parentId ? `${href}?unit=${unit.parentId}` : href) : "/appraisal/cycles",
        backText: unit ? "Up a level" : "Appraisal cycles",
        cycle: {
          name: cycle.name,
          period: `${dateText(cycle.startsOn)} to ${dateText(cycle.endsOn)}`,
          objectivesDue: dateText(cycle.objectivesDueOn),
          midYearDue: dateText(cycle.midYearDueOn),
          completionDue: dateText(cycle.completionDueOn),
          start: dateText(cycle.startsOn),
        },
        asAt: dateText(asAt),
        unitName: unit?.name ?? null,
        topHref: href,
        rows: rows.map(view),
        total: view(total),
        bars: rows.map((r) => ({
          label: `${r.name}: ${r.rate === null ? "not shown (small numbers)" : `${r.rate}% completed`}`,
          percent: r.rate,
        })),
        anySuppressed: [...rows, total].some((r) => Object.values(r.cells).some((c) => c.suppressed)),
        exportBase: `${href}?${unit ? `unit=${unit.orgUnitId}&` : ""}`,
      });
    },
  );
}
