import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../platform/auth/principal.js";
import type { FormResult, FormState } from "../../platform/forms/form.js";
import { isUuid } from "../../platform/http/request-helpers.js";
import { chooseUnit, unitItems } from "../people/unit-choice.js";

/** What the target and entry forms show: the units the viewer reaches (none when the record's unit is fixed). */
export interface UnitFormPage<E> {
  units: ReadonlyArray<{ orgUnitId: string; name: string; depth: number }>;
  scope: AccessScope;
  editing: E | null;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

/** A council-wide record changed by someone whose role reaches only some units: a clear 403. */
export function councilWideRefused(reply: FastifyReply, what: string, back: { href: string; text: string }) {
  return reply.code(403).render("performance/targets/pages/council-wide.njk", {
    pageTitle: "Only someone who reaches the whole council can change this",
    what,
    back,
  });
}

/** A posted form's fields, without its CSRF token. */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = { ...((request.body as Record<string, unknown>) ?? {}) };
  delete body._csrf;
  return body;
}

/** A form's unit chooser: the units in reach, with the council first for council-wide viewers. */
export function unitFormItems<E>(page: UnitFormPage<E>, chosen: unknown) {
  return {
    unitItems: unitItems(
      page.units,
      chosen,
      page.scope.tenant ? "The whole council" : "Select a team or service",
    ),
    wholeCouncil: page.scope.tenant,
  };
}

/**
 * A new target's or entry's form, posted with its unit (`org_unit_id`, blank: the council's):
 * null when it names a unit the viewer does not reach (the page answers 404); else the page to
 * show again with the form's errors (one added when a viewer who is not council-wide leaves the
 * unit blank: only someone who reaches the whole council `councilWide`), or the form's data.
 */
export async function readUnitForm<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  councilWide: string,
): Promise<
  | { page: UnitFormPage<never>; values: Record<string, unknown>; invalid: FormState; data?: never }
  | { page: UnitFormPage<never>; values: Record<string, unknown>; invalid?: never; data: T }
  | null
> {
  const scope = request.scope();
  const values = formBody(request);
  const given = values.org_unit_id;
  // A value that is not a unit's id is the form's to refuse; one naming a unit out of reach is a 404.
  const choice = await chooseUnit(app, request.tenantContext(), scope, isUuid(given) ? given : "", {
    fallback: "all",
  });
  if (!choice) return null;
  const page = { units: choice.rows, scope, editing: null };
  const result = request.formResult as FormResult<T>;
  const errors = result.ok ? {} : { ...result.errors };
  const errorSummary = result.ok ? [] : [...result.errorSummary];
  if ((given === undefined || given === null || given === "") && !scope.tenant && !errors.org_unit_id) {
    const text = `Select a team or service: only someone who reaches the whole council ${councilWide}`;
    errors.org_unit_id = text;
    errorSummary.unshift({ text, href: "#org_unit_id" });
  }
  if (!result.ok || errorSummary.length > 0)
    return { page, values, invalid: { values, errors, errorSummary } };
  return { page, values, data: result.data };
}

/**
 * Whether the viewer is refused changing a record of a unit (null: the council's): false when
 * they may; true when not, the reply sent (403 for a council-wide record and a viewer held on some
 * units, 404 for a unit out of reach). A boolean, never the reply: an async function's result is
 * awaited, and a reply is thenable (it settles to undefined once sent), so a returned reply reads
 * as "not refused".
 */
export async function unitRecordRefused(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  orgUnitId: string | null,
  councilWide: { what: string; back: { href: string; text: string } },
): Promise<boolean> {
  const scope = request.scope();
  if (orgUnitId === null) {
    if (scope.tenant) return false;
    councilWideRefused(reply, councilWide.what, councilWide.back);
    return true;
  }
  if (await app.people.reachesUnit(request.tenantContext(), scope, orgUnitId)) return false;
  notFound(reply);
  return true;
}
