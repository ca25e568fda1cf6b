export { pageNumber } from "../../../../platform/http/pagination.js";

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Permission } from "../../../../platform/auth/principal.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { pcfDomains } from "../../reference.js";
import type { NeedRow } from "../needs.repository.js";
import type { NeedsService } from "../needs.service.js";
import {
  type NeedSource,
  planYearName,
  priorityNames,
  sourceNames,
  statusColours,
  statusNames,
  themeName,
} from "../reference.js";

export { can, isUuid } from "../../../../platform/http/request-helpers.js";

export interface PageOptions {
  needs: NeedsService;
}

export const needsHome = "/learning/needs";
export const personHref = (personId: string) => `${needsHome}/people/${personId}`;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export type Person = NonNullable<Awaited<ReturnType<NeedsService["person"]>>>;

/**
 * The person in the URL if they are in this council and in the viewer's scope for the
 * permission; null (answer 404, as for a missing record) otherwise.
 */
export async function personInScope(
  app: FastifyInstance,
  needs: NeedsService,
  request: FastifyRequest,
  personId: string,
  permission: Permission,
): Promise<Person | null> {
  if (!isUuid(personId)) return null;
  const ctx = request.tenantContext();
  const person = await needs.person(ctx, personId);
  if (!person || person.anonymised) return null;
  if (!(await app.people.reaches(ctx, request.scope(permission), personId))) return null;
  return person;
}

/** A plan year from the query string, or the default. */
export function yearFrom(value: unknown, fallback: number): number {
  const n = typeof value === "string" && /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  return n >= 2000 && n <= 2200 ? n : fallback;
}

/** A text field that reads a missing field as empty. */
export const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim());

/** A need as the pages show it. */
export function needView(n: NeedRow) {
  return {
    id: n.id,
    year: planYearName(n.planYear),
    planYear: n.planYear,
    what: n.courseTitle ?? n.description ?? "",
    code: n.courseCode,
    theme: n.courseId ? "" : themeName(n.theme),
    pcf: n.pcfDomain ? (pcfDomains[n.pcfDomain as keyof typeof pcfDomains] ?? n.pcfDomain) : "",
    priority: priorityNames[n.priority],
    neededBy: n.neededBy,
    source: sourceNames[n.source as NeedSource],
    status: n.status,
    tag: { text: statusNames[n.status], classes: `govuk-tag--${statusColours[n.status]}` },
  };
}

/** Needs grouped by plan year, newest year first. */
export function byYear(needs: NeedRow[]) {
  const groups: Array<{ year: string; needs: ReturnType<typeof needView>[] }> = [];
  for (const n of needs) {
    const v = needView(n);
    const last = groups.at(-1);
    if (last && last.year === v.year) last.needs.push(v);
    else groups.push({ year: v.year, needs: [v] });
  }
  return groups;
}
