import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormState } from "../../../../platform/forms/form.js";
import { type RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../platform/views/render.js";
import { type EnrolmentRelation, type ReachedEnrolment, reachEnrolment } from "../../enrolment-access.js";
import type { EarlyCareerPortfolioService } from "../portfolio.service.js";

export interface PageOptions {
  portfolio: EarlyCareerPortfolioService;
}

export { checkboxList, text, yes } from "./shared-form.js";

export type EnrolmentParams = { enrolmentId: string };
export type EvidenceParams = { enrolmentId: string; evidenceId: string };

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

/** The viewer sees the enrolment but may not do this. */
export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

export const enrolmentHref = (enrolmentId: string) => `/early-career/enrolments/${enrolmentId}`;
export const portfolioHref = (enrolmentId: string) => `${enrolmentHref(enrolmentId)}/portfolio`;
export const evidenceHref = (enrolmentId: string, evidenceId: string) =>
  `${portfolioHref(enrolmentId)}/evidence/${evidenceId}`;

/** The enrolment in the URL with the viewer's relation to it, or null (answer 404). */
export async function reached(
  app: FastifyInstance,
  request: FastifyRequest<{ Params: EnrolmentParams }>,
): Promise<{ enrolment: ReachedEnrolment; relation: EnrolmentRelation } | null> {
  return (await reachEnrolment(app, request, request.params.enrolmentId)) ?? null;
}

/** Who the viewer is, to tell their own evidence items. */
export function viewerOf(request: FastifyRequest) {
  return { personId: request.principal?.personId ?? null, actorId: request.tenantContext().actor.id };
}

/** An error from the service shown like a validation error, with what was typed. */
export function ruleErrorState(err: RuleError, body: unknown): FormState {
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  delete values.file;
  return { values, ...ruleErrorView(err) };
}

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)}MB`;
}

/** A file name for the Content-Disposition header: ASCII fallback and the UTF-8 name. */
export function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
