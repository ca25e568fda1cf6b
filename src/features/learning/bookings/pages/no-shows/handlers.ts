import type { FastifyInstance } from "fastify";
import { addDays, isIsoDate } from "../../../../../platform/dates.js";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { learningPermissions } from "../../../permissions.js";
import type { BookingPagesOptions } from "../index.js";

type Query = { Querystring: Record<string, string | undefined> };

const pounds = (pence: number | null) => (pence === null ? null : pence / 100);

/** A date from the GOV.UK date input's three fields, or the default when none was entered. */
function dateFrom(query: Record<string, string | undefined>, name: string, fallback: string) {
  const [d = "", m = "", y = ""] = ["day", "month", "year"].map((p) => (query[`${name}-${p}`] ?? "").trim());
  if (!d && !m && !y) return { iso: fallback, parts: partsOf(fallback), error: null };
  const iso = `${y.padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isIsoDate(iso) && /^\d{4}$/.test(y)
    ? { iso, parts: { day: d, month: m, year: y }, error: null }
    : { iso: fallback, parts: { day: d, month: m, year: y }, error: "must be a real date" };
}
function partsOf(iso: string) {
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * `/learning/reports/no-shows`: people who did not attend, by session date, with their partner
 * agency (for charging), the course and its cost; CSV and XLSX.
 */
export async function noShowsRoutes(app: FastifyInstance, opts: BookingPagesOptions) {
  const { service, queries } = opts;

  app.get<Query>(
    "/learning/reports/no-shows",
    { config: { permission: learningPermissions.manageSessions } },
    async (request, reply) => {
      const today = service.today();
      const from = dateFrom(request.query, "from", addDays(today, -90));
      const to = dateFrom(request.query, "to", today);
      const errorSummary = [
        ...(from.error ? [{ text: `The start date ${from.error}`, href: "#from-day" }] : []),
        ...(to.error ? [{ text: `The end date ${to.error}`, href: "#to-day" }] : []),
      ];
      if (!errorSummary.length && to.iso < from.iso) {
        errorSummary.push({
          text: "The end date must be the same as or after the start date",
          href: "#to-day",
        });
      }
      const rows = errorSummary.length
        ? []
        : await queries.noShows(request.tenantContext(), from.iso, to.iso);
      const format = exportFormat(request.query.format);
      if (format && !errorSummary.length) {
        return sendExport(
          reply,
          format,
          `no-shows-${from.iso}-to-${to.iso}`,
          [
            { header: "Given name", value: (r) => r.givenName },
            { header: "Family name", value: (r) => r.familyName },
            { header: "Employee number", value: (r) => r.employeeNumber },
            { header: "Organisation", value: (r) => r.organisation ?? "" },
            { header: "Course", value: (r) => r.courseTitle },
            { header: "Session date", value: (r) => formatDate(r.startsAt, false) },
            { header: "Parts missed", value: (r) => `${r.partsMissed} of ${r.partCount}` },
            { header: "Reason", value: (r) => r.reasons },
            { header: "Course cost (£)", value: (r) => pounds(r.costPence) },
          ],
          rows,
        );
      }
      const query = new URLSearchParams();
      for (const [name, d] of [
        ["from", from],
        ["to", to],
      ] as const) {
        query.set(`${name}-day`, String(d.parts.day));
        query.set(`${name}-month`, String(d.parts.month));
        query.set(`${name}-year`, String(d.parts.year));
      }
      return reply.code(errorSummary.length ? 400 : 200).render("learning/bookings/pages/no-shows/view.njk", {
        pageTitle: "No-shows",
        from,
        to,
        rows: rows.map((r) => ({
          ...r,
          cost: r.costPence === null ? "" : `£${(r.costPence / 100).toFixed(2)}`,
          parts: r.partCount > 1 ? `Part ${r.partsMissed} of ${r.partCount}` : "",
        })),
        exportQuery: query.toString(),
        errorSummary,
        errors: {
          from: from.error ? `The start date ${from.error}` : null,
          to: to.error ? `The end date ${to.error}` : errorSummary.find((e) => e.href === "#to-day")?.text,
        },
      });
    },
  );
}
