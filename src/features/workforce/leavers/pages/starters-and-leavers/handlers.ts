import type { FastifyInstance } from "fastify";
import { barChart, lineChart } from "../../../../../platform/charts/charts.js";
import { type Cell, SUPPRESSION_NOTE } from "../../../../../platform/privacy/suppression.js";
import { censusYearDates, censusYearOf } from "../../../measures/formulas.js";
import { workforcePermissions } from "../../../permissions.js";
import { type CountRow, startersAndLeavers } from "../../figures.js";
import { assignmentFacts, conversationsHeld, leavingFacts } from "../../leavers.repository.js";
import {
  exportFormat,
  fte,
  notFound,
  type Query,
  queryString,
  queryText,
  readUnit,
  sendExport,
  shownCell,
} from "../shared.js";

const permission = workforcePermissions.view;
const tables = ["months", "years", "reasons", "destinations", "themes", "roles"] as const;

const bar = (rows: CountRow[]) =>
  barChart({
    bars: rows.map((r) => ({
      label: r.label,
      value: r.cell.suppressed ? null : r.cell.value,
      note: r.cell.suppressed ? shownCell(r.cell) : undefined,
    })),
  });

/**
 * `/workforce/starters-and-leavers`: for a unit and everything below it (`?unit=`, within the
 * viewer's scope), a census year (`?year=`, 1 October to 30 September) and social workers only or
 * all staff (`?staff=all`): starters and leavers by month and by year, the turnover rate with its
 * inputs, leaving reasons, destinations and exit themes, job roles, and the stay conversations'
 * outcomes. Figures are worked out from the records on every request, so a leaver just recorded
 * shows at once.
 */
export async function startersAndLeaversRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>(
    "/workforce/starters-and-leavers",
    { config: { permission } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const scope = request.scope(permission);
      const choice = await readUnit(app, ctx, scope, request.query.unit);
      if (!choice) return notFound(reply);
      const today = app.people.today();
      const current = censusYearOf(today);
      const yearText = queryText(request.query, "year");
      const yearChoices = Array.from({ length: 6 }, (_, i) => current - i);
      const yearOk = yearText === "" || yearChoices.includes(Number(yearText));
      const year = yearText !== "" && yearOk ? Number(yearText) : current;
      const allStaff = queryText(request.query, "staff") === "all";
      const unitSet = choice.unitIds ? new Set(choice.unitIds) : null;

      const { referenceDate } = censusYearDates(year);
      // The later of the year's end and today (dates as text).
      const until = [referenceDate, today].sort()[1] as string;
      const data = await app.platform.data.run(ctx, async (db) => ({
        assignments: await assignmentFacts(db, until),
        leavings: await leavingFacts(db, until),
        conversations: await conversationsHeld(db, censusYearDates(year).from, referenceDate),
      }));
      const f = startersAndLeavers({
        ...data,
        year,
        filter: { unitIds: unitSet, socialWorkOnly: !allStaff },
        today,
      });

      const params = {
        unit: choice.unitId,
        year: yearText && yearOk ? year : null,
        staff: allStaff ? "all" : null,
      };
      const format = exportFormat(request.query.format);
      const table = queryText(request.query, "table");
      const fileName = `${table}-${year}-${choice.name}`;
      if (format && (tables as readonly string[]).includes(table)) {
        if (table === "months" || table === "years") {
          const rows = table === "months" ? f.months : f.years;
          return sendExport(
            reply,
            format,
            `starters-and-leavers-${fileName}`,
            [
              {
                header: table === "months" ? "Month" : "Census year",
                value: (r: (typeof rows)[number]) => r.label,
              },
              { header: "From", value: (r) => r.from },
              { header: "To", value: (r) => r.to },
              { header: "Starters", value: (r) => r.startersHeadcount },
              { header: "Starters (FTE)", value: (r) => r.startersFte },
              { header: "Leavers", value: (r) => r.leaversHeadcount },
              { header: "Leavers (FTE)", value: (r) => r.leaversFte },
            ],
            rows,
          );
        }
        if (table === "roles") {
          return sendExport(
            reply,
            format,
            `job-roles-${fileName}`,
            [
              { header: "Job role", value: (r: (typeof f.roles)[number]) => r.role },
              { header: "Starters", value: (r) => shownCell(r.starters) },
              { header: "Leavers", value: (r) => shownCell(r.leavers) },
            ],
            f.roles,
          );
        }
        const rows =
          table === "reasons"
            ? f.reasons.rows
            : table === "destinations"
              ? f.destinations.rows
              : f.themes.rows;
        return sendExport(
          reply,
          format,
          `leaving-${fileName}`,
          [
            {
              header: table === "reasons" ? "Reason" : table === "destinations" ? "Destination" : "Theme",
              value: (r: CountRow) => r.label,
            },
            { header: "Leavers", value: (r) => shownCell(r.cell) },
          ],
          rows,
        );
      }

      const t = f.turnover;
      const link = (extra: Record<string, string>) =>
        `/workforce/starters-and-leavers${queryString({ ...params, ...extra })}&`;
      const cellView = (c: Cell) => ({ text: shownCell(c), suppressed: c.suppressed });
      const rowsView = (rows: CountRow[]) => rows.map((r) => ({ label: r.label, ...cellView(r.cell) }));
      const hasSuppressed = [
        ...f.reasons.rows.map((r) => r.cell),
        ...f.destinations.rows.map((r) => r.cell),
        ...f.themes.rows.map((r) => r.cell),
        ...f.roles.flatMap((r) => [r.starters, r.leavers]),
        f.stay.held,
        f.stay.laterLeft,
        ...f.stay.outcomes.map((r) => r.cell),
      ].some((c) => c.suppressed);

      return reply.code(yearOk ? 200 : 400).render("workforce/leavers/pages/starters-and-leavers/view.njk", {
        pageTitle: `Starters and leavers: ${choice.name}, ${year - 1} to ${year}`,
        name: choice.name,
        year,
        from: f.from,
        to: f.to,
        allStaff,
        unitItems: choice.items,
        yearItems: yearChoices.map((y) => ({
          value: String(y),
          text: `${y - 1} to ${y} (1 October ${y - 1} to 30 September ${y})`,
          selected: y === year,
        })),
        staffItems: [
          { value: "", text: "Social workers only", checked: !allStaff },
          { value: "all", text: "All staff", checked: allStaff },
        ],
        errors: yearOk ? {} : { year: "Select a census year from the list" },
        errorSummary: yearOk ? [] : [{ text: "Select a census year from the list", href: "#year" }],
        turnover: {
          value: t.value === null ? null : t.value.toFixed(1),
          formula: t.formula,
          leaversFte: fte(t.leaversFte),
          inPostFte: fte(t.inPostFte),
          inPostOn: t.inPostOn,
          yearOver: t.yearOver,
        },
        months: f.months.map((m) => ({
          ...m,
          startersFte: fte(m.startersFte),
          leaversFte: fte(m.leaversFte),
        })),
        years: f.years.map((m) => ({ ...m, startersFte: fte(m.startersFte), leaversFte: fte(m.leaversFte) })),
        monthsChart: lineChart({
          labels: f.months.map((m) => m.label),
          series: [
            // Months still to come have no figure yet: the lines stop at this month.
            { name: "Starters", values: f.months.map((m) => (m.from > today ? null : m.startersHeadcount)) },
            { name: "Leavers", values: f.months.map((m) => (m.from > today ? null : m.leaversHeadcount)) },
          ],
        }),
        yearsChart: lineChart({
          labels: f.years.map((m) => m.label),
          series: [
            { name: "Starters", values: f.years.map((m) => m.startersHeadcount) },
            { name: "Leavers", values: f.years.map((m) => m.leaversHeadcount) },
          ],
        }),
        reasons: {
          rows: rowsView(f.reasons.rows),
          total: cellView(f.reasons.total),
          chart: bar(f.reasons.rows),
        },
        destinations: {
          rows: rowsView(f.destinations.rows),
          total: cellView(f.destinations.total),
          chart: bar(f.destinations.rows),
        },
        themes: {
          rows: rowsView(f.themes.rows),
          withThemes: cellView(f.themes.leaversWithThemes),
          chart: bar(f.themes.rows),
        },
        roles: f.roles.map((r) => ({
          role: r.role,
          starters: cellView(r.starters),
          leavers: cellView(r.leavers),
        })),
        roleTotals: { starters: cellView(f.roleTotals.starters), leavers: cellView(f.roleTotals.leavers) },
        stay: {
          held: cellView(f.stay.held),
          outcomes: rowsView(f.stay.outcomes),
          laterLeft: cellView(f.stay.laterLeft),
        },
        suppressionNote: hasSuppressed ? SUPPRESSION_NOTE : null,
        exports: Object.fromEntries(tables.map((tb) => [tb, link({ table: tb })])),
      });
    },
  );
}
