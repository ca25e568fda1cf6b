import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate, isIsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { contractTypes, fosterApprovalTypes, personKinds } from "../../people/reference/domain.js";
import { type RequirementVersion, versionInForce } from "../compliance/status.js";
import type { RequirementVersionRow } from "../schema.js";
import * as repo from "./requirements.repository.js";

/** The rules of one version of a requirement, as a form gives them. Empty audience lists = anyone. */
export interface RequirementRules {
  /** The first day these rules are in force. */
  validFrom: IsoDate;
  /** Any one of these courses meets the requirement. */
  courseIds: string[];
  personKinds: string[];
  jobRoleIds: string[];
  /** Career level codes, as assignments hold them. */
  careerLevels: string[];
  /** Units whose subtrees it covers. */
  orgUnitIds: string[];
  contractTypes: string[];
  carerApprovalTypes: string[];
  dueWithinDays: number;
  /** Foster carers: from the household's approval, 12 months (18 connected persons); dueWithinDays is for others. */
  carersFromApproval: boolean;
  /** Null: once only. */
  renewEveryMonths: number | null;
  graceDays: number;
  dueSoonDays: number;
  /** Everyone gets a fresh due date from validFrom. */
  restartsClock: boolean;
}

export interface RequirementInput {
  code: string;
  title: string;
  description: string | null;
  rules: RequirementRules;
}

/** A stored version: the compliance rules' RequirementVersion plus who it applies to. */
export interface RequirementVersionRules extends RequirementVersion {
  id: string;
  personKinds: string[];
  jobRoleIds: string[];
  careerLevels: string[];
  orgUnitIds: string[];
  contractTypes: string[];
  carerApprovalTypes: string[];
  carersFromApproval: boolean;
  restartsClock: boolean;
  createdBy: string;
  createdAt: Date;
}

export function toVersion(row: RequirementVersionRow): RequirementVersionRules {
  return {
    id: row.id,
    requirementId: row.requirement_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    courseIds: row.course_ids,
    dueWithinDays: row.due_within_days,
    renewEveryMonths: row.renew_every_months,
    graceDays: row.grace_days,
    dueSoonDays: row.due_soon_days,
    restartsClock: row.restarts_clock,
    personKinds: row.person_kinds,
    jobRoleIds: row.job_role_ids,
    careerLevels: row.career_levels,
    orgUnitIds: row.org_unit_ids,
    contractTypes: row.contract_types,
    carerApprovalTypes: row.carer_approval_types,
    carersFromApproval: row.carers_from_approval,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Every version of the given requirements (all the council's when none given), oldest first, as
 * the compliance rules take them. For use inside another area's transaction.
 */
export async function versionsFor(
  db: TenantDb,
  requirementIds?: string[],
): Promise<RequirementVersionRules[]> {
  return (await repo.versions(db, requirementIds)).map(toVersion);
}

/** Whether a version is in force today, still to come, or over. */
export type VersionState = "in_force" | "upcoming" | "ended";

export interface CourseRef {
  id: string;
  code: string;
  title: string;
  withdrawn: boolean;
}

/**
 * Mandatory requirements: who must complete what, by when, how often. Rules are versioned by
 * date, so "compliance as at 31 March" uses the rules in force on 31 March. One transaction per
 * action.
 */
export class RequirementsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** See the function of the same name: for use inside another area's transaction. */
  versionsFor(db: TenantDb, requirementIds?: string[]): Promise<RequirementVersionRules[]> {
    return versionsFor(db, requirementIds);
  }

  /** Every requirement with the version in force today (else the next to come, else the last). */
  async list(ctx: TenantContext) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const [requirements, all] = await Promise.all([repo.listRequirements(db), versionsFor(db)]);
      const byRequirement = groupBy(all, (v) => v.requirementId);
      const shown = requirements.map((r) => {
        const versions = byRequirement.get(r.id) ?? [];
        return { requirement: r, ...shownVersion(versions, today) };
      });
      const courses = await this.#courses(
        db,
        shown.flatMap((s) => s.version?.courseIds ?? []),
      );
      return shown.map((s) => ({
        ...s,
        courses: (s.version?.courseIds ?? []).flatMap((id) => courses.get(id) ?? []),
      }));
    });
  }

  /** One requirement and its whole version history, newest first; null if there is none. */
  async get(ctx: TenantContext, id: string) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const requirement = await repo.findRequirement(db, id);
      if (!requirement) return null;
      const versions = await versionsFor(db, [id]);
      const courses = await this.#courses(
        db,
        versions.flatMap((v) => v.courseIds),
      );
      const history = versions
        .map((v) => ({
          version: v,
          state: stateOf(v, today),
          courses: v.courseIds.flatMap((c) => courses.get(c) ?? []),
        }))
        .reverse();
      return { requirement, ...shownVersion(versions, today), history };
    });
  }

  /** A new requirement with its first version. Returns its id. */
  async create(ctx: TenantContext, input: RequirementInput): Promise<string> {
    check(input.rules);
    return this.data.run(ctx, async (db) => {
      if (await repo.codeTaken(db, input.code)) {
        throw new RuleError("code", "Another requirement has this code");
      }
      await checkReferences(db, input.rules);
      const id = await repo.insertRequirement(db, {
        code: input.code,
        title: input.title,
        description: input.description,
      });
      await repo.insertVersion(db, id, columns(input.rules, ctx.actor.id));
      return id;
    });
  }

  /**
   * New rules from a date: the version before ends the day before. The new version must start
   * after the latest version's start (history before it stays as it was). The title and
   * description, which are not versioned, are changed too.
   */
  async addVersion(
    ctx: TenantContext,
    requirementId: string,
    input: { title: string; description: string | null; rules: RequirementRules },
  ): Promise<void> {
    check(input.rules);
    await this.data.run(ctx, async (db) => {
      const requirement = await repo.lockRequirement(db, requirementId);
      if (!requirement) throw new RuleError("requirement", "There is no such requirement");
      const existing = await repo.versions(db, [requirementId]);
      const latest = existing[existing.length - 1];
      if (latest && input.rules.validFrom <= latest.valid_from) {
        throw new RuleError(
          "valid_from-day",
          `The new rules must start after ${longDate(latest.valid_from)}, when the latest rules started`,
        );
      }
      await checkReferences(db, input.rules);
      await repo.closeVersionsFrom(db, requirementId, addDays(input.rules.validFrom, -1));
      await repo.insertVersion(db, requirementId, columns(input.rules, ctx.actor.id));
      await repo.updateRequirement(db, requirementId, { title: input.title, description: input.description });
    });
  }

  /** The council's courses in catalogue order, for choosing those that meet a requirement. */
  async courseChoices(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.courseChoices(db));
  }

  /** Requirement titles, for choosing one (exemptions). */
  async choices(ctx: TenantContext) {
    return this.data.run(ctx, async (db) =>
      (await repo.listRequirements(db)).map((r) => ({ id: r.id, code: r.code, title: r.title })),
    );
  }

  async #courses(db: TenantDb, ids: string[]): Promise<Map<string, CourseRef>> {
    const rows = await repo.coursesById(db, [...new Set(ids)]);
    return new Map(
      rows.map((c) => [
        c.id,
        { id: c.id, code: c.code, title: c.title, withdrawn: c.status === "withdrawn" },
      ]),
    );
  }
}

function shownVersion(
  versions: RequirementVersionRules[],
  today: IsoDate,
): { version: RequirementVersionRules | null; state: VersionState | null } {
  const current = versionInForce(versions, today) as RequirementVersionRules | null;
  if (current) return { version: current, state: "in_force" };
  const next = versions.find((v) => v.validFrom > today);
  if (next) return { version: next, state: "upcoming" };
  const last = versions[versions.length - 1];
  return last ? { version: last, state: "ended" } : { version: null, state: null };
}

export function stateOf(v: { validFrom: IsoDate; validTo: IsoDate | null }, today: IsoDate): VersionState {
  if (v.validFrom > today) return "upcoming";
  if (v.validTo !== null && v.validTo < today) return "ended";
  return "in_force";
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const longDate = (iso: IsoDate) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T00:00:00Z`));

function within(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function subsetOf(values: string[], allowed: readonly string[]): boolean {
  return values.every((v) => allowed.includes(v));
}

/** The rules the database also holds, said in the form's words. */
function check(r: RequirementRules): void {
  if (r.courseIds.length === 0) throw new RuleError("course_ids", "Select at least one course that meets it");
  if (!isIsoDate(r.validFrom)) throw new RuleError("valid_from-day", "Start date must be a real date");
  if (!subsetOf(r.personKinds, personKinds)) throw new RuleError("person_kinds", "Select who from the list");
  if (!subsetOf(r.contractTypes, contractTypes))
    throw new RuleError("contract_types", "Select contract types from the list");
  if (!subsetOf(r.carerApprovalTypes, fosterApprovalTypes))
    throw new RuleError("carer_approval_types", "Select foster carer approval types from the list");
  if (!within(r.dueWithinDays, 0, 3650))
    throw new RuleError("due_within_days", "Days to complete it must be a whole number from 0 to 3650");
  if (r.renewEveryMonths !== null && !within(r.renewEveryMonths, 1, 120))
    throw new RuleError("renew_every_months", "Renewal must be a whole number of months from 1 to 120");
  if (!within(r.graceDays, 0, 365))
    throw new RuleError("grace_days", "Grace period must be a whole number of days from 0 to 365");
  if (!within(r.dueSoonDays, 0, 365))
    throw new RuleError("due_soon_days", "Due soon must be a whole number of days from 0 to 365");
}

async function checkReferences(db: TenantDb, r: RequirementRules): Promise<void> {
  const unknown = async (ids: string[], known: (db: TenantDb, ids: string[]) => Promise<Set<string>>) => {
    const found = await known(db, [...new Set(ids)]);
    return ids.some((id) => !found.has(id));
  };
  if (await unknown(r.courseIds, repo.knownCourses))
    throw new RuleError("course_ids", "Select courses from the catalogue");
  if (await unknown(r.jobRoleIds, repo.knownJobRoles))
    throw new RuleError("job_role_ids", "Select job roles from the list");
  if (await unknown(r.orgUnitIds, repo.knownUnits))
    throw new RuleError("org_unit_ids", "Select teams and services from the list");
  if (await unknown(r.careerLevels, repo.knownCareerLevels))
    throw new RuleError("career_levels", "Select career levels from the list");
}

function columns(r: RequirementRules, actor: string): repo.VersionValues {
  const uniq = (v: string[]) => [...new Set(v)];
  return {
    valid_from: r.validFrom,
    course_ids: uniq(r.courseIds),
    person_kinds: uniq(r.personKinds),
    job_role_ids: uniq(r.jobRoleIds),
    career_levels: uniq(r.careerLevels),
    org_unit_ids: uniq(r.orgUnitIds),
    contract_types: uniq(r.contractTypes),
    carer_approval_types: uniq(r.carerApprovalTypes),
    due_within_days: r.dueWithinDays,
    carers_from_approval: r.carersFromApproval,
    renew_every_months: r.renewEveryMonths,
    grace_days: r.graceDays,
    due_soon_days: r.dueSoonDays,
    restarts_clock: r.restartsClock,
    created_by: actor,
  };
}
