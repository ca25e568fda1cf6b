import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { groupTitles, type MeasureGroup } from "../library/definitions.js";
import { performancePermissions } from "../permissions.js";
import { statusNames } from "../plans/pages/schema.js";
import { formatFigure, periodChoices, ragCounts, readPeriod, shortMonth } from "../scorecard/format.js";
import { rowView } from "../scorecard/pages/scorecard/handlers.js";
import { hubLinks, notFound, periodItems, type Query } from "../scorecard/pages/shared.js";
import { boardWorkbook, packFilename } from "./pack.js";
import { boardReport } from "./report.js";

type Req = FastifyRequest<{ Querystring: Query }>;

/** The month asked for (404 for any other). */
function start(app: FastifyInstance, request: Req, reply: FastifyReply) {
  const period = readPeriod(request.query.period, app.people.today(), "last");
  if (!period) return { answered: notFound(reply) };
  return { period };
}

/**
 * `/performance/board?period=`: the printable board report for a month (default last month, from
 * its snapshot; the current month live, marked provisional): the council's scorecard with RAG and
 * 12 months' figures, the action plan with overdue actions flagged, and each measure's
 * commentary. `/performance/board/pack.xlsx?period=`: the same as a workbook. The report is the
 * council's: a viewer held on one unit (a service manager, a senior leader of one directorate)
 * gets 403 and uses the scorecard for their units instead.
 */
export async function boardRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>(
    "/performance/board",
    { config: { permission: performancePermissions.view, councilWide: true } },
    async (request, reply) => {
      const s = start(app, request, reply);
      if (s.answered) return s.answered;
      const { period } = s;
      const ctx = request.tenantContext();
      const report = await boardReport(app, ctx, period, request.tenant.name);
      const periodParam = period.live ? null : period.periodEnd;
      const rows = report.scorecard.map((r) => ({
        ...rowView(r, null, periodParam),
        group: r.def.group,
        trendCells: r.trend.map((t) =>
          t.suppressed ? "hidden" : t.value === null ? "none" : formatFigure(t.value, r.def.format, false),
        ),
        commentary: report.commentary.get(r.key) ?? null,
      }));
      const plan = report.plan;
      return reply.render("performance/board/view.njk", {
        pageTitle: `Board report: ${period.name}${report.pack.provisional ? " (provisional)" : ""}`,
        noSnapshot: report.noSnapshot,
        mainClasses: "app-board",
        period,
        periodItems: periodItems(periodChoices(app.people.today()), period),
        councilName: request.tenant.name,
        counts: ragCounts(report.scorecard.map((r) => r.rag)),
        groups: (Object.keys(groupTitles) as MeasureGroup[])
          .map((g) => ({ key: g, title: groupTitles[g], rows: rows.filter((r) => r.group === g) }))
          .filter((g) => g.rows.length > 0),
        rows,
        months: report.pack.months.map((m) => shortMonth(m, true)),
        plan: plan
          ? {
              title: plan.plan.title,
              counts: plan.counts,
              asAt: plan.asAt,
              href: `/performance/plans/${plan.plan.id}`,
              outcomes: plan.outcomes.map((o) => ({
                number: o.outcome.number,
                title: o.outcome.title,
                actions: o.actions.map((a) => ({
                  title: a.action.title,
                  href: `/performance/plans/actions/${a.action.id}`,
                  owner: a.ownerName ?? "No owner",
                  due: a.action.due_on,
                  status: statusNames[a.action.status],
                  overdue: a.overdue,
                })),
              })),
            }
          : null,
        packHref: `/performance/board/pack.xlsx${periodParam ? `?period=${periodParam}` : ""}`,
        hub: hubLinks(app, request, "/performance/board"),
      });
    },
  );

  app.get<{ Querystring: Query }>(
    "/performance/board/pack.xlsx",
    { config: { permission: performancePermissions.view, councilWide: true } },
    async (request, reply) => {
      const s = start(app, request, reply);
      if (s.answered) return s.answered;
      const report = await boardReport(app, request.tenantContext(), s.period, request.tenant.name);
      const buffer = await boardWorkbook(report.pack).xlsx.writeBuffer();
      return reply
        .header("content-disposition", `attachment; filename="${packFilename(report.pack)}"`)
        .header("cache-control", "no-store")
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(Buffer.from(buffer));
    },
  );
}
