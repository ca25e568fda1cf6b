import type { FastifyInstance, FastifyReply } from "fastify";
import { lineChart } from "../../../../platform/charts/charts.js";
import { monthName } from "../../../../platform/dates.js";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { canCouncilWide } from "../../../../platform/http/request-helpers.js";
import { workforcePermissions } from "../../permissions.js";
import type { Forecast } from "../forecast.service.js";
import type { ProjectedMonth } from "../projection.js";
import { type AssumptionsFormData, assumptionsForm } from "./form.js";

/** "Dec 2026" from "2026-12". */
function shortMonth(month: string): string {
  const [y, m] = month.split("-");
  return `${monthName(Number(m), true)} ${y}`;
}
function longMonth(month: string): string {
  const [y, m] = month.split("-");
  return `${monthName(Number(m))} ${y}`;
}

/** FTE as written: at most 2 decimals. */
export const fte = (n: number) => String(Math.round(n * 100 + Number.EPSILON) / 100);
const percent = (n: number) => `${Math.round(n * 10 + Number.EPSILON) / 10}%`;

/** The assumptions the projection used, in words, each saying whether it came from the data. */
function assumptionsInWords(f: Forecast): { key: string; value: string; source: string }[] {
  const a = f.assumptions;
  const y = f.lastYear;
  const last = f.projection.months.at(-1)?.month;
  return [
    {
      key: "How far ahead",
      value: `${a.horizonMonths} months${last ? `, to ${longMonth(last)}` : ""}`,
      source: a.saved ? "Your assumption" : "The default",
    },
    {
      key: "Establishment",
      value: `${fte(f.establishmentFte)} FTE of social work posts today${a.establishmentChangeFte ? `, ${a.establishmentChangeFte > 0 ? "plus" : "less"} ${fte(Math.abs(a.establishmentChangeFte))} FTE from next month` : ", unchanged"}`,
      source: a.establishmentChangeFte ? "Posts today and your assumption" : "Posts today",
    },
    {
      key: "Permanent social workers",
      value: `${fte(f.permanentFte)} FTE in post today (not agency or locum), ${fte(f.projection.start.nqswInPost)} FTE of them NQSWs on the early career programme`,
      source: "Assignments today",
    },
    {
      key: "Turnover",
      value: `${percent(a.annualTurnoverPercent)} a year of the permanent FTE not on the early career programme`,
      source: a.turnoverFromData
        ? `The last 12 months: ${fte(y.leaversFte)} FTE left, ${fte(y.averageInPostFte)} FTE in post on average`
        : "Your assumption",
    },
    {
      key: "Recruits",
      value: `${fte(a.recruitsPerMonth)} FTE a month`,
      source: a.recruitsFromData
        ? `The last 12 months: ${fte(y.startersFte)} FTE started`
        : "Your assumption",
    },
    {
      key: "Early career pipeline",
      value: `${fte(f.nqswCompleting)} FTE of NQSWs complete the programme and ${fte(f.nqswStarting)} FTE start within the forecast; ${percent(a.earlyCareerRetentionPercent)} of those completing stay`,
      source: "Early career enrolments and your assumption",
    },
    {
      key: "Agency workers made permanent",
      value: `${fte(a.agencyConversionsPerMonth)} FTE a month`,
      source: a.saved ? "Your assumption" : "The default",
    },
  ];
}

interface Row {
  month: string;
  label: string;
  establishment: number;
  permanent: number;
  agencyNeed: number;
  leavers: number | null;
  joining: number | null;
}

function tableRows(f: Forecast): Row[] {
  const s = f.projection.start;
  return [
    {
      month: f.today.slice(0, 7),
      label: "Today",
      establishment: s.establishment,
      permanent: s.permanent,
      agencyNeed: s.agencyNeed,
      leavers: null,
      joining: null,
    },
    ...f.projection.months.map((m: ProjectedMonth) => ({
      month: m.month,
      label: longMonth(m.month),
      establishment: m.establishment,
      permanent: m.permanent,
      agencyNeed: m.agencyNeed,
      leavers: m.leavers + m.nqswCompleting - m.nqswRetained,
      joining: m.recruits + m.conversions + m.nqswStarting,
    })),
  ];
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100 + Number.EPSILON) / 100);

/**
 * `/workforce/forecast` (with `?format=csv|xlsx`): the projection of permanent social worker FTE
 * and agency need, a chart and a table, and the assumptions in words. `/workforce/forecast/
 * assumptions`: HR changes them.
 */
export async function forecastPageRoutes(app: FastifyInstance) {
  app.get(
    "/workforce/forecast",
    { config: { permission: workforcePermissions.view } },
    async (request, reply) => {
      const f = await app.workforceForecast.forecast(request.tenantContext());
      const rows = tableRows(f);
      const format = exportFormat((request.query as Record<string, unknown>).format);
      if (format) {
        return sendExport(
          reply,
          format,
          `workforce-forecast-${f.today}`,
          [
            { header: "Month", value: (r: Row) => (r.label === "Today" ? f.today : r.month) },
            { header: "Establishment FTE", value: (r) => round2(r.establishment) },
            { header: "Permanent FTE", value: (r) => round2(r.permanent) },
            { header: "Agency need FTE", value: (r) => round2(r.agencyNeed) },
            { header: "Leaving FTE", value: (r) => round2(r.leavers) },
            { header: "Joining FTE", value: (r) => round2(r.joining) },
          ],
          rows,
        );
      }
      const chart = lineChart({
        labels: rows.map((r) => (r.label === "Today" ? "Now" : shortMonth(r.month))),
        series: [
          { name: "Permanent FTE", values: rows.map((r) => round2(r.permanent)) },
          { name: "Establishment", values: rows.map((r) => round2(r.establishment)) },
          { name: "Agency need", values: rows.map((r) => round2(r.agencyNeed)) },
        ],
      });
      const last = rows.at(-1);
      return reply.render("workforce/forecast/pages/view.njk", {
        pageTitle: "Workforce forecast",
        today: f.today,
        chart,
        description: last
          ? `Permanent social worker FTE goes from ${fte(f.permanentFte)} now to ${fte(last.permanent)} in ${last.label}, against an establishment of ${fte(last.establishment)}; the agency need from ${fte(rows[0]?.agencyNeed ?? 0)} to ${fte(last.agencyNeed)}.`
          : "",
        rows: rows.map((r) => ({
          label: r.label,
          establishment: fte(r.establishment),
          permanent: fte(r.permanent),
          agencyNeed: fte(r.agencyNeed),
          leavers: r.leavers === null ? "" : fte(r.leavers),
          joining: r.joining === null ? "" : fte(r.joining),
        })),
        assumptions: assumptionsInWords(f),
        canManage: canCouncilWide(app, request, workforcePermissions.manage),
        notification: takeNotice(request),
      });
    },
  );

  const manage = { permission: workforcePermissions.manage, councilWide: true };

  async function renderForm(reply: FastifyReply, state: FormState) {
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/forecast/pages/assumptions.njk", {
        pageTitle: "Forecast assumptions",
        values: state.values,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
      });
  }

  app.get("/workforce/forecast/assumptions", { config: manage }, async (request, reply) => {
    const { values } = await app.workforceForecast.assumptions(request.tenantContext());
    const text = (v: number | null) => (v === null ? "" : String(v));
    return renderForm(reply, {
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)])),
      errors: {},
    });
  });

  app.post(
    "/workforce/forecast/assumptions",
    { config: { ...manage, form: assumptionsForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<AssumptionsFormData>;
      if (!result.ok) {
        return renderForm(reply, {
          values: result.values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      }
      await app.workforceForecast.saveAssumptions(request.tenantContext(), result.data);
      setNotice(request, "Forecast assumptions saved");
      return reply.redirect("/workforce/forecast", 303);
    },
  );
}
