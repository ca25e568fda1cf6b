import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { THRESHOLD } from "../../../../../platform/privacy/suppression.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { Counts, SupervisionComplianceService } from "../../compliance.service.js";
import { isUuid, notFound, type Query, queryString, startReport } from "../shared.js";
import { lineChart } from "./chart.js";

/** A group's counts as shown: percentages and counts of groups under 5 people are hidden. */
export function countsView(c: Counts | undefined) {
  const counts = c ?? { inDate: 0, due: 0, overdue: 0, total: 0, percentInDate: null };
  const suppressed = counts.total > 0 && counts.total < THRESHOLD;
  return {
    suppressed,
    percent: suppressed ? null : counts.percentInDate,
    percentText: suppressed
      ? "fewer than 5 people"
      : counts.percentInDate === null
        ? "no one"
        : `${counts.percentInDate}%`,
    inDate: suppressed ? "hidden" : counts.inDate,
    due: suppressed ? "hidden" : counts.due,
    overdue: suppressed ? "hidden" : counts.overdue,
    total: suppressed ? "fewer than 5" : counts.total,
  };
}

const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const shortMonth = (date: string) => monthLabel.format(new Date(`${date}T00:00:00Z`));

/**
 * `/supervision/dashboard?unit=&asAt=`: the percentage of people in date (not overdue) for the
 * council (or the units the viewer reaches), and for each unit directly below the one chosen, as
 * at a date and at each of the last 12 month ends, against the council's target; a chart with
 * the same figures as a table, and the table as CSV or Excel. Groups under 5 people are hidden.
 */
export async function dashboardRoutes(
  app: FastifyInstance,
  opts: { compliance: SupervisionComplianceService },
) {
  const { compliance } = opts;
  app.get<{ Querystring: Query }>(
    "/supervision/dashboard",
    { config: { permission: supervisionPermissions.view } },
    async (request, reply) => {
      const start = startReport(request, reply, "/supervision/dashboard", compliance.today());
      if (start.answered) return start.answered;
      const { scope, query, asAt, unitParam, ctx } = start;
      if (unitParam && !isUuid(unitParam)) return notFound(reply);
      const dash = await compliance.dashboard(ctx, scope, unitParam || null, asAt.asAt);
      if (!dash) return notFound(reply);
      const { selected, parent } = dash;
      const groupName = selected
        ? selected.name
        : scope.tenant
          ? "The whole council"
          : "Everyone you can see";
      const target = Number(dash.settings.inDateTargetPercent);
      const current = dash.dates.length - 1;
      const groups = [
        ...dash.children.map((c) => ({
          id: c.unit.orgUnitId,
          name: c.unit.name,
          series: c.series,
          child: true,
        })),
        { id: selected?.orgUnitId ?? null, name: groupName, series: dash.series, child: false },
      ];

      const format = exportFormat(query.format);
      if (format) {
        const rows = groups.flatMap((g) =>
          dash.dates.map((on, i) => ({ unit: g.name, on, view: countsView(g.series[i]) })),
        );
        type Row = (typeof rows)[number];
        return sendExport(
          reply,
          format,
          `supervision-in-date-${selected?.name ?? "council"}-${asAt.asAt}`,
          [
            { header: "Unit", value: (r: Row) => r.unit },
            { header: "As at", value: (r: Row) => r.on },
            {
              header: "% in date",
              value: (r: Row) => (r.view.percent === null ? r.view.percentText : r.view.percent),
            },
            { header: "In date", value: (r: Row) => r.view.inDate },
            { header: "Due soon", value: (r: Row) => r.view.due },
            { header: "Overdue", value: (r: Row) => r.view.overdue },
            { header: "Total", value: (r: Row) => r.view.total },
            { header: "Target %", value: () => target },
          ],
          rows,
        );
      }

      const own = dash.series;
      const trend = dash.dates.map((on, i) => ({
        on,
        label: i === current ? `As at ${on}` : shortMonth(on),
        ...countsView(own[i]),
      }));
      const base = (unit: string | null) =>
        `/supervision/dashboard${queryString({ unit, asAt: asAt.param })}`;
      return reply.render("supervision/compliance/pages/dashboard/view.njk", {
        pageTitle: `Supervision in date: ${groupName}`,
        groupName,
        asAt: asAt.asAt,
        asAtView: asAt,
        errors: asAt.errors,
        errorSummary: asAt.errorSummary,
        unitId: selected?.orgUnitId ?? "",
        target,
        now: countsView(own[current]),
        chart: lineChart(
          trend.map((t) => ({ label: shortMonth(t.on), value: t.percent })),
          target,
        ),
        trend,
        up: parent
          ? { href: base(parent.orgUnitId), text: parent.name }
          : dash.upToEveryone
            ? { href: base(null), text: scope.tenant ? "The whole council" : "Everyone you can see" }
            : null,
        rows: groups.map((g) => ({
          name: g.name,
          href: g.child ? base(g.id) : null,
          child: g.child,
          ...countsView(g.series[current]),
          trend: g.series.map((c) => countsView(c).percentText),
        })),
        suppressed: groups.some((g) => g.series.some((c) => c.total > 0 && c.total < THRESHOLD)),
        exportBase: `/supervision/dashboard${queryString({ unit: selected?.orgUnitId ?? null, asAt: asAt.param })}${selected || asAt.param ? "&" : "?"}`,
      });
    },
  );
}
