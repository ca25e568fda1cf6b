import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import { coverageByEnrolment } from "../portfolio/coverage.js";
import * as repo from "./dashboard.repository.js";
import { type ProtectionStatus, protectionBreached } from "./protection.js";
import type { ProtectionService } from "./protection.service.js";
import { nextMilestone, type Rag, ragStatus, rags } from "./rag.js";
import { type IntakeRetention, retentionByIntake } from "./retention.js";

/** How far ahead the cohort summary lists milestones. */
export const COHORT_WINDOW_DAYS = 30;

/** One active NQSW on the co-ordinator's dashboard. */
export interface DashboardRow {
  enrolmentId: string;
  name: string;
  cohortId: string;
  cohortName: string;
  team: string | null;
  assessorName: string | null;
  next: { name: string; dueOn: IsoDate; overdue: boolean } | null;
  rag: Rag;
  reasons: string[];
  coverage: { covered: number; total: number } | null;
  protection: ProtectionStatus | null;
}

export interface MilestoneDue {
  enrolmentId: string;
  name: string;
  milestone: string;
  dueOn: IsoDate;
}

export interface CohortCard {
  id: string;
  name: string;
  intakeOn: IsoDate;
  nqsws: number;
  onTrack: number;
}

export interface Dashboard {
  today: IsoDate;
  /** Every active NQSW, RAG worked out, cohort filter not yet applied. */
  rows: DashboardRow[];
  cohorts: repo.CohortRow[];
  /** The cohorts with active NQSWs: how many, and how many green (on track). */
  cards: CohortCard[];
  /** Per NQSW, milestones not completed (optional ones whose day passed left out). */
  milestones: MilestoneDue[];
}

export const countByRag = (rows: Array<{ rag: Rag }>): Record<Rag, number> =>
  Object.fromEntries(rags.map((r) => [r, rows.filter((row) => row.rag === r).length])) as Record<Rag, number>;

/**
 * The co-ordinator's view of the programme: every active NQSW's next milestone, RAG, evidence
 * coverage and protection, in a handful of set-based queries whatever the number of NQSWs; and the
 * retention of past cohorts.
 */
export class DashboardService {
  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly protection: ProtectionService,
  ) {
    this.#cache = new TenantCache(clock);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /**
   * Remembered per council and day until the council's data changes: the co-ordinator's home page
   * and the dashboard read it on every visit, and it reads every active NQSW's records.
   */
  async dashboard(ctx: TenantContext): Promise<Dashboard> {
    const today = this.today();
    return this.data.run(ctx, (db) =>
      this.#cache.get(db, ctx.tenantId, `dashboard:${today}`, () => this.#dashboard(db, today)),
    );
  }

  async #dashboard(db: TenantDb, today: IsoDate): Promise<Dashboard> {
    const enrolments = await repo.activeEnrolments(db);
    const ids = enrolments.map((e) => e.id);
    const milestones = await repo.openMilestones(db, ids);
    const judgements = await repo.latestJudgements(db, ids);
    const protection = await this.protection.statusesIn(db, ids);
    const coverage = await coverageByEnrolment(db, ids);
    const units = await repo.unitNames(
      db,
      enrolments.flatMap((e) => (e.orgUnitId ? [e.orgUnitId] : [])),
      today,
    );
    const cohorts = await repo.cohorts(db);

    const byEnrolment = new Map<string, repo.OpenMilestone[]>();
    for (const m of milestones)
      byEnrolment.set(m.enrolmentId, [...(byEnrolment.get(m.enrolmentId) ?? []), m]);

    const rows: DashboardRow[] = enrolments.map((e) => {
      const open = (byEnrolment.get(e.id) ?? []).map((m) => ({ ...m, completedOn: null }));
      const status = protection.get(e.id) ?? null;
      const cover = coverage.get(e.id) ?? null;
      const next = nextMilestone(open, today);
      const { rag, reasons } = ragStatus({
        today,
        startOn: e.startOn,
        endOn: e.endOn,
        milestones: open,
        latestJudgement: judgements.get(e.id) ?? null,
        protectionBreached: status !== null && protectionBreached(status),
        coverage: cover,
      });
      return {
        enrolmentId: e.id,
        name: e.name,
        cohortId: e.cohortId,
        cohortName: e.cohortName,
        team: e.orgUnitId ? (units.get(e.orgUnitId) ?? null) : null,
        assessorName: e.assessorName,
        next: next ? { name: next.name, dueOn: next.dueOn, overdue: next.dueOn < today } : null,
        rag,
        reasons,
        coverage: cover ? { covered: cover.covered, total: cover.total } : null,
        protection: status,
      };
    });

    const names = new Map(enrolments.map((e) => [e.id, e.name]));
    const due: MilestoneDue[] = milestones
      .filter((m) => !(m.optional && m.dueOn < today))
      .map((m) => ({
        enrolmentId: m.enrolmentId,
        name: names.get(m.enrolmentId) ?? "",
        milestone: m.name,
        dueOn: m.dueOn,
      }));

    const cards = cohorts
      .map((c) => {
        const inCohort = rows.filter((r) => r.cohortId === c.id);
        return { ...c, nqsws: inCohort.length, onTrack: inCohort.filter((r) => r.rag === "green").length };
      })
      .filter((c) => c.nqsws > 0);
    return { today, rows, cohorts, cards, milestones: due };
  }

  /** Milestones of the listed NQSWs due from today to `days` ahead, and those overdue. */
  static cohortMilestones(dashboard: Dashboard, enrolmentIds: Set<string>, days = COHORT_WINDOW_DAYS) {
    const { today } = dashboard;
    const until = addDays(today, days);
    const mine = dashboard.milestones.filter((m) => enrolmentIds.has(m.enrolmentId));
    return {
      dueSoon: mine.filter((m) => m.dueOn >= today && m.dueOn <= until),
      overdue: mine.filter((m) => m.dueOn < today),
    };
  }

  /** Retention of past cohorts by intake year, latest first. */
  async retention(ctx: TenantContext): Promise<IntakeRetention[]> {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const people = await repo.completers(db);
      const spells = await repo.spellsOf(
        db,
        people.map((p) => p.personId),
      );
      return retentionByIntake(people, spells, today);
    });
  }
}
