import type { FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import type { IsoDate } from "../../../../platform/dates.js";
import { queryString } from "../../../../platform/http/query-string.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { readAsAt } from "../../../people/pages/shared.js";
import { supervisionPermissions } from "../../permissions.js";
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

/** What a report page (dashboard, overdue, span of control) reads before its own work. */
export interface ReportStart {
  scope: AccessScope;
  query: Query;
  asAt: ReturnType<typeof readAsAt>;
  /** `?unit=` as typed ("" when absent). */
  unitParam: string;
  ctx: TenantContext;
}

/**
 * The start the report pages at `path` share: the viewer's scope (403 unless they reach others),
 * the as-at date and the unit filter; a date typed in parts redirects to `path?unit=&asAt=`.
 * `answered` is the reply already sent (403 or the redirect).
 */
export function startReport(
  request: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
  path: string,
  today: IsoDate,
): { answered: FastifyReply } | ({ answered?: undefined } & ReportStart) {
  const scope = request.scope(supervisionPermissions.view);
  if (!reachesOthers(scope)) return { answered: forbidden(reply) };
  const query = request.query;
  const asAt = readAsAt(query, today);
  const unitParam = typeof query.unit === "string" ? query.unit : "";
  if (asAt.fromParts && asAt.errorSummary.length === 0) {
    return { answered: reply.redirect(`${path}${queryString({ unit: unitParam, asAt: asAt.param })}`) };
  }
  return { scope, query, asAt, unitParam, ctx: request.tenantContext() };
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
