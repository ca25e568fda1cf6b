import type { FastifyReply } from "fastify";
import { z } from "zod";

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

/** A text field that reads a missing field as empty. */
export const text = z.preprocess(
  (v) => (v === undefined || v === null ? "" : Array.isArray(v) ? String(v[0] ?? "") : v),
  z.string().trim(),
);

export const enrolmentHref = (enrolmentId: string) => `/early-career/enrolments/${enrolmentId}`;
export const protectionHref = (enrolmentId: string) => `/early-career/enrolments/${enrolmentId}/protection`;

/** A bar of a chart: its words (read by everyone), its length as a share of the longest, its colour. */
export interface Bar {
  label: string;
  percent: number;
  colour: string;
}
