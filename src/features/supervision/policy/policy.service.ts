import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import type { EveryUnit, PartTimeTreatment, RuleTarget, SupervisionKind } from "../schema.js";
import * as agreements from "./agreements.repository.js";
import { type PolicyRule, ruleInForce } from "./due.js";
import * as repo from "./policy.repository.js";

export type { Agreement } from "./agreements.repository.js";
export type { SupervisionSettings } from "./policy.repository.js";

/** A person's supervision agreement as other areas see it. */
export interface AgreementSummary {
  id: string;
  supervisorPersonId: string | null;
  agreedOn: IsoDate;
  reviewOn: IsoDate | null;
  superviseeSignedOn: IsoDate | null;
  supervisorSignedOn: IsoDate | null;
}

/** A new rule as entered on the form. */
export interface RuleInput {
  appliesTo: RuleTarget;
  jobRoleId: string | null;
  careerLevel: string | null;
  everyValue: number | null;
  everyUnit: EveryUnit | null;
  partTime: PartTimeTreatment;
  countingKinds: SupervisionKind[];
  expectedMinutes: number | null;
  validFrom: IsoDate;
}

export interface AgreementInput {
  supervisorPersonId: string | null;
  agreedOn: IsoDate;
  reviewOn: IsoDate | null;
  frequencyText: string | null;
  arrangements: string | null;
}

/** A rule with the names of what it applies to, for pages. */
export interface RuleView extends PolicyRule {
  targetName: string | null;
  state: "in_force" | "ended" | "future";
}

/**
 * The supervision policy: the effective-dated rules of how often each person is supervised, the
 * council's settings (span of control, "due soon" days, in-date target) and each person's
 * supervision agreement. Other areas call `rules`, `settings` and `currentAgreement` inside their
 * own transaction.
 */
export class SupervisionPolicyService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** Every rule, any date (in force, ended or future), latest first. */
  rules(db: TenantDb): Promise<PolicyRule[]> {
    return repo.rules(db);
  }

  /** The council's settings, or the defaults (6 direct reports, 7 days, 90%) when none are saved. */
  settings(db: TenantDb): Promise<repo.SupervisionSettings> {
    return repo.settings(db);
  }

  /** The latest agreement made on or before the date, if any. */
  async currentAgreement(
    db: TenantDb,
    personId: string,
    asAt: IsoDate,
  ): Promise<AgreementSummary | undefined> {
    const a = await agreements.currentAgreement(db, personId, asAt);
    if (!a) return undefined;
    return {
      id: a.id,
      supervisorPersonId: a.supervisorPersonId,
      agreedOn: a.agreedOn,
      reviewOn: a.reviewOn,
      superviseeSignedOn: a.superviseeSignedOn,
      supervisorSignedOn: a.supervisorSignedOn,
    };
  }

  /** The policy page: every rule with what it applies to, and the settings. */
  async policy(ctx: TenantContext): Promise<{ rules: RuleView[]; settings: repo.SupervisionSettings }> {
    return this.data.run(ctx, async (db) => ({
      rules: await this.#views(db, await repo.rules(db)),
      settings: await repo.settings(db),
    }));
  }

  async rule(ctx: TenantContext, ruleId: string): Promise<RuleView | undefined> {
    return this.data.run(ctx, async (db) => {
      const r = await repo.rule(db, ruleId);
      return r ? (await this.#views(db, [r]))[0] : undefined;
    });
  }

  async #views(db: TenantDb, rules: PolicyRule[]): Promise<RuleView[]> {
    const [roles, levels] = await Promise.all([
      db.selectFrom("job_roles").select(["id", "name"]).execute(),
      db.selectFrom("career_levels").select(["code", "name"]).execute(),
    ]);
    const roleName = new Map(roles.map((r) => [r.id, r.name]));
    const levelName = new Map(levels.map((l) => [l.code, l.name]));
    const today = this.today();
    return rules.map((r) => ({
      ...r,
      targetName:
        r.appliesTo === "job_role"
          ? (roleName.get(r.jobRoleId ?? "") ?? "A former job role")
          : r.appliesTo === "career_level"
            ? (levelName.get(r.careerLevel ?? "") ?? r.careerLevel)
            : null,
      state: ruleInForce(r, today) ? "in_force" : r.validFrom > today ? "future" : "ended",
    }));
  }

  /**
   * Starts a rule. Refused when a rule for the same people is in force on any day from its start
   * (rules are never edited in place: end the old one the day before, then add the new one).
   */
  async createRule(ctx: TenantContext, input: RuleInput): Promise<string> {
    return this.data.run(ctx, async (db) => {
      if (input.appliesTo === "job_role") {
        const role = await db
          .selectFrom("job_roles")
          .select("id")
          .where("id", "=", input.jobRoleId ?? "")
          .executeTakeFirst();
        if (!role) throw new RuleError("job_role_id", "Select a job role from the list");
      }
      if (input.appliesTo === "career_level") {
        const level = await db
          .selectFrom("career_levels")
          .select("code")
          .where("code", "=", input.careerLevel ?? "")
          .executeTakeFirst();
        if (!level) throw new RuleError("career_level", "Select a career level from the list");
      }
      const clash = (await repo.rules(db)).find(
        (r) =>
          r.appliesTo === input.appliesTo &&
          r.jobRoleId === (input.appliesTo === "job_role" ? input.jobRoleId : null) &&
          r.careerLevel === (input.appliesTo === "career_level" ? input.careerLevel : null) &&
          (r.validTo === null || r.validTo >= input.validFrom),
      );
      if (clash) {
        const until = clash.validTo ? `until ${longDate(clash.validTo)}` : "with no end date";
        throw new RuleError(
          "valid_from-day",
          `A rule for the same people is in force from ${longDate(clash.validFrom)} ${until}: end it on ${longDate(
            addDays(input.validFrom, -1),
          )} first, or start this rule after it ends`,
        );
      }
      return repo.insertRule(db, {
        ...input,
        jobRoleId: input.appliesTo === "job_role" ? input.jobRoleId : null,
        careerLevel: input.appliesTo === "career_level" ? input.careerLevel : null,
        everyValue: input.appliesTo === "early_career" ? null : input.everyValue,
        everyUnit: input.appliesTo === "early_career" ? null : input.everyUnit,
        createdBy: ctx.actor.id,
      });
    });
  }

  /** Ends a rule on a date (its last day in force). An ended rule cannot be ended again. */
  async endRule(ctx: TenantContext, ruleId: string, endOn: IsoDate): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const r = await repo.rule(db, ruleId);
      if (!r) throw new RuleError("end_on-day", "That rule no longer exists");
      if (r.validTo !== null)
        throw new RuleError("end_on-day", `This rule already ended on ${longDate(r.validTo)}`);
      if (endOn < r.validFrom)
        throw new RuleError(
          "end_on-day",
          `The last day must be on or after the day the rule started, ${longDate(r.validFrom)}`,
        );
      await repo.endRule(db, ruleId, endOn);
    });
  }

  async saveSettings(ctx: TenantContext, s: repo.SupervisionSettings): Promise<void> {
    await this.data.run(ctx, (db) => repo.saveSettings(db, s));
  }

  /** A person's agreements, latest first, with their name and the form's choices. */
  async agreementsPage(ctx: TenantContext, personId: string) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const name = await agreements.personName(db, personId);
      if (name === undefined) return undefined;
      const [history, current, supervisors, lineManager] = await Promise.all([
        agreements.agreementsFor(db, personId),
        agreements.currentAgreement(db, personId, today),
        agreements.supervisorChoices(db, personId, today),
        agreements.lineManagerOf(db, personId, today),
      ]);
      // The current supervisor stays a choice even if they no longer manage anyone.
      if (
        current?.supervisorPersonId &&
        current.supervisorName &&
        !supervisors.some((s) => s.id === current.supervisorPersonId)
      )
        supervisors.push({ id: current.supervisorPersonId, name: current.supervisorName });
      return { name, history, current, supervisors, lineManager, reviewDue: reviewDue(current, today) };
    });
  }

  async agreement(ctx: TenantContext, agreementId: string) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const a = await agreements.agreement(db, agreementId);
      if (!a) return undefined;
      const current = await agreements.currentAgreement(db, a.personId, today);
      const personName = (await agreements.personName(db, a.personId)) ?? "";
      return { agreement: a, personName, current: current?.id === a.id, reviewDue: reviewDue(a, today) };
    });
  }

  /** Records a new agreement (the previous ones stay as history; signatures start empty). */
  async recordAgreement(ctx: TenantContext, personId: string, input: AgreementInput): Promise<string> {
    if (input.supervisorPersonId === personId)
      throw new RuleError("supervisor_person_id", "The supervisor must be someone other than the supervisee");
    if (input.reviewOn !== null && input.reviewOn <= input.agreedOn)
      throw new RuleError("review_on-day", "Review date must be after the date it was agreed");
    if (input.agreedOn > this.today())
      throw new RuleError("agreed_on-day", "Date agreed must be today or in the past");
    return this.data.run(ctx, async (db) => {
      if (
        input.supervisorPersonId &&
        (await agreements.personName(db, input.supervisorPersonId)) === undefined
      )
        throw new RuleError("supervisor_person_id", "Select the supervisor from the list");
      return agreements.insertAgreement(db, { ...input, personId, createdBy: ctx.actor.id });
    });
  }

  /** Signs an agreement today as the supervisee or the supervisor; false if already signed. */
  async sign(ctx: TenantContext, agreementId: string, side: "supervisee" | "supervisor"): Promise<boolean> {
    return this.data.run(ctx, async (db) => {
      const a = await agreements.agreement(db, agreementId);
      if (!a) return false;
      const signed = side === "supervisee" ? a.superviseeSignedOn : a.supervisorSignedOn;
      if (signed) return false;
      await agreements.sign(db, agreementId, side, this.today(), this.clock.now());
      return true;
    });
  }
}

function reviewDue(a: { reviewOn: IsoDate | null } | undefined, today: IsoDate): boolean {
  return a?.reviewOn != null && a.reviewOn < today;
}

/** "3 March 2027" for messages. */
export function longDate(date: IsoDate): string {
  return formatDate(date, false);
}
