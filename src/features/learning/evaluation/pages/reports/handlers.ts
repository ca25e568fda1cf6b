import type { FastifyInstance, FastifyRequest } from "fastify";
import { addDays, type IsoDate } from "../../../../../platform/dates.js";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { ErrorSummaryItem } from "../../../../../platform/forms/form.js";
import { queryString } from "../../../../../platform/http/query-string.js";
import { dateFromQuery, dateInputValues } from "../../../../people/pages/date-input.js";
import { learningPermissions } from "../../../permissions.js";
import { type Tier, tierNames } from "../../../reference.js";
import type { EvaluationService } from "../../evaluation.service.js";
import { type Grouping, groupings, type ReportRow } from "../../report.js";
import { suppressedText } from "../../words.js";
import { dateText } from "../shared.js";

const groupingNames: Record<Grouping, string> = { course: "Course", trainer: "Trainer", tier: "Tier" };

export interface Period {
  from: IsoDate;
  to: IsoDate;
  values: Record<string, string>;
  errors: Record<string, string>;
  errorSummary: ErrorSummaryItem[];
  /** True when a date came from the three fields: the page redirects to `from=` and `to=`. */
  fromParts: boolean;
}

/** The period of a report page: `from` and `to` (dates or date inputs); the last 12 months when absent. */
export function readPeriod(query: Record<string, unknown>, today: IsoDate): Period {
  const period: Period = {
    from: addDays(today, -365),
    to: today,
    values: {},
    errors: {},
    errorSummary: [],
    fromParts: false,
  };
  for (const [name, label] of [
    ["from", "Start of the period"],
    ["to", "End of the period"],
  ] as const) {
    const result = dateFromQuery(query, name, { label, enter: `Enter the ${label.toLowerCase()}` });
    if (!result.given) continue;
    if (!result.ok) {
      period.errors[result.field] = result.message;
      period.errorSummary.push({ text: result.message, href: `#${result.field}` });
      continue;
    }
    period[name] = result.date;
    period.fromParts ||= result.fromParts;
  }
  if (period.errorSummary.length === 0 && period.from > period.to) {
    const message = "The start of the period must be on or before its end";
    period.errors["from-day"] = message;
    period.errorSummary.push({ text: message, href: "#from-day" });
    period.from = addDays(today, -365);
    period.to = today;
  }
  if (period.errorSummary.length > 0) {
    period.fromParts = false;
    period.values = Object.fromEntries(
      Object.entries(query).filter(
        ([k, v]) => /^(from|to)-(day|month|year)$/.test(k) && typeof v === "string",
      ),
    ) as Record<string, string>;
  } else {
    period.values = { ...dateInputValues("from", period.from), ...dateInputValues("to", period.to) };
  }
  return period;
}

export function groupingOf(value: unknown): Grouping {
  return groupings.includes(value as Grouping) ? (value as Grouping) : "course";
}

const mean = (v: number | null) => (v === null ? suppressedText : v.toFixed(1));
const change = (v: number | null) => (v === null ? suppressedText : `${v > 0 ? "+" : ""}${v.toFixed(1)}`);
const rate = (v: number | null) => (v === null ? "" : `${v}%`);

function labelOf(by: Grouping, row: ReportRow): string {
  if (by === "tier") return tierNames[row.key as Tier] ?? row.label;
  if (by === "trainer") return row.label === "" ? "No trainer recorded" : row.label;
  return row.label;
}

/** `/learning/evaluations/reports`: the figures per course, trainer or tier, for a period; CSV and XLSX. */
export async function reportRoutes(app: FastifyInstance, opts: { evaluations: EvaluationService }) {
  const permission = learningPermissions.reportEvaluation;
  app.get(
    "/learning/evaluations/reports",
    { config: { permission } },
    async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      const today = opts.evaluations.today();
      const by = groupingOf(request.query.groupBy);
      const period = readPeriod(request.query, today);
      const params = { groupBy: by, from: period.from, to: period.to };
      if (period.fromParts) return reply.redirect(`/learning/evaluations/reports${queryString(params)}`);
      const ctx = request.tenantContext();
      const scope = request.scope(permission);
      const rows = await opts.evaluations.report(ctx, scope, by, period);
      const label = (r: ReportRow) => labelOf(by, r);

      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          `evaluation-by-${by}-${period.from}-to-${period.to}`,
          [
            { header: groupingNames[by], value: label },
            { header: "Requests", value: (r: ReportRow) => r.requests },
            { header: "Responses", value: (r) => r.responses },
            { header: "Response rate (%)", value: (r) => r.responseRate },
            { header: "Mean rating (1 to 5)", value: (r) => r.meanRating ?? suppressedText },
            { header: "Mean confidence before", value: (r) => r.meanConfidenceBefore ?? suppressedText },
            { header: "Mean confidence after", value: (r) => r.meanConfidenceAfter ?? suppressedText },
            { header: "Mean change in confidence", value: (r) => r.confidenceChange ?? suppressedText },
            { header: "Follow-up responses (learners)", value: (r) => r.learnerFollowUps },
            { header: "Mean impact (learners)", value: (r) => r.learnerImpact ?? suppressedText },
            { header: "Follow-up responses (managers)", value: (r) => r.managerFollowUps },
            { header: "Mean impact (managers)", value: (r) => r.managerImpact ?? suppressedText },
          ],
          rows,
        );
      }

      const tiers = by === "tier" ? rows : await opts.evaluations.report(ctx, scope, "tier", period);
      const periodQuery = queryString({ from: period.from, to: period.to });
      return reply.render("learning/evaluation/pages/reports/view.njk", {
        pageTitle: "Evaluation of learning",
        errorSummary: period.errorSummary,
        periodText: `${dateText(period.from)} to ${dateText(period.to)}`,
        values: period.values,
        errors: period.errors,
        groupingItems: groupings.map((g) => ({ value: g, text: groupingNames[g], selected: g === by })),
        groupingName: groupingNames[by],
        head: [
          groupingNames[by],
          "Requests",
          "Responses",
          "Response rate",
          "Mean rating",
          "Confidence before",
          "Confidence after",
          "Change in confidence",
          "Follow-ups (learners)",
          "Impact (learners)",
          "Follow-ups (managers)",
          "Impact (managers)",
        ],
        rows: rows.map((r) => ({
          label: label(r),
          href: by === "course" ? `/learning/evaluations/reports/courses/${r.key}${periodQuery}` : null,
          cells: [
            String(r.requests),
            String(r.responses),
            rate(r.responseRate),
            mean(r.meanRating),
            mean(r.meanConfidenceBefore),
            mean(r.meanConfidenceAfter),
            change(r.confidenceChange),
            String(r.learnerFollowUps),
            mean(r.learnerImpact),
            String(r.managerFollowUps),
            mean(r.managerImpact),
          ],
        })),
        chart: tiers.map((r) => ({
          label: labelOf("tier", r),
          value: mean(r.meanRating),
          percent: r.meanRating === null ? 0 : Math.round((r.meanRating / 5) * 1000) / 10,
          responses: r.responses,
        })),
        exportBase: `/learning/evaluations/reports${queryString(params)}&`,
      });
    },
  );
}
