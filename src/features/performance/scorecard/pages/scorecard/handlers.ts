import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { queryString } from "../../../../../platform/http/query-string.js";
import { groupTitles, type MeasureGroup } from "../../../library/definitions.js";
import { performancePermissions } from "../../../permissions.js";
import { buildScorecard, type ScoreRow, withoutSnapshot } from "../../build.js";
import {
  fractionText,
  periodChoices,
  ragCounts,
  ragTag,
  ragWord,
  targetText,
  trendText,
  valueText,
} from "../../format.js";
import { hubLinks, notFound, pageUrl, periodItems, type Query, readUnitAndPeriod } from "../shared.js";

const TREND_MONTHS = 6;

/** A scorecard row as the page and the export show it. */
export function rowView(r: ScoreRow, unitId: string | null, periodParam: string | null) {
  return {
    key: r.key,
    title: r.def.title,
    href: `/performance/measures/${r.key}${queryString({ unit: unitId, period: periodParam })}`,
    entered: r.def.source === "entered",
    value: valueText(r.value, r.def.format),
    fraction: fractionText(r.value, r.def),
    target: targetText(r.target, r.def.format),
    direction: r.target?.direction ?? r.def.direction,
    targetDate: r.target?.targetDate ?? null,
    rag: ragTag(r.rag),
    ragWord: ragWord(r.rag),
    trend: trendText(r.trend, r.def.format),
    source: r.def.source === "entered" ? "Entered" : "Computed",
  };
}
type RowView = ReturnType<typeof rowView>;

/**
 * `/performance?unit=&period=`: every measure for a unit the viewer reaches (blank: the council
 * for council-wide viewers, else their top unit) in a month (blank: this month, live; a past
 * month from its snapshot), grouped, with value, target, RAG and the last 6 months; CSV or Excel.
 */
export async function scorecardRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>(
    "/performance",
    { config: { permission: performancePermissions.view } },
    async (request, reply) => {
      // The unit's reach, the figures, targets and trends in one transaction (one version read).
      const loaded = await app.platform.data.together(request.tenantContext(), async () => {
        const page = await readUnitAndPeriod(app, request);
        if (!page) return null;
        const scorecard = await buildScorecard(app, page.ctx, {
          unitId: page.unit.unitId,
          period: page.period,
          trendMonths: TREND_MONTHS,
        });
        return { page, scorecard };
      });
      if (!loaded) return notFound(reply);
      const { page, scorecard } = loaded;
      const { today, period, unit } = page;
      const periodParam = period.live ? null : period.periodEnd;
      const rows = scorecard.map((r) => rowView(r, unit.unitId, periodParam));

      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          `scorecard-${unit.name}-${period.periodEnd}`,
          [
            { header: "Unit", value: () => unit.name },
            { header: "Period", value: () => `${period.name}${period.live ? " (live)" : ""}` },
            { header: "Measure", value: (r: RowView) => r.title },
            { header: "Value", value: (r: RowView) => r.value },
            { header: "Numerator and denominator", value: (r: RowView) => r.fraction },
            { header: "Target", value: (r: RowView) => r.target },
            { header: "Target date", value: (r: RowView) => r.targetDate ?? "" },
            { header: "RAG", value: (r: RowView) => r.ragWord },
            { header: "Last 6 months", value: (r: RowView) => r.trend },
            { header: "Source", value: (r: RowView) => r.source },
          ],
          rows,
        );
      }

      const groups = (Object.keys(groupTitles) as MeasureGroup[])
        .map((g) => ({
          key: g,
          title: groupTitles[g],
          rows: rows.filter((_, i) => scorecard[i]?.def.group === g),
        }))
        .filter((g) => g.rows.length > 0);
      return reply.render("performance/scorecard/pages/scorecard/view.njk", {
        pageTitle: `Scorecard: ${unit.name}, ${period.name}`,
        unitName: unit.name,
        period,
        unitItems: unit.items,
        periodItems: periodItems(periodChoices(today), period),
        counts: ragCounts(scorecard.map((r) => r.rag)),
        provisional: withoutSnapshot(period, scorecard),
        groups,
        hub: hubLinks(app, request, "/performance"),
        exportBase: `${pageUrl("/performance", unit.unitId, period)}${unit.unitId || periodParam ? "&" : "?"}`,
      });
    },
  );
}
