import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormState } from "../../../../platform/forms/form.js";
import type { RuleError } from "../../../../platform/forms/rule-error.js";
import { type EnrolmentRelation, type ReachedEnrolment, reachEnrolment } from "../../enrolment-access.js";
import {
  ruleErrorState as baseRuleErrorState,
  enrolmentHref,
  forbidden,
  notFound,
} from "../../pages-shared.js";
import type { EarlyCareerPortfolioService, Portfolio } from "../portfolio.service.js";

export interface PageOptions {
  portfolio: EarlyCareerPortfolioService;
}

export { dateText, enrolmentHref, forbidden, notFound } from "../../pages-shared.js";
export { checkboxList, text, yes } from "./shared-form.js";

export type EnrolmentParams = { enrolmentId: string };
export type EvidenceParams = { enrolmentId: string; evidenceId: string };

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

/** What a page may go on with, or the answer already made (404, 403). */
export type Allowed<T> = ({ ok: true } & T) | { ok: false; reply: FastifyReply };

/** The enrolment in the URL if the viewer reaches it (else 404) and `allow` passes their relation (else 403). */
export async function reachedAllowed(
  app: FastifyInstance,
  request: FastifyRequest<{ Params: EnrolmentParams }>,
  reply: FastifyReply,
  allow: (relation: EnrolmentRelation) => boolean,
): Promise<Allowed<{ enrolment: ReachedEnrolment; relation: EnrolmentRelation }>> {
  const found = await reached(app, request);
  if (!found) return { ok: false, reply: notFound(reply) };
  if (!allow(found.relation)) return { ok: false, reply: forbidden(reply) };
  return { ok: true, ...found };
}

/** Like reachedAllowed, with the enrolment's portfolio (404 if there is none). */
export async function reachedPortfolio(
  app: FastifyInstance,
  service: EarlyCareerPortfolioService,
  request: FastifyRequest<{ Params: EnrolmentParams }>,
  reply: FastifyReply,
  allow: (relation: EnrolmentRelation) => boolean,
): Promise<Allowed<{ enrolment: ReachedEnrolment; relation: EnrolmentRelation; portfolio: Portfolio }>> {
  const found = await reachedAllowed(app, request, reply, allow);
  if (!found.ok) return found;
  const portfolio = await service.portfolio(request.tenantContext(), found.enrolment.id);
  if (!portfolio) return { ok: false, reply: notFound(reply) };
  return { ...found, portfolio };
}

/** Who the viewer is, to tell their own evidence items. */
export function viewerOf(request: FastifyRequest) {
  return { personId: request.principal?.personId ?? null, actorId: request.tenantContext().actor.id };
}

/** An error from the service shown like a validation error, with what was typed. */
export function ruleErrorState(err: RuleError, body: unknown): FormState {
  return baseRuleErrorState(err, body, ["file"]);
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
