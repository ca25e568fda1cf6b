import type { FastifyInstance } from "fastify";
import { barChart } from "../../../../../platform/charts/charts.js";
import { addDays, type IsoDate } from "../../../../../platform/dates.js";
import { type ExportColumn, exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { queryString } from "../../../../../platform/http/query-string.js";
import { cellText, SUPPRESSION_NOTE } from "../../../../../platform/privacy/suppression.js";
import { recruitmentStages } from "../../../schema.js";
import { channelName, channels, pipelineStages, reasonName, stageName, statusNames } from "../../codes.js";
import {
  advertToAcceptance,
  applicationToStart,
  bySource,
  conversion,
  offerToDbs,
  type Period,
  type Summary,
  starterReasons,
} from "../../measures.js";
import { notFound, type PageOptions, permission, unitsInScope } from "../shared.js";

const periods = [
  { value: "3", text: "Last 3 months" },
  { value: "6", text: "Last 6 months" },
  { value: "12", text: "Last 12 months" },
  { value: "24", text: "Last 24 months" },
] as const;

/** The period ending today that `?period=` names (months; 12 unless another is given). */
export function readPeriod(value: unknown, today: IsoDate): (Period & { months: string }) | null {
  const months = value === undefined || value === "" ? "12" : value;
  if (!periods.some((p) => p.value === months)) return null;
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const start = new Date(Date.UTC(y, m - 1 - Number(months), d));
  return { from: addDays(start.toISOString().slice(0, 10), 1), to: today, months: months as string };
}

const days = (n: number | null) => (n === null ? "" : String(n));

/**
 * `/workforce/recruitment`: the campaigns for the units in scope (`?unit=` narrows) with their
 * applicants at each stage, and across them for a period (`?period=` months) applicants by source,
 * stage to stage conversion, time to hire, offer to DBS clearance and why new starters applied:
 * each chart with a table of its figures, each table downloadable (`?table=&format=`).
 */
export async function campaignsRoutes(app: FastifyInstance, opts: PageOptions) {
  const { recruitment } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/workforce/recruitment",
    { config: { permission } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const scope = request.scope(permission);
      const units = await unitsInScope(app, ctx, scope, request.query.unit);
      const period = readPeriod(request.query.period, recruitment.today());
      if (!units || !period) return notFound(reply);
      const { campaigns, applicants, histories } = await recruitment.campaigns(ctx, units.unitIds);

      const rows = campaigns.map((c) => {
        const mine = applicants.filter((a) => a.campaignId === c.id);
        const atStage = Object.fromEntries(
          recruitmentStages.map((s) => [s, mine.filter((a) => a.stage === s).length]),
        );
        return {
          ...c,
          href: `/workforce/recruitment/campaigns/${c.id}`,
          unitName: units.names.get(c.orgUnitId) ?? "",
          statusName: statusNames[c.status],
          applicants: mine.length,
          atStage,
        };
      });
      const sources = bySource(histories, period, channels).map((s) => ({
        ...s,
        name: channelName(s.source),
      }));
      const steps = conversion(histories, period).map((s) => ({
        ...s,
        name: stageName(s.stage),
        nextName: s.next ? stageName(s.next) : "",
      }));
      const times: { measure: string; summary: Summary }[] = [
        { measure: "Advert opening to offer accepted", summary: advertToAcceptance(histories, period) },
        { measure: "Application to start", summary: applicationToStart(histories, period) },
        { measure: "Offer to DBS clearance", summary: offerToDbs(histories, period) },
      ];
      const why = starterReasons(histories, period);
      const reasonRows = why.reasons.map((r) => ({
        name: reasonName(r.reason),
        text: cellText(r.cell),
        cell: r.cell,
      }));

      const format = exportFormat(request.query.format);
      const name = units.unit?.name ?? (scope.tenant ? "council" : "your-units");
      if (format) {
        const table = request.query.table;
        const send = <R>(what: string, columns: ExportColumn<R>[], data: R[]) =>
          sendExport(reply, format, `recruitment-${what}-${name}`, columns, data);
        if (table === "sources")
          return send(
            "sources",
            [
              { header: "Source", value: (r: (typeof sources)[number]) => r.name },
              { header: "Applications", value: (r) => r.count },
            ],
            sources,
          );
        if (table === "conversion")
          return send(
            "conversion",
            [
              { header: "Stage", value: (r: (typeof steps)[number]) => r.name },
              { header: "Reached", value: (r) => r.reached },
              { header: "Next stage", value: (r) => r.nextName },
              { header: "Reached next", value: (r) => r.nextReached },
              { header: "Conversion %", value: (r) => r.percent },
            ],
            steps,
          );
        if (table === "time")
          return send(
            "time-to-hire",
            [
              { header: "Measure", value: (r: (typeof times)[number]) => r.measure },
              { header: "People", value: (r) => r.summary.count },
              { header: "Average days", value: (r) => r.summary.average },
              { header: "Median days", value: (r) => r.summary.median },
            ],
            times,
          );
        if (table === "reasons")
          return send(
            "starters-reasons",
            [
              { header: "Reason", value: (r: (typeof reasonRows)[number]) => r.name },
              { header: "New starters", value: (r) => r.text },
            ],
            reasonRows,
          );
        if (table !== undefined && table !== "campaigns") return notFound(reply);
        return send(
          "campaigns",
          [
            { header: "Reference", value: (r: (typeof rows)[number]) => r.reference },
            { header: "Title", value: (r) => r.title },
            { header: "Unit", value: (r) => r.unitName },
            { header: "Post", value: (r) => r.postReference },
            { header: "Status", value: (r) => r.statusName },
            { header: "Advert opens", value: (r) => r.advertOpensOn },
            { header: "Advert closes", value: (r) => r.advertClosesOn },
            { header: "Applicants", value: (r) => r.applicants },
            ...recruitmentStages.map((s) => ({
              header: stageName(s),
              value: (r: (typeof rows)[number]) => r.atStage[s],
            })),
          ],
          rows,
        );
      }

      const base = (table: string) =>
        `/workforce/recruitment${queryString({ unit: units.unitId, period: period.months, table })}&`;
      return reply.render("workforce/recruitment/pages/campaigns/view.njk", {
        pageTitle: `Recruitment: ${units.unit?.name ?? (scope.tenant ? "the whole council" : "your teams")}`,
        heading: units.unit?.name ?? (scope.tenant ? "The whole council" : "Your teams"),
        notification: takeNotice(request),
        unitItems: units.items(units.unitId, scope.tenant ? "The whole council" : "All your teams"),
        periodItems: periods.map((p) => ({ ...p, selected: p.value === period.months })),
        period,
        rows,
        stages: recruitmentStages.map((s) => ({ value: s, name: stageName(s) })),
        sources,
        sourceChart: barChart({ bars: sources.map((s) => ({ label: s.name, value: s.count })) }),
        steps,
        conversionChart: barChart({ bars: steps.map((s) => ({ label: s.name, value: s.reached })) }),
        times: times.map((t) => ({
          measure: t.measure,
          count: t.summary.count,
          average: days(t.summary.average),
          median: days(t.summary.median),
        })),
        starters: why.starters,
        reasonRows,
        reasonChart: barChart({
          bars: reasonRows.map((r) => ({ label: r.name, value: r.cell.value, note: r.text })),
        }),
        anySuppressed: reasonRows.some((r) => r.cell.suppressed),
        suppressionNote: SUPPRESSION_NOTE,
        exports: {
          campaigns: base("campaigns"),
          sources: base("sources"),
          conversion: base("conversion"),
          time: base("time"),
          reasons: base("reasons"),
        },
        pipelineCount: pipelineStages.length,
      });
    },
  );
}
