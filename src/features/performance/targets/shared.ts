import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../../platform/auth/principal.js";
import { isUuid } from "../../../platform/http/request-helpers.js";
import { type MeasureKey, measureDefinitions } from "../library/definitions.js";

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

export interface UnitOption {
  orgUnitId: string;
  name: string;
  depth: number;
}

/** The units the viewer reaches today, in tree order. */
export async function unitsInReach(app: FastifyInstance, request: FastifyRequest, scope: AccessScope) {
  const tree = await app.people.orgTree(request.tenantContext(), scope);
  return tree.rows.map((r): UnitOption => ({ orgUnitId: r.orgUnitId, name: r.name, depth: r.depth }));
}

/**
 * Reads a unit from a query or form value: `null` for none (the council), the unit when the
 * viewer reaches it, `false` when it names anything else (the page answers 404).
 */
export function chosenUnit(units: readonly UnitOption[], value: unknown): UnitOption | null | false {
  if (value === undefined || value === null || value === "") return null;
  if (!isUuid(value)) return false;
  return units.find((u) => u.orgUnitId === value) ?? false;
}

/** A select's items: the units in reach, indented, with a first item for none. */
export function unitItems(units: readonly UnitOption[], chosen: unknown, none: string) {
  return [
    { value: "", text: none },
    ...units.map((u) => ({
      value: u.orgUnitId,
      text: `${"\u00a0\u00a0".repeat(u.depth)}${u.name}`,
      selected: u.orgUnitId === chosen,
    })),
  ];
}

/** A measure's figure as the library formats it: "80%", "16", "4". */
export function figure(key: MeasureKey | string, value: number | null): string {
  if (value === null) return "";
  const text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return measureDefinitions[key as MeasureKey]?.format === "percent" ? `${text}%` : text;
}
