import type { FastifyInstance, FastifyRequest } from "fastify";
import { lineChart } from "../../../../../platform/charts/charts.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { can } from "../../../../../platform/http/request-helpers.js";
import { isMeasureKey, type MeasureKey, measureDefinitions } from "../../../library/definitions.js";
import { monthEnds, previousMonthEnd } from "../../../library/periods.js";
import { performancePermissions } from "../../../permissions.js";
import { buildScorecard, drillDown } from "../../build.js";
import { fractionText, periodChoices, ragTag, shortMonth, targetText, valueText } from "../../format.js";
import { commentaries, ownerNames, ownerOf } from "../../scorecard.repository.js";
import { hubLinks, notFound, pageUrl, periodItems, type Query, readUnitAndPeriod } from "../shared.js";

const TREND_MONTHS = 12;

/** Whether the signed-in user may write a measure's commentary: its owner, or a performance.manage holder. */
export async function mayWriteCommentary(app: FastifyInstance, request: FastifyRequest, key: MeasureKey) {
  if (can(app, request, performancePermissions.manage)) return true;
  const personId = request.principal?.personId ?? null;
  if (!personId) return false;
  const owner = await app.platform.data.run(request.tenantContext(), (db) => ownerOf(db, key));
  return owner === personId;
}

export const sourceText = {
  computed: "Worked out from this service's data",
  entered: "Held in another system: entered or imported each month",
} as const;

/**
 * `/performance/measures/:measureKey?unit=&period=`: one measure for a unit the viewer reaches
 * in a month: its definition and source, 12 months of snapshots (with this month live) as a chart
 * with the target line and as a table, the units directly below (those below target first, each
 * linking to this page for that unit), and the month's commentary.
 */
export async function measureRoutes(app: FastifyInstance) {
  app.get<{ Params: { measureKey: string }; Querystring: Query }>(
    "/performance/measures/:measureKey",
    { config: { permission: performancePermissions.view } },
    async (request, reply) => {
      const key = request.params.measureKey;
      if (!isMeasureKey(key)) return notFound(reply);
      const def = measureDefinitions[key];
      // Every read in one transaction (one version read), as on the scorecard.
      const loaded = await app.platform.data.together(request.tenantContext(), async () => {
        const page = await readUnitAndPeriod(app, request);
        if (!page) return null;
        const { scope, ctx, today, period, unit } = page;
        const unitId = unit.unitId;
        const months = period.live
          ? monthEnds(previousMonthEnd(today), TREND_MONTHS)
          : monthEnds(period.periodEnd, TREND_MONTHS);
        const parts = await Promise.all([
          buildScorecard(app, ctx, { unitId, period, trendMonths: 1 }),
          app.performance.trend(ctx, { key, unitId, periods: months }),
          drillDown(app, ctx, scope, { key, unitId, period }),
          app.platform.data.run(ctx, (db) =>
            commentaries(db, { unitId, periodEnd: period.periodEnd, measureKey: key }),
          ),
          app.platform.data.run(ctx, (db) => ownerNames(db)),
          mayWriteCommentary(app, request, key),
        ]);
        return { page, parts };
      });
      if (!loaded) return notFound(reply);
      const { today, period, unit } = loaded.page;
      const { unitId } = unit;
      const [scorecard, trend, below, comments, owners, mayWrite] = loaded.parts;
      const row = scorecard.find((r) => r.key === key);
      const points = [
        ...trend.map((t) => ({
          periodEnd: t.periodEnd,
          value: t.value,
          target: t.target,
          rag: t.rag,
          live: false,
        })),
        ...(period.live && row
          ? [{ periodEnd: period.periodEnd, value: row.value, target: row.target, rag: row.rag, live: true }]
          : []),
      ];
      const chart = lineChart({
        labels: points.map((p) => shortMonth(p.periodEnd, true)),
        unit: def.format === "percent" ? "%" : "",
        series: [
          {
            name: def.title,
            values: points.map((p) => (p.value && !p.value.suppressed ? p.value.value : null)),
          },
        ],
        // Each month's own target (it may have changed), the label the one standing now.
        target: row?.target
          ? {
              value: row.target.target,
              label: `Target: ${targetText(row.target, def.format)}`,
              values: points.map((p) => p.target?.target ?? null),
            }
          : null,
        ...(def.format === "percent" ? { yMax: 100 } : {}),
      });
      const here = (u: string | null) => pageUrl(`/performance/measures/${key}`, u, period);
      const commentary = comments[0] ?? null;
      return reply.render("performance/scorecard/pages/measure/view.njk", {
        pageTitle: `${def.title}: ${unit.name}, ${period.name}`,
        def,
        key,
        source: sourceText[def.source],
        unitName: unit.name,
        unitItems: unit.items,
        period,
        periodItems: periodItems(periodChoices(today), period),
        current: row
          ? {
              value: valueText(row.value, def.format),
              fraction: fractionText(row.value, def),
              target: targetText(row.target, def.format),
              targetDate: row.target?.targetDate ?? null,
              targetInherited: row.target !== null && row.target.orgUnitId !== unitId,
              rag: ragTag(row.rag),
            }
          : null,
        chart,
        chartDescription: `${def.title} for ${unit.name}, month by month from ${points[0] ? shortMonth(points[0].periodEnd, true) : ""} to ${period.name}${row?.target ? `, with the target (${targetText(row.target, def.format)}) as a dashed line` : ""}; the table below has the same figures.`,
        trendRows: points.map((p) => ({
          month: shortMonth(p.periodEnd, true) + (p.live ? " (live)" : ""),
          value: valueText(p.value, def.format, p.live ? "No figure" : "No snapshot"),
          target: targetText(p.target, def.format),
          rag: ragTag(p.rag),
        })),
        below: below.map((u) => ({
          name: u.name,
          href: here(u.orgUnitId),
          value: valueText(u.measure, def.format),
          fraction: fractionText(u.measure, def),
          target: targetText(u.measure.target, def.format),
          rag: ragTag(u.measure.rag),
          hasChildren: u.hasChildren,
        })),
        commentary,
        owner: owners.get(key) ?? null,
        writeHref: mayWrite ? pageUrl(`/performance/measures/${key}/commentary`, unitId, period) : null,
        hub: hubLinks(app, request, ""),
        backHref: pageUrl("/performance", unitId, period),
        notification: takeNotice(request),
      });
    },
  );
}
