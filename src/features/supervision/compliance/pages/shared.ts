import type { FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import type { IsoDate } from "../../../../platform/dates.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import type { PolicyRule } from "../../policy/due.js";
import type { ComplianceStatus } from "../../schema.js";
import { subtree, type UnitInfo } from "../compliance.service.js";

export { pageNumber, paginationItems } from "../../../../platform/http/pagination.js";
export { queryString } from "../../../../platform/http/query-string.js";
export { can, isUuid } from "../../../../platform/http/request-helpers.js";
export { readAsAt } from "../../../people/pages/shared.js";

export type Query = Record<string, unknown>;

export const PAGE_SIZE = 50;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

/** Lists of other people's supervision are for those who reach more than their own record. */
export function reachesOthers(scope: AccessScope): boolean {
  return scope.tenant || scope.reportsOf !== null || scope.unitIds.length > 0;
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export const statusNames: Record<ComplianceStatus, string> = {
  in_date: "In date",
  due: "Due soon",
  overdue: "Overdue",
};

const statusClasses: Record<ComplianceStatus, string> = {
  in_date: "govuk-tag--green",
  due: "govuk-tag--yellow",
  overdue: "govuk-tag--red",
};

/** A status as a GOV.UK tag (the word, never the colour alone). */
export function statusTag(status: ComplianceStatus | null) {
  return status ? { text: statusNames[status], classes: statusClasses[status] } : null;
}

/** How often a rule asks for supervision, in words. */
export function ruleText(rule: PolicyRule | null): string {
  if (!rule) return "No supervision expected";
  const often =
    rule.appliesTo === "early_career" || rule.everyValue === null || rule.everyUnit === null
      ? "The early career programme's rhythm"
      : rule.everyValue === 1
        ? `Every ${rule.everyUnit === "weeks" ? "week" : "month"}`
        : `Every ${rule.everyValue} ${rule.everyUnit}`;
  return rule.partTime === "pro_rata" ? `${often} (pro rata for part-time)` : often;
}

/** The team filter (`?unit=`) among the units the viewer reaches: null when it names another. */
export function readUnit(
  value: unknown,
  visible: readonly UnitInfo[],
  all: readonly UnitInfo[],
): { unitId: string | null; unitIds: string[] | null } | null {
  const unitId = typeof value === "string" && value !== "" ? value : null;
  if (!unitId) return { unitId: null, unitIds: null };
  if (!isUuid(unitId) || !visible.some((u) => u.orgUnitId === unitId)) return null;
  return { unitId, unitIds: subtree(all, unitId) };
}

/** The unit filter's choices as GOV.UK select items. */
export function unitItems(visible: readonly UnitInfo[], unitId: string | null, allText: string) {
  const top = Math.min(...visible.map((u) => u.depth));
  return [
    { value: "", text: allText, selected: !unitId },
    ...visible.map((u) => ({
      value: u.orgUnitId,
      text: `${"– ".repeat(u.depth - top)}${u.name}`,
      selected: u.orgUnitId === unitId,
    })),
  ];
}

/** Team names of a person's units. */
export function teamNames(unitIds: readonly string[], names: ReadonlyMap<string, string>): string {
  return unitIds
    .map((id) => names.get(id))
    .filter((n): n is string => Boolean(n))
    .join(", ");
}

export function viewerPersonId(request: FastifyRequest): string | null {
  return request.principal?.personId ?? null;
}

export type { IsoDate };
