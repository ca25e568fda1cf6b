import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { performancePermissions } from "../../permissions.js";
import type { PlansService } from "../plans.service.js";
import { ownerItems, statusItems } from "./outcomes.js";
import {
  type EditActionFormData,
  editActionForm,
  statusNames,
  statusTagClass,
  type UpdateFormData,
  updateForm,
} from "./schema.js";
import {
  attempt,
  failedState,
  forbidden,
  isUuid,
  manageConfig,
  mayManage,
  notFound,
  type PageOptions,
  statusCode,
} from "./shared.js";

type ActionParams = { Params: { actionId: string } };
type FoundAction = NonNullable<Awaited<ReturnType<PlansService["action"]>>>;

const view = { permission: performancePermissions.view };

/**
 * Who may add an update: anyone who may change plans, and the action's owner (with
 * performance.view, which the route already asked for) on their own action.
 */
function mayUpdate(app: FastifyInstance, request: FastifyRequest, found: FoundAction): boolean {
  const personId = request.principal?.personId ?? null;
  return mayManage(app, request) || (personId !== null && personId === found.action.owner_person_id);
}

/**
 * `/performance/plans/actions/:actionId` (the action, its updates the latest first),
 * `/performance/plans/actions/:actionId/edit` and `/performance/plans/actions/:actionId/updates/new`.
 */
export async function actionRoutes(app: FastifyInstance, { plans }: PageOptions) {
  const load = async (request: FastifyRequest<ActionParams>) =>
    isUuid(request.params.actionId) ? plans.action(request.tenantContext(), request.params.actionId) : null;

  app.get<ActionParams>("/performance/plans/actions/:actionId", { config: view }, async (request, reply) => {
    const found = await load(request);
    if (!found) return notFound(reply);
    const { action } = found;
    return reply.render("performance/plans/pages/action.njk", {
      pageTitle: action.title,
      ...found,
      statusText: statusNames[action.status],
      statusClass: statusTagClass[action.status],
      updates: found.updates.map((u) => ({
        ...u,
        statusText: statusNames[u.status],
        statusClass: statusTagClass[u.status],
        evidenceIsLink: u.evidence !== null && /^https?:\/\/\S+$/.test(u.evidence),
      })),
      manage: mayManage(app, request),
      mayUpdate: mayUpdate(app, request, found),
      notification: takeNotice(request),
    });
  });

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: FoundAction,
    state: FormState,
  ) =>
    reply.code(statusCode(state)).render("performance/plans/pages/action-form.njk", {
      pageTitle: "Change an action",
      plan: found.plan,
      outcome: found.outcome,
      action: found.action,
      backHref: `/performance/plans/actions/${found.action.id}`,
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      ownerItems: ownerItems(
        await plans.ownerChoices(request.tenantContext(), found.action.owner_person_id),
        state.values.owner_person_id,
      ),
      statusItems: null,
    });

  app.get<ActionParams>(
    "/performance/plans/actions/:actionId/edit",
    { config: manageConfig },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      const { action } = found;
      return renderEdit(request, reply, found, {
        values: {
          title: action.title,
          owner_person_id: action.owner_person_id ?? "",
          ...dateInputValues("due_on", action.due_on),
        },
        errors: {},
      });
    },
  );

  app.post<ActionParams>(
    "/performance/plans/actions/:actionId/edit",
    { config: { ...manageConfig, form: editActionForm } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      const result = request.formResult as FormResult<EditActionFormData>;
      const failed =
        failedState(request, result) ??
        (result.ok
          ? await attempt(request, () =>
              plans.updateAction(request.tenantContext(), found.action.id, result.data),
            )
          : null);
      if (failed) return renderEdit(request, reply, found, failed);
      setNotice(request, "Action changed");
      return reply.redirect(`/performance/plans/actions/${found.action.id}`, 303);
    },
  );

  const renderUpdate = (reply: FastifyReply, found: FoundAction, state: FormState) =>
    reply.code(statusCode(state)).render("performance/plans/pages/update-new.njk", {
      pageTitle: "Add an update",
      action: found.action,
      plan: found.plan,
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      statusItems: statusItems(state.values.status),
    });

  app.get<ActionParams>(
    "/performance/plans/actions/:actionId/updates/new",
    { config: view },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      if (!mayUpdate(app, request, found)) return forbidden(reply);
      return renderUpdate(reply, found, { values: { status: found.action.status }, errors: {} });
    },
  );

  app.post<ActionParams>(
    "/performance/plans/actions/:actionId/updates/new",
    { config: { ...view, form: updateForm } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      if (!mayUpdate(app, request, found)) return forbidden(reply);
      const result = request.formResult as FormResult<UpdateFormData>;
      const failed = failedState(request, result);
      if (failed || !result.ok) return renderUpdate(reply, found, failed ?? { values: {}, errors: {} });
      await plans.addUpdate(request.tenantContext(), found.action.id, result.data);
      setNotice(request, `Update added: the action is ${statusNames[result.data.status].toLowerCase()}`);
      return reply.redirect(`/performance/plans/actions/${found.action.id}`, 303);
    },
  );
}
