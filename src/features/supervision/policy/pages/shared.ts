import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FormState } from "../../../../platform/forms/form.js";
import { type RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import { formatDate } from "../../../../platform/views/render.js";
import { supervisionPermissions } from "../../permissions.js";
import type { PolicyRule } from "../due.js";
import type { SupervisionPolicyService } from "../policy.service.js";
import { kindNames, partTimeNames } from "../reference.js";

export { can, isUuid };

export interface PageOptions {
  policy: SupervisionPolicyService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

/** A text field that reads a missing field as empty. */
export const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim());

/** Checkboxes: none, one (a string) or several (an array) values, as a list. */
export const checkboxList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""));

/** An error from the service shown like a validation error, with what was typed. */
export function ruleErrorState(err: RuleError, body: unknown): FormState {
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { values, ...ruleErrorView(err) };
}

/** "Every 4 weeks", or the early career rhythm. */
export function everyText(rule: PolicyRule): string {
  if (rule.appliesTo === "early_career") return "The rhythm of the NQSW's early career programme";
  if (rule.everyValue === null || rule.everyUnit === null) return "";
  const unit = rule.everyValue === 1 ? rule.everyUnit.slice(0, -1) : rule.everyUnit;
  return `Every ${rule.everyValue === 1 ? "" : `${rule.everyValue} `}${unit}`;
}

export function ruleLines(rule: PolicyRule) {
  return {
    every: everyText(rule),
    partTime: partTimeNames[rule.partTime],
    kinds: rule.countingKinds.map((k) => kindNames[k]).join(", "),
    minutes: rule.expectedMinutes === null ? "Not set" : `${rule.expectedMinutes} minutes`,
    from: dateText(rule.validFrom),
    to: rule.validTo ? dateText(rule.validTo) : "",
  };
}

export const agreementHref = (agreementId: string) => `/supervision/agreements/${agreementId}`;
export const personAgreementHref = (personId: string) => `/supervision/people/${personId}/agreement`;
export const ruleHref = (ruleId: string) => `/supervision/policy/rules/${ruleId}`;

/** Whether the viewer sees a person's supervision: their own, or in their `view` scope. */
export async function seesPerson(app: FastifyInstance, request: FastifyRequest, personId: string) {
  if (!request.principal) return false;
  if (request.principal.personId === personId) return true;
  return (
    can(app, request, supervisionPermissions.view) &&
    app.people.reaches(request.tenantContext(), request.scope(supervisionPermissions.view), personId)
  );
}

/**
 * Whether the viewer may record a person's agreement: never their own; a supervision.record holder
 * for the people in that scope; a supervision.manage holder for the people in theirs.
 */
export async function mayRecordFor(app: FastifyInstance, request: FastifyRequest, personId: string) {
  if (!request.principal || request.principal.personId === personId) return false;
  const ctx = request.tenantContext();
  for (const permission of [supervisionPermissions.record, supervisionPermissions.manage]) {
    if (can(app, request, permission) && (await app.people.reaches(ctx, request.scope(permission), personId)))
      return true;
  }
  return false;
}
