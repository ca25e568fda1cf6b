import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { setNotice } from "../../../../platform/http/notice.js";
import { measureDefinitions, measureKeys } from "../../library/definitions.js";
import { actionStatuses } from "../../schema.js";
import type { ActionPlan, PlanOutcome } from "../plans.service.js";
import {
  type NewActionFormData,
  newActionForm,
  type OutcomeFormData,
  outcomeForm,
  statusNames,
} from "./schema.js";
import {
  attempt,
  failedState,
  isUuid,
  manageConfig,
  notFound,
  type PageOptions,
  statusCode,
} from "./shared.js";

type PlanParams = { Params: { planId: string } };
type OutcomeParams = { Params: { outcomeId: string } };

function chosen(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
}

/** The items of the "measures" checkboxes, the chosen ones ticked. */
function measureItems(values: Record<string, unknown>) {
  const picked = new Set(chosen(values.measure_keys));
  return measureKeys.map((key) => ({
    value: key,
    text: measureDefinitions[key].title,
    checked: picked.has(key),
  }));
}

/** The items of an action's status radios. */
export function statusItems(value: unknown) {
  return actionStatuses.map((s) => ({ value: s, text: statusNames[s], checked: value === s }));
}

/** The items of the owner select: staff in the council by name. */
export function ownerItems(people: { id: string; name: string }[], value: unknown) {
  return [
    { value: "", text: "Select a person" },
    ...people.map((p) => ({ value: p.id, text: p.name, selected: p.id === value })),
  ];
}

/**
 * `/performance/plans/:planId/outcomes/new`, `/performance/plans/outcomes/:outcomeId/edit` and
 * `/performance/plans/outcomes/:outcomeId/actions/new`.
 */
export async function outcomeRoutes(app: FastifyInstance, { plans }: PageOptions) {
  const renderOutcome = (
    reply: FastifyReply,
    plan: ActionPlan,
    outcome: PlanOutcome | null,
    state: FormState,
  ) =>
    reply.code(statusCode(state)).render("performance/plans/pages/outcome-form.njk", {
      pageTitle: outcome ? `Change outcome ${outcome.number}` : "Add an outcome",
      plan,
      outcome,
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      measureItems: measureItems(state.values),
    });

  const loadPlan = async (request: FastifyRequest<PlanParams>) =>
    isUuid(request.params.planId) ? plans.get(request.tenantContext(), request.params.planId) : null;

  app.get<PlanParams>(
    "/performance/plans/:planId/outcomes/new",
    { config: manageConfig },
    async (request, reply) => {
      const plan = await loadPlan(request);
      if (!plan) return notFound(reply);
      const summary = await plans.summary(request.tenantContext(), plan.id);
      const next = Math.max(0, ...(summary?.outcomes.map((o) => o.outcome.number) ?? [])) + 1;
      return renderOutcome(reply, plan, null, { values: { number: String(next) }, errors: {} });
    },
  );

  app.post<PlanParams>(
    "/performance/plans/:planId/outcomes/new",
    { config: { ...manageConfig, form: outcomeForm } },
    async (request, reply) => {
      const plan = await loadPlan(request);
      if (!plan) return notFound(reply);
      const result = request.formResult as FormResult<OutcomeFormData>;
      const failed =
        failedState(request, result) ??
        (result.ok
          ? await attempt(request, () => plans.createOutcome(request.tenantContext(), plan.id, result.data))
          : null);
      if (failed) return renderOutcome(reply, plan, null, failed);
      setNotice(request, "Outcome added");
      return reply.redirect(`/performance/plans/${plan.id}`, 303);
    },
  );

  const loadOutcome = async (request: FastifyRequest<OutcomeParams>) =>
    isUuid(request.params.outcomeId)
      ? plans.outcome(request.tenantContext(), request.params.outcomeId)
      : null;

  app.get<OutcomeParams>(
    "/performance/plans/outcomes/:outcomeId/edit",
    { config: manageConfig },
    async (request, reply) => {
      const found = await loadOutcome(request);
      if (!found) return notFound(reply);
      const { outcome, plan } = found;
      return renderOutcome(reply, plan, outcome, {
        values: { number: String(outcome.number), title: outcome.title, measure_keys: outcome.measure_keys },
        errors: {},
      });
    },
  );

  app.post<OutcomeParams>(
    "/performance/plans/outcomes/:outcomeId/edit",
    { config: { ...manageConfig, form: outcomeForm } },
    async (request, reply) => {
      const found = await loadOutcome(request);
      if (!found) return notFound(reply);
      const result = request.formResult as FormResult<OutcomeFormData>;
      const failed =
        failedState(request, result) ??
        (result.ok
          ? await attempt(request, () =>
              plans.updateOutcome(request.tenantContext(), found.outcome.id, result.data),
            )
          : null);
      if (failed) return renderOutcome(reply, found.plan, found.outcome, failed);
      setNotice(request, `Outcome ${result.ok ? result.data.number : ""} changed`);
      return reply.redirect(`/performance/plans/${found.plan.id}`, 303);
    },
  );

  const renderAction = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { outcome: PlanOutcome; plan: ActionPlan },
    state: FormState,
  ) =>
    reply.code(statusCode(state)).render("performance/plans/pages/action-form.njk", {
      pageTitle: "Add an action",
      plan: found.plan,
      outcome: found.outcome,
      action: null,
      backHref: `/performance/plans/${found.plan.id}`,
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      ownerItems: ownerItems(await plans.ownerChoices(request.tenantContext()), state.values.owner_person_id),
      statusItems: statusItems(state.values.status),
    });

  app.get<OutcomeParams>(
    "/performance/plans/outcomes/:outcomeId/actions/new",
    { config: manageConfig },
    async (request, reply) => {
      const found = await loadOutcome(request);
      if (!found) return notFound(reply);
      return renderAction(request, reply, found, { values: { status: "not_started" }, errors: {} });
    },
  );

  app.post<OutcomeParams>(
    "/performance/plans/outcomes/:outcomeId/actions/new",
    { config: { ...manageConfig, form: newActionForm } },
    async (request, reply) => {
      const found = await loadOutcome(request);
      if (!found) return notFound(reply);
      const result = request.formResult as FormResult<NewActionFormData>;
      let actionId: string | null = null;
      const failed =
        failedState(request, result) ??
        (result.ok
          ? await attempt(request, async () => {
              actionId = await plans.createAction(request.tenantContext(), found.outcome.id, result.data);
            })
          : null);
      if (failed || !actionId)
        return renderAction(request, reply, found, failed ?? { values: {}, errors: {} });
      setNotice(request, "Action added");
      return reply.redirect(`/performance/plans/${found.plan.id}`, 303);
    },
  );
}
