import type { FastifyReply } from "fastify";
import { z } from "zod";
import { workforcePermissions } from "../../permissions.js";
import type { CensusService } from "../census.service.js";

export const permission = workforcePermissions.manage;

export interface CensusPageOptions {
  census: CensusService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

/** `:year` as a census year from 2000 to the year after the current one; null answers 404. */
export function censusYearParam(value: string, currentYear: number): number | null {
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2000 && year <= currentYear + 1 ? year : null;
}

/**
 * Forms whose fields are checked in the handler (the person's census details, against the year's
 * code lists) or that have none (making the return): the platform needs a schema on every POST.
 */
export const handlerCheckedForm = z.looseObject({});
