import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { canCouncilWide } from "../../../../platform/http/request-helpers.js";
import { performancePermissions } from "../../permissions.js";
import type { PlansService } from "../plans.service.js";

export { isUuid } from "../../../../platform/http/request-helpers.js";

export interface PageOptions {
  plans: PlansService;
}

/** Changes to plans need performance.manage held for the whole council (plans are the council's). */
export const manageConfig = { permission: performancePermissions.manage, councilWide: true } as const;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

/** Whether the signed-in user may change plans (show the links to the forms). */
export function mayManage(app: FastifyInstance, request: FastifyRequest): boolean {
  return canCouncilWide(app, request, performancePermissions.manage);
}

/** What the user typed, without the CSRF token, to put back in the fields. */
export function submitted(request: FastifyRequest): Record<string, unknown> {
  const values = { ...((request.body as Record<string, unknown>) ?? {}) };
  delete values._csrf;
  return values;
}

/** The state to re-render a form with after a failed validation. */
export function failedState<T>(request: FastifyRequest, result: FormResult<T>): FormState | null {
  if (result.ok) return null;
  return { values: submitted(request), errors: result.errors, errorSummary: result.errorSummary };
}

/**
 * Runs a change; a RuleError the service raised comes back as the form's state (shown like a
 * validation error), anything else is thrown.
 */
export async function attempt(
  request: FastifyRequest,
  change: () => Promise<unknown>,
): Promise<FormState | null> {
  try {
    await change();
    return null;
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
    return { values: submitted(request), ...ruleErrorView(err) };
  }
}

export function statusCode(state: FormState): number {
  return state.errorSummary?.length ? 400 : 200;
}
