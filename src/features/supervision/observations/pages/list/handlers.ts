import type { FastifyInstance } from "fastify";
import { addDays, type IsoDate } from "../../../../../platform/dates.js";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import type { Cell } from "../../../../../platform/privacy/suppression.js";
import { dateFromQuery, dateInputValues } from "../../../../people/pages/date-input.js";
import { supervisionPermissions } from "../../../permissions.js";
import { observationThemes, qualityGrades } from "../../../schema.js";
import type { ObservationRow, ServiceLine } from "../../observations.service.js";
import { gradeNames, themeNames } from "../../reference.js";
import { dateText, observationHref, type PageOptions, viewerOf } from "../shared.js";

const cellText = (c: Cell | undefined): string | number =>
  !c ? "" : c.suppressed ? (c.reason === "small" ? "fewer than 5" : "hidden") : c.value;

const listColumns = [
  { header: "Date observed", value: (o: ObservationRow) => o.observedOn },
  { header: "Supervisor", value: (o: ObservationRow) => o.supervisorName },
  { header: "Observer", value: (o: ObservationRow) => o.observerName },
  { header: "Themes", value: (o: ObservationRow) => o.themes.map((t) => themeNames[t]).join("; ") },
  { header: "Rating", value: (o: ObservationRow) => (o.rating ? gradeNames[o.rating] : "") },
];

const serviceColumns = [
  { header: "Service", value: (s: ServiceLine) => s.name },
  ...observationThemes.map((t, i) => ({
    header: themeNames[t],
    value: (s: ServiceLine) => cellText(s.themes[i]),
  })),
  ...qualityGrades.map((g, i) => ({
    header: `Rated ${gradeNames[g].toLowerCase()}`,
    value: (s: ServiceLine) => cellText(s.ratings[i]),
  })),
];

/**
 * `/supervision/observations`: the themes report for a period (by theme and rating; by service with
 * small numbers hidden) and the observations in it, with exports.
 */
export async function observationListRoutes(app: FastifyInstance, opts: PageOptions) {
  const { observations } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/supervision/observations",
    { config: { permission: supervisionPermissions.observe } },
    async (request, reply) => {
      const q = request.query;
      const today = observations.today();
      const errors: Record<string, string> = {};
      const read = (name: string, label: string, fallback: IsoDate) => {
        const r = dateFromQuery(q, name, { label });
        if (!r.given) return fallback;
        if (!r.ok) {
          errors[r.field] = r.message;
          return fallback;
        }
        return r.date;
      };
      let from = read("from", "From date", addDays(today, -364));
      let to = read("to", "To date", today);
      if (from > to) {
        errors["to-day"] = "To date must be the same as or after the from date";
        from = addDays(today, -364);
        to = today;
      }
      const ctx = request.tenantContext();
      const viewer = viewerOf(request);
      const format = exportFormat(q.format);
      if (format && q.report === "services") {
        const report = await observations.themesReport(ctx, viewer, from, to);
        return sendExport(
          reply,
          format,
          `supervision-observation-themes-${from}-to-${to}`,
          serviceColumns,
          report.services,
        );
      }
      const list = await observations.list(ctx, viewer, from, to);
      if (format)
        return sendExport(reply, format, `supervision-observations-${from}-to-${to}`, listColumns, list);
      const report = await observations.themesReport(ctx, viewer, from, to);
      const period = `from=${from}&to=${to}`;
      const errorSummary = Object.entries(errors).map(([k, text]) => ({ text, href: `#${k}` }));
      return reply
        .code(errorSummary.length ? 400 : 200)
        .render("supervision/observations/pages/list/view.njk", {
          pageTitle: "Observations of supervision",
          notification: takeNotice(request),
          errors,
          errorSummary,
          values: { ...dateInputValues("from", from), ...dateInputValues("to", to), ...pickParts(q) },
          period: `${dateText(from)} to ${dateText(to)}`,
          exportBase: `/supervision/observations?${period}&`,
          reportExportBase: `/supervision/observations?${period}&report=services&`,
          report: {
            ...report,
            byTheme: report.byTheme.map((t) => ({ ...t, name: themeNames[t.theme] })),
            services: report.services.map((s) => ({
              ...s,
              themes: s.themes.map(cellText),
              ratings: s.ratings.map(cellText),
              themesTotal: cellText(s.themesTotal),
            })),
            themeTotals: report.themeTotals.map(cellText),
            ratingTotals: report.ratingTotals.map(cellText),
          },
          themeHeaders: observationThemes.map((t) => themeNames[t]),
          gradeHeaders: qualityGrades.map((g) => gradeNames[g]),
          observations: list.map((o) => ({
            ...o,
            href: observationHref(o.id),
            observed: dateText(o.observedOn),
            themesText: o.themes.map((t) => themeNames[t]).join(", "),
            ratingText: o.rating ? gradeNames[o.rating] : "Not rated",
          })),
        });
    },
  );
}

/** What was typed in the date fields, to put back when it was wrong. */
function pickParts(q: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (/^(from|to)-(day|month|year)$/.test(k) && typeof v === "string") out[k] = v;
  }
  return out;
}
