import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ExportColumn, exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { isMeasureKey, measureDefinitions } from "../../library/definitions.js";
import { performancePermissions } from "../../permissions.js";
import type { ActionLine, PlanSummary } from "../plans.service.js";
import { type PlanFormData, planForm, statusNames, statusTagClass } from "./schema.js";
import {
  failedState,
  isUuid,
  manageConfig,
  mayManage,
  notFound,
  type PageOptions,
  statusCode,
} from "./shared.js";

const view = { permission: performancePermissions.view };

/** An outcome's measures as the plan page links them. */
export function measureLinks(keys: readonly string[]) {
  return keys.filter(isMeasureKey).map((key) => ({
    key,
    title: measureDefinitions[key].title,
    href: `/performance/measures/${key}`,
  }));
}

/** An action's line for a table: its status tag and whether it is overdue. */
export function actionRow(line: ActionLine) {
  return {
    ...line,
    href: `/performance/plans/actions/${line.action.id}`,
    statusText: statusNames[line.action.status],
    statusClass: statusTagClass[line.action.status],
  };
}

type ExportRow = { outcome: PlanSummary["outcomes"][number]["outcome"]; line: ActionLine };

const exportColumns: ExportColumn<ExportRow>[] = [
  { header: "Outcome number", value: (r) => r.outcome.number },
  { header: "Outcome", value: (r) => r.outcome.title },
  { header: "Action", value: (r) => r.line.action.title },
  { header: "Owner", value: (r) => r.line.ownerName },
  { header: "Due date", value: (r) => r.line.action.due_on },
  { header: "Status", value: (r) => statusNames[r.line.action.status] },
  { header: "Overdue", value: (r) => (r.line.overdue ? "Yes" : "No") },
  { header: "Completed on", value: (r) => r.line.action.completed_on },
  { header: "Latest update", value: (r) => r.line.lastUpdate?.body },
  { header: "Latest update date", value: (r) => r.line.lastUpdate?.written_at.toISOString().slice(0, 10) },
  { header: "Evidence", value: (r) => r.line.lastUpdate?.evidence },
];

/** `/performance/plans`, `/performance/plans/new` and `/performance/plans/:planId` (with its export). */
export async function planRoutes(app: FastifyInstance, { plans }: PageOptions) {
  app.get("/performance/plans", { config: view }, async (request, reply) => {
    const rows = await plans.list(request.tenantContext());
    return reply.render("performance/plans/pages/list.njk", {
      pageTitle: "Action plans",
      rows: rows.map((r) => ({ ...r, href: `/performance/plans/${r.id}` })),
      manage: mayManage(app, request),
      notification: takeNotice(request),
    });
  });

  const renderNew = (reply: FastifyReply, state: FormState) =>
    reply.code(statusCode(state)).render("performance/plans/pages/new-plan.njk", {
      pageTitle: "New action plan",
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });

  app.get("/performance/plans/new", { config: manageConfig }, (_request, reply) =>
    renderNew(reply, { values: dateInputValues("starts_on", plans.today()), errors: {} }),
  );

  app.post(
    "/performance/plans/new",
    { config: { ...manageConfig, form: planForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<PlanFormData>;
      const failed = failedState(request, result);
      if (failed || !result.ok) return renderNew(reply, failed ?? { values: {}, errors: {} });
      const planId = await plans.create(request.tenantContext(), result.data);
      setNotice(request, "Action plan added");
      return reply.redirect(`/performance/plans/${planId}`, 303);
    },
  );

  app.get<{ Params: { planId: string }; Querystring: Record<string, unknown> }>(
    "/performance/plans/:planId",
    { config: view },
    async (request, reply) => {
      const { planId } = request.params;
      if (!isUuid(planId)) return notFound(reply);
      const summary = await plans.summary(request.tenantContext(), planId);
      if (!summary) return notFound(reply);
      const format = exportFormat(request.query.format);
      if (format) {
        const rows = summary.outcomes.flatMap((o) => o.actions.map((line) => ({ outcome: o.outcome, line })));
        return sendExport(reply, format, `action-plan-${summary.plan.starts_on}`, exportColumns, rows);
      }
      return renderPlan(app, request, reply, summary);
    },
  );
}

function renderPlan(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  summary: PlanSummary,
) {
  return reply.render("performance/plans/pages/plan.njk", {
    pageTitle: summary.plan.title,
    plan: summary.plan,
    counts: summary.counts,
    asAt: summary.asAt,
    outcomes: summary.outcomes.map((o) => ({
      ...o.outcome,
      measures: measureLinks(o.outcome.measure_keys),
      editHref: `/performance/plans/outcomes/${o.outcome.id}/edit`,
      newActionHref: `/performance/plans/outcomes/${o.outcome.id}/actions/new`,
      actions: o.actions.map(actionRow),
    })),
    overdue: summary.outcomes.flatMap((o) => o.actions.filter((a) => a.overdue).map(actionRow)),
    manage: mayManage(app, request),
    exportBase: `/performance/plans/${summary.plan.id}?`,
    notification: takeNotice(request),
  });
}
