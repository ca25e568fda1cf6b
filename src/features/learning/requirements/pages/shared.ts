import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { dateInLondon, type IsoDate } from "../../../../platform/dates.js";
import { type RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { type ContractType, contractTypeNames } from "../../../people/reference/domain.js";
import type { RequirementVersionRules } from "../requirements.service.js";

export { can, isUuid } from "../../../../platform/http/request-helpers.js";

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export const personKindNames: Record<string, string> = {
  staff: "Staff",
  foster_carer: "Foster carers",
  partner_learner: "Partner organisations' learners",
};

export const carerApprovalTypeNames: Record<string, string> = {
  mainstream: "Mainstream",
  connected_person: "Connected person (kinship)",
  short_breaks: "Short breaks",
};

export const contractTypeName = (c: string) => contractTypeNames[c as ContractType] ?? c;

/** Names for the audience's ids: job roles, career levels (by code) and units. */
export interface AudienceNames {
  jobRoles: Map<string, string>;
  careerLevels: Map<string, string>;
  units: Map<string, string>;
}

export async function audienceNames(app: FastifyInstance, request: FastifyRequest): Promise<AudienceNames> {
  const lookups = await app.people.lookups(request.tenantContext());
  return {
    jobRoles: new Map(lookups.jobRoles.map((r) => [r.id, r.name])),
    careerLevels: new Map(lookups.careerLevels.map((c) => [c.code, c.name])),
    units: new Map(lookups.units.map((u) => [u.orgUnitId, u.name])),
  };
}

const list = (values: string[], name: (v: string) => string) => values.map(name).join(", ");

/** Who a version applies to, in words, one phrase a rule ("Everyone" when nothing narrows it). */
export function audienceText(v: RequirementVersionRules, names: AudienceNames): string[] {
  const out: string[] = [];
  if (v.personKinds.length) out.push(list(v.personKinds, (k) => personKindNames[k] ?? k));
  if (v.jobRoleIds.length)
    out.push(
      `Job roles: ${list(v.jobRoleIds, (id) => names.jobRoles.get(id) ?? "a job role no longer used")}`,
    );
  if (v.careerLevels.length)
    out.push(`Career levels: ${list(v.careerLevels, (c) => names.careerLevels.get(c) ?? c)}`);
  if (v.orgUnitIds.length)
    out.push(`In ${list(v.orgUnitIds, (id) => names.units.get(id) ?? "a former team")} and the teams below`);
  if (v.contractTypes.length) out.push(`Contracts: ${list(v.contractTypes, contractTypeName)}`);
  if (v.carerApprovalTypes.length)
    out.push(
      `Foster carers approved as: ${list(v.carerApprovalTypes, (t) => carerApprovalTypeNames[t] ?? t)}`,
    );
  return out.length ? out : ["Everyone"];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function dueText(v: RequirementVersionRules): string {
  const staff =
    v.dueWithinDays === 0 ? "By their start date" : `${plural(v.dueWithinDays, "day", "days")} from starting`;
  return v.carersFromApproval
    ? `${staff}; foster carers: 12 months from approval (18 for connected persons)`
    : staff;
}

export function renewalText(v: RequirementVersionRules): string {
  return v.renewEveryMonths === null ? "Once only" : `Every ${plural(v.renewEveryMonths, "month", "months")}`;
}

export function graceText(v: RequirementVersionRules): string {
  return v.graceDays === 0 ? "None" : plural(v.graceDays, "day", "days");
}

export function dueSoonText(v: RequirementVersionRules): string {
  return v.dueSoonDays === 0 ? "On the due date" : `${plural(v.dueSoonDays, "day", "days")} before`;
}

/** A RuleError shown like a validation error, against the field it names. */
export function ruleErrorFor(err: RuleError, body: unknown) {
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { values, ...ruleErrorView(err) };
}

/** A text field that reads a missing field as empty. */
export const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim());

export const optionalText = (max: number, label: string) =>
  text.pipe(
    z
      .string()
      .max(max, `${label} must be ${max} characters or fewer`)
      .transform((v) => v || null),
  );

export const requiredText = (max: number, enter: string, label: string) =>
  text.pipe(z.string().min(1, enter).max(max, `${label} must be ${max} characters or fewer`));

/** Checkboxes: none, one (a string) or several (an array) values, as a list. */
export const checkboxList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""));

/** A whole number typed in a box; blank is `blank` (null, or a message to enter one). */
export function wholeNumber(label: string, min: number, max: number, blank: { enter: string } | null) {
  return text.transform((v, ctx): number | null => {
    if (v === "") {
      if (blank === null) return null;
      ctx.addIssue({ code: "custom", message: blank.enter });
      return z.NEVER;
    }
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `${label} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

/** "yes" from a single checkbox. */
export const yes = z
  .unknown()
  .optional()
  .transform((v) => v === "yes" || (Array.isArray(v) && v.includes("yes")));

/** Checkbox items with ids: the first is `name` (where the error summary links), then name-2... */
export function checkboxItems<O extends { value: string; text: string }>(
  name: string,
  options: O[],
  chosen: unknown,
  offset = 0,
) {
  const set = new Set((Array.isArray(chosen) ? chosen : [chosen]).map((v) => String(v ?? "")));
  return options.map((o, i) => ({
    ...o,
    id: i + offset === 0 ? name : `${name}-${i + offset + 1}`,
    checked: set.has(o.value),
  }));
}

export const isoToday = (app: FastifyInstance): IsoDate => dateInLondon(app.platform.clock.now());
