import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { type ProtectionStatus, type ProtectionTerms, protectionStatus } from "./protection.js";
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

/**
 * Protection of an NQSW's caseload and development time: the checks recorded against an
 * enrolment (by hand until the caseload capability exists, then also from its feed) and their
 * status against the enrolment's template version.
 */
export class ProtectionService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
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
      return {
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
    const out = new Map<string, ProtectionStatus & { recordedOn: IsoDate | null }>();
    for (const [id, t] of terms) {
      const reading = readings.get(id) ?? null;
      out.set(id, { ...protectionStatus(t, reading), recordedOn: reading?.recordedOn ?? null });
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
}
