import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import {
  DEFAULT_TEAM_CASELOAD_TARGET,
  type ProtectionStatus,
  type ProtectionTerms,
  protectionStatus,
} from "./protection.js";
import * as repo from "./protection.repository.js";

export type { ProtectionCheck } from "./protection.repository.js";

/** A check as entered on the protection page. */
export interface CheckInput {
  recordedOn: IsoDate;
  caseloadChildren: number | null;
  developmentTimePercent: number | null;
  notes: string | null;
}

/** A caseload read from the caseload capability (issue 8) for an enrolment on a day. */
export interface CaseloadReading {
  enrolmentId: string;
  recordedOn: IsoDate;
  caseloadChildren: number;
}

/** A caseload for a person on a day, from the caseload capability's snapshots. */
export interface PersonCaseloadReading {
  personId: string;
  recordedOn: IsoDate;
  caseloadChildren: number;
}

/**
 * The team average caseload target (children) in force on a date for each unit, or null where the
 * council has set none: the caseload capability provides it (`useTeamTargets`).
 */
export type TeamTargets = (
  db: TenantDb,
  orgUnitIds: string[],
  asAt: IsoDate,
) => Promise<Map<string, number | null>>;

/**
 * Protection of an NQSW's caseload and development time: the checks recorded against an
 * enrolment (by hand until the caseload capability exists, then also from its feed) and their
 * status against the enrolment's template version.
 */
export class ProtectionService {
  #teamTargets: TeamTargets | null = null;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** The caseload capability registers where team targets come from (it loads after this one). */
  useTeamTargets(teamTargets: TeamTargets): void {
    this.#teamTargets = teamTargets;
  }

  /**
   * The team caseload target of each enrolment's NQSW today: their team's target from the caseload
   * capability, or DEFAULT_TEAM_CASELOAD_TARGET only when the council has set none.
   */
  async teamTargetsIn(db: TenantDb, enrolmentIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(enrolmentIds.map((id) => [id, DEFAULT_TEAM_CASELOAD_TARGET]));
    if (!this.#teamTargets || enrolmentIds.length === 0) return out;
    const today = this.today();
    const teams = await repo.teamsOf(db, enrolmentIds, today);
    const targets = await this.#teamTargets(db, [...new Set(teams.values())], today);
    for (const [enrolmentId, unitId] of teams) {
      const target = targets.get(unitId);
      if (target !== null && target !== undefined) out.set(enrolmentId, target);
    }
    return out;
  }

  /** The enrolment's terms, the status of its latest readings and its checks, latest first. */
  async protection(ctx: TenantContext, enrolmentId: string) {
    return this.data.run(ctx, async (db) => {
      const terms = await repo.termsFor(db, [enrolmentId]);
      const status = await this.statusesIn(db, [enrolmentId]);
      const checks = await repo.checksFor(db, enrolmentId);
      const none: ProtectionTerms = {
        protectedCaseloadChildren: null,
        protectedCaseloadPercent: null,
        protectedTimePercent: null,
      };
      const teamTarget =
        (await this.teamTargetsIn(db, [enrolmentId])).get(enrolmentId) ?? DEFAULT_TEAM_CASELOAD_TARGET;
      return {
        teamTarget,
        terms: terms.get(enrolmentId) ?? none,
        status: status.get(enrolmentId) ?? protectionStatus(none, null),
        checks,
      };
    });
  }

  /**
   * The protection status of each enrolment, inside a caller's transaction, in two queries
   * whatever the number (the dashboard's list).
   */
  async statusesIn(
    db: TenantDb,
    enrolmentIds: string[],
  ): Promise<Map<string, ProtectionStatus & { recordedOn: IsoDate | null }>> {
    const terms = await repo.termsFor(db, enrolmentIds);
    const readings = await repo.latestReadings(db, enrolmentIds);
    const targets = await this.teamTargetsIn(db, enrolmentIds);
    const out = new Map<string, ProtectionStatus & { recordedOn: IsoDate | null }>();
    for (const [id, t] of terms) {
      const reading = readings.get(id) ?? null;
      out.set(id, {
        ...protectionStatus(t, reading, targets.get(id)),
        recordedOn: reading?.recordedOn ?? null,
      });
    }
    return out;
  }

  /** Records a check entered by hand. The date may not be in the future. */
  async recordCheck(ctx: TenantContext, enrolmentId: string, input: CheckInput): Promise<void> {
    if (input.recordedOn > this.today())
      throw new RuleError("recorded_on-day", "Date of the check must be today or in the past");
    if (input.caseloadChildren === null && input.developmentTimePercent === null)
      throw new RuleError(
        "caseload_children",
        "Enter the number of children allocated or the development time",
      );
    await this.data.run(ctx, (db) =>
      repo.insertChecks(db, [{ enrolmentId, ...input, source: "manual", recordedBy: ctx.actor.id }]),
    );
  }

  /**
   * Records caseloads read from the caseload capability (its feed calls this, source
   * 'caseloads'): only the caseload, so development time keeps its latest manual reading.
   */
  async recordCaseloads(ctx: TenantContext, readings: CaseloadReading[]): Promise<void> {
    await this.data.run(ctx, (db) =>
      repo.insertChecks(
        db,
        readings.map((r) => ({
          enrolmentId: r.enrolmentId,
          recordedOn: r.recordedOn,
          caseloadChildren: r.caseloadChildren,
          developmentTimePercent: null,
          source: "caseloads" as const,
          notes: null,
          recordedBy: ctx.actor.id,
        })),
      ),
    );
  }

  /**
   * Records caseloads from the caseload capability's snapshots inside its transaction: for each
   * person with an active enrolment, the caseload on the snapshot date (source 'caseloads'),
   * replacing an earlier feed reading of that day. Returns how many were recorded.
   */
  async recordCaseloadsIn(db: TenantDb, actorId: string, readings: PersonCaseloadReading[]): Promise<number> {
    const enrolments = await repo.activeEnrolmentsOf(
      db,
      readings.map((r) => r.personId),
    );
    const rows = readings.flatMap((r) => {
      const enrolmentId = enrolments.get(r.personId);
      return enrolmentId
        ? [
            {
              enrolmentId,
              recordedOn: r.recordedOn,
              caseloadChildren: r.caseloadChildren,
              developmentTimePercent: null,
              source: "caseloads" as const,
              notes: null,
              recordedBy: actorId,
            },
          ]
        : [];
    });
    await repo.replaceCaseloadChecks(db, rows);
    return rows.length;
  }
}
