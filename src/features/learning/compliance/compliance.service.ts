import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { JobContext, JobRunner } from "../../../platform/jobs/job-runner.js";
import {
  type DataAccess,
  forgetInTransaction,
  memoInTransaction,
  type TenantContext,
  type TenantDb,
} from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import { subtreeIds } from "../../people/org-tree.js";
import type { PeopleService } from "../../people/people.service.js";
import * as repo from "./compliance.repository.js";
import {
  allPersonIds,
  type ComputedStatus,
  computeInChunks,
  computeStatuses,
  loadPeople,
  loadShared,
} from "./engine.js";
import { type ComplianceStatus, nextAction } from "./status.js";

export const COMPLIANCE_JOBS = {
  refresh: "learning.compliance.refresh",
  reminders: "learning.compliance.reminders",
  export: "learning.compliance.export",
} as const;

/** A read page recomputes stale people itself up to this many; more is left to the job. */
export const INLINE_LIMIT = 200;

export const statusNames: Record<ComplianceStatus, string> = {
  complete: "Complete",
  due_soon: "Due soon",
  overdue: "Overdue",
  expired: "Expired",
  not_yet_due: "Not yet due",
  exempt: "Exempt",
  paused: "Paused",
};

export const statusColours: Record<ComplianceStatus, string> = {
  complete: "green",
  due_soon: "yellow",
  overdue: "red",
  expired: "red",
  not_yet_due: "grey",
  exempt: "blue",
  paused: "blue",
};

export interface UnitChoice {
  orgUnitId: string;
  name: string;
  parentId: string | null;
  depth: number;
}

export interface ExportFile {
  name: string;
  headers: string[];
  rows: Array<Array<string | null>>;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const day = (v: unknown): IsoDate | null => (v === null || v === undefined ? null : String(v).slice(0, 10));

/** The units from `rootId` down, from a list of units with parent links. */
export function subtree(units: UnitChoice[], rootId: string): string[] {
  return subtreeIds(units, rootId);
}

/** How many of the people a requirement applies to are compliant. */
export interface Tally {
  compliant: number;
  total: number;
}

/** A figure as shown: the percentage with the counts behind it (none when nobody is counted). */
export interface Figure extends Tally {
  percent: number;
}

export function figureOf(t: Tally | undefined): Figure | null {
  return t && t.total > 0 ? { ...t, percent: Math.round((100 * t.compliant) / t.total) } : null;
}

/** All requirements together: the sum of a unit's tallies. */
export function overallFigure(tallies: Map<string, Tally>): Figure | null {
  let compliant = 0;
  let total = 0;
  for (const t of tallies.values()) {
    compliant += t.compliant;
    total += t.total;
  }
  return figureOf({ compliant, total });
}

/** One matrix cell: a requirement's status for a person, or null where it does not apply. */
export interface MatrixCell {
  status: ComplianceStatus;
  dueOn: IsoDate | null;
}

/**
 * Each person's status against the mandatory requirements: the precomputed table
 * (learning_compliance) kept up to date from the stale marks the database triggers leave, the
 * live computation for any "as at" date, the team figures, the matrix and the full export.
 */
export class ComplianceService {
  /** How many stale people a read page recomputes itself (tests lower it). */
  inlineLimit = INLINE_LIMIT;

  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly people: PeopleService,
  ) {
    this.#cache = new TenantCache(clock);
  }

  /**
   * Figures from the table, remembered until the council's data changes. Only when the table is
   * fresh: every change that makes it stale writes an audit event (the cache's version), and the
   * table's date is in the key, so the nightly refresh for a new day is never hidden.
   */
  async #figures<T>(
    db: TenantDb,
    ctx: TenantContext,
    fresh: boolean,
    key: unknown,
    compute: () => Promise<T>,
  ) {
    if (!fresh) return compute();
    const [version, dated] = await Promise.all([this.#cache.version(db), this.#tableDate(db)]);
    return this.#cache.getAt(version, ctx.tenantId, JSON.stringify([dated, key]), compute);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /**
   * Recomputes the people marked stale, or everyone when a rule changed, the table is from
   * another day, or `full` is asked; removes the stale marks it handled. One transaction.
   */
  async refreshStale(
    ctx: TenantContext,
    options: { full?: boolean; progress?: JobContext["progress"] } = {},
  ): Promise<{ full: boolean; people: number }> {
    const done = await this.data.run(ctx, (db) => this.#refresh(db, ctx.tenantId, options));
    // After the transaction: the jobs table is not written from inside a council's transaction
    // (on PGlite's single connection that would wait for itself).
    await options.progress?.(done.people, done.people, "people");
    return done;
  }

  async #refresh(
    db: TenantDb,
    tenantId: string,
    options: { full?: boolean },
  ): Promise<{ full: boolean; people: number }> {
    await sql`select pg_advisory_xact_lock(hashtext(${`learning_compliance:${tenantId}`}))`.execute(db);
    const asAt = this.today();
    const stale = await db.selectFrom("learning_compliance_stale").select(["id", "person_id"]).execute();
    const maxId = stale.reduce((m, s) => (BigInt(s.id) > m ? BigInt(s.id) : m), 0n);
    const dated = await repo.tableDate(db);
    const full =
      options.full === true || stale.some((s) => s.person_id === null) || (dated !== null && dated !== asAt);
    const personIds = full
      ? await allPersonIds(db)
      : uniq(stale.flatMap((s) => (s.person_id ? [s.person_id] : []))).sort();
    if (full) await db.deleteFrom("learning_compliance").execute();
    if (personIds.length > 0) {
      const shared = await loadShared(db);
      await computeInChunks(db, shared, personIds, asAt, async (statuses, _done, chunk) => {
        if (!full) {
          await db.deleteFrom("learning_compliance").where("person_id", "in", chunk).execute();
        }
        await repo.writeStatuses(db, asAt, statuses);
      });
    }
    if (stale.length > 0) {
      await db.deleteFrom("learning_compliance_stale").where("id", "<=", maxId.toString()).execute();
    }
    // The table changed: the next read in a shared transaction reads its date (and the version) again.
    forgetInTransaction(db);
    return { full, people: personIds.length };
  }

  /**
   * Before a read page: brings the table up to date in the same transaction when little is
   * stale. False means too much is stale: the caller queues the refresh job (after the
   * transaction) and says the figures are being updated.
   */
  #fresh(db: TenantDb, ctx: TenantContext): Promise<boolean> {
    // Once per shared transaction (the home page's panels each ask): also never two refreshes at once.
    return memoInTransaction(db, "learning-compliance.fresh", () => this.#freshNow(db, ctx));
  }

  /** The table's date, once per shared transaction. */
  #tableDate(db: TenantDb) {
    return memoInTransaction(db, "learning-compliance.date", () => repo.tableDate(db));
  }

  async #freshNow(db: TenantDb, ctx: TenantContext): Promise<boolean> {
    const [stale, dated] = await Promise.all([repo.staleSummary(db, this.inlineLimit), this.#tableDate(db)]);
    const full = stale.everyone || (dated !== null && dated !== this.today());
    if (!full && stale.people === 0) return true;
    const count = full
      ? Number(
          (
            await db
              .selectFrom("people")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("anonymised_on", "is", null)
              .executeTakeFirstOrThrow()
          ).n,
        )
      : stale.people;
    if (count > this.inlineLimit) return false;
    await this.#refresh(db, ctx.tenantId, {});
    return true;
  }

  /** A read page's transaction; queues the refresh job afterwards when the figures are not fresh. */
  async #read<T extends { fresh: boolean }>(ctx: TenantContext, work: (db: TenantDb) => Promise<T>) {
    const result = await this.data.run(ctx, work);
    if (!result.fresh) await this.data.afterCommit(() => this.queueRefresh(ctx));
    return result;
  }

  /** Recomputes everyone in one council now, in one transaction (the demo seed, the job). */
  async refreshAll(ctx: TenantContext, progress?: JobContext["progress"]) {
    return this.refreshStale(ctx, progress ? { full: true, progress } : { full: true });
  }

  /** Queues a full refresh unless one is already waiting or running for this council. */
  async queueRefresh(ctx: TenantContext): Promise<void> {
    const waiting = await this.data.system
      .selectFrom("jobs")
      .select("id")
      .where("name", "=", COMPLIANCE_JOBS.refresh)
      .where("tenant_id", "=", ctx.tenantId)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    if (!waiting) {
      await this.jobs.enqueue(COMPLIANCE_JOBS.refresh, { actor: ctx.actor.id }, { tenantId: ctx.tenantId });
    }
  }

  /** Every council's table, recomputed in full (the nightly job). */
  async refreshAllTenants(progress?: JobContext["progress"]): Promise<void> {
    const tenants = await this.data.system.selectFrom("tenants").select("id").execute();
    for (const t of tenants) {
      await this.refreshStale(
        { tenantId: t.id, actor: { id: `job:${COMPLIANCE_JOBS.refresh}` } },
        progress ? { full: true, progress } : { full: true },
      );
    }
  }

  /** Live statuses as at any date, from the records (a person's page "as at", small sets, tests). */
  async statusesAsAt(ctx: TenantContext, personIds: string[], asAt: IsoDate): Promise<ComputedStatus[]> {
    return this.data.run(ctx, async (db) => {
      const shared = await loadShared(db);
      const out: ComputedStatus[] = [];
      await computeInChunks(db, shared, uniq(personIds), asAt, async (statuses) => {
        out.push(...statuses);
      });
      return out;
    });
  }

  /** A person's learning page: statuses (today's table, or live as at a date), record and bookings. */
  async personView(ctx: TenantContext, personId: string, asAt: IsoDate | null) {
    return this.#read(ctx, async (db) => {
      const person = await repo.personHeader(db, personId);
      if (!person) return { fresh: true, view: null };
      const fresh = asAt === null ? await this.#fresh(db, ctx) : true;
      const requirements = await repo.requirementNames(db);
      const names = new Map(requirements.map((r) => [r.id, r]));
      let statuses: Array<{
        requirementId: string;
        code: string;
        title: string;
        status: ComplianceStatus;
        dueOn: IsoDate | null;
        expiresOn: IsoDate | null;
        graceEndsOn: IsoDate | null;
        metOn: IsoDate | null;
        courseIds: string[];
        completeBy: IsoDate | null;
        bookNext: boolean;
      }>;
      const date = asAt ?? this.today();
      if (asAt !== null) {
        const shared = await loadShared(db);
        const { people, evidence } = await loadPeople(db, [personId], shared.courseIds);
        statuses = computeStatuses(shared, people, evidence, asAt).map((s) => {
          const next = nextAction(s.result);
          const r = names.get(s.requirementId);
          return {
            requirementId: s.requirementId,
            code: r?.code ?? "",
            title: r?.title ?? "",
            status: s.status,
            dueOn: s.dueOn,
            expiresOn: s.expiresOn,
            graceEndsOn: s.graceEndsOn,
            metOn: s.metOn,
            courseIds: next?.courseIds ?? [],
            completeBy: next?.completeBy ?? null,
            bookNext: next !== null,
          };
        });
        statuses.sort((a, b) => a.code.localeCompare(b.code));
      } else {
        const rows = await repo.personStatuses(db, personId);
        const courses = await repo.coursesInForce(
          db,
          rows.map((r) => r.requirementId),
          day(rows[0]?.asAt) ?? date,
        );
        statuses = rows.map((r) => {
          const status = r.status as ComplianceStatus;
          const dueOn = day(r.dueOn);
          const graceEndsOn = day(r.graceEndsOn);
          const rowDate = day(r.asAt) ?? date;
          // The same answer as nextAction() in status.ts, from the stored columns.
          const bookNext =
            status !== "exempt" &&
            status !== "paused" &&
            !((status === "complete" || status === "not_yet_due") && dueOn === null);
          const completeBy =
            status === "due_soon"
              ? dueOn !== null && dueOn < rowDate
                ? graceEndsOn
                : dueOn
              : status === "complete" || status === "not_yet_due"
                ? dueOn
                : null;
          return {
            requirementId: r.requirementId,
            code: r.code,
            title: r.title,
            status,
            dueOn,
            expiresOn: day(r.expiresOn),
            graceEndsOn,
            metOn: day(r.metOn),
            courseIds: bookNext ? (courses.get(r.requirementId) ?? []) : [],
            completeBy,
            bookNext,
          };
        });
      }
      const [records, bookings] = await Promise.all([
        repo.learningRecords(db, personId),
        repo.bookings(db, personId),
      ]);
      const titles = await repo.courseTitles(
        db,
        statuses.flatMap((s) => s.courseIds),
      );
      return { fresh, view: { person, fresh, asAt: date, statuses, titles, records, bookings } };
    });
  }

  /** The units a viewer may choose, with parent links, as at today. */
  async unitChoices(ctx: TenantContext, scope: AccessScope): Promise<UnitChoice[]> {
    const tree = await this.people.orgTree(ctx, scope);
    return tree.rows.map((r) => ({
      orgUnitId: r.orgUnitId,
      name: r.name,
      parentId: r.parentId,
      depth: r.depth,
    }));
  }

  /** The scope's own units with every unit below them (for the row condition). */
  async #scopeUnits(ctx: TenantContext, scope: AccessScope): Promise<string[]> {
    if (scope.tenant || scope.unitIds.length === 0) return [];
    const tree = await this.people.orgTree(ctx, {
      tenant: false,
      personId: null,
      reportsOf: null,
      unitIds: scope.unitIds,
    });
    return tree.rows.map((r) => r.orgUnitId);
  }

  /**
   * Per requirement per team, how many are compliant, for the unit chosen (null: everything the
   * viewer reaches), with foster carers as a row of their own.
   */
  async teamFigures(ctx: TenantContext, scope: AccessScope, units: UnitChoice[], unitId: string | null) {
    const scopeUnits = await this.#scopeUnits(ctx, scope);
    return this.#read(ctx, async (db) => {
      const fresh = await this.#fresh(db, ctx);
      const inScope = repo.rowInScope(scope, scopeUnits, this.today());
      const figures = await this.#figures(db, ctx, fresh, ["teams", scope, unitId], async () => {
        const unitIds = unitId ? subtree(units, unitId) : scope.tenant ? null : units.map((u) => u.orgUnitId);
        const [requirements, counts, carerCounts, dated] = await Promise.all([
          repo.requirementNames(db),
          repo.teamCounts(db, unitIds, inScope),
          unitId ? Promise.resolve([]) : repo.carerCounts(db, inScope),
          this.#tableDate(db),
        ]);
        // Tallied once here (and remembered), not on every view of the page.
        const byUnit = new Map<string, Map<string, Tally>>();
        const carers = new Map<string, Tally>();
        const totals = new Map<string, Tally>();
        const add = (into: Map<string, Tally>, requirementId: string, t: Tally) => {
          into.set(requirementId, { compliant: t.compliant, total: t.total });
          const sum = totals.get(requirementId);
          if (sum) {
            sum.compliant += t.compliant;
            sum.total += t.total;
          } else totals.set(requirementId, { compliant: t.compliant, total: t.total });
        };
        for (const c of counts) {
          if (c.orgUnitId === null) continue;
          let unit = byUnit.get(c.orgUnitId);
          if (!unit) {
            unit = new Map();
            byUnit.set(c.orgUnitId, unit);
          }
          add(unit, c.requirementId, c);
        }
        for (const c of carerCounts) add(carers, c.requirementId, c);
        return {
          requirements: requirements.filter((q) => totals.has(q.id)),
          byUnit,
          carers,
          totals,
          asAt: dated ?? this.today(),
        };
      });
      return { fresh, ...figures };
    });
  }

  /** The people-by-requirement matrix for a unit and everything below it, a page at a time. */
  async matrix(
    ctx: TenantContext,
    scope: AccessScope,
    units: UnitChoice[],
    unitId: string,
    page: number,
    pageSize: number,
  ) {
    const scopeUnits = await this.#scopeUnits(ctx, scope);
    return this.#read(ctx, async (db) => {
      const fresh = await this.#fresh(db, ctx);
      const inScope = repo.rowInScope(scope, scopeUnits, this.today());
      const figures = await this.#figures(
        db,
        ctx,
        fresh,
        ["matrix", scope, unitId, page, pageSize],
        async () => {
          const [requirements, result, dated] = await Promise.all([
            repo.requirementNames(db),
            repo.matrixPage(db, subtree(units, unitId), inScope, pageSize, (page - 1) * pageSize),
            this.#tableDate(db),
          ]);
          // Each person's cells in the order of the requirements that apply to anyone on the page.
          const byPerson = new Map<string, Map<string, MatrixCell>>();
          for (const c of result.cells) {
            let cells = byPerson.get(c.person_id);
            if (!cells) {
              cells = new Map();
              byPerson.set(c.person_id, cells);
            }
            cells.set(c.requirement_id, { status: c.status as ComplianceStatus, dueOn: day(c.due_on) });
          }
          const present = new Set(result.cells.map((c) => c.requirement_id));
          const shown = requirements.filter((q) => present.has(q.id));
          return {
            requirements: shown,
            total: result.total,
            people: result.people.map((p) => ({
              ...p,
              cells: shown.map((q) => byPerson.get(p.personId)?.get(q.id) ?? null),
            })),
            asAt: dated ?? this.today(),
          };
        },
      );
      return { fresh, ...figures };
    });
  }

  /** Queues the full export of everyone in the viewer's scope; returns the job's id. */
  async startExport(ctx: TenantContext, userId: string, scope: AccessScope): Promise<number> {
    const job = await this.jobs.enqueue(
      COMPLIANCE_JOBS.export,
      { actor: ctx.actor.id, userId, scope },
      { tenantId: ctx.tenantId, maxAttempts: 1 },
    );
    return job.id;
  }

  /** The export job: brings the table up to date, then writes one row a person. */
  async runExport(job: JobContext): Promise<void> {
    const { tenant_id: tenantId, payload } = job.job;
    if (!tenantId) throw new Error("A compliance export needs its council");
    const ctx: TenantContext = { tenantId, actor: { id: String(payload.actor ?? "system:compliance") } };
    const scope = payload.scope as AccessScope;
    await this.refreshStale(ctx);
    const scopeUnits = await this.#scopeUnits(ctx, scope);
    const unitNames = new Map(
      (
        await this.people.orgTree(ctx, { tenant: true, personId: null, reportsOf: null, unitIds: [] })
      ).rows.map((r) => [r.orgUnitId, r.name]),
    );
    const inScope = repo.rowInScope(scope, scopeUnits, this.today());
    const [requirements, people] = await this.data.run(ctx, (db) =>
      Promise.all([repo.requirementNames(db), repo.exportPeople(db, inScope)]),
    );
    const headers = [
      "Name",
      "Employee number",
      "Team",
      ...requirements.flatMap((r) => [`${r.code} status`, `${r.code} due`]),
    ];
    const rows: ExportFile["rows"] = [];
    await job.progress(0, people.length, "people");
    // A transaction a chunk, with progress written between them (never from inside one).
    for (let i = 0; i < people.length; i += 500) {
      const chunk = people.slice(i, i + 500);
      const cells = await this.data.run(ctx, (db) =>
        repo.statusesOf(
          db,
          chunk.map((p) => p.personId),
        ),
      );
      const byKey = new Map(cells.map((c) => [`${c.person_id}:${c.requirement_id}`, c]));
      for (const p of chunk) {
        rows.push([
          p.name,
          p.employeeNumber,
          p.orgUnitId
            ? (unitNames.get(p.orgUnitId) ?? null)
            : p.kind === "foster_carer"
              ? "Foster carers"
              : null,
          ...requirements.flatMap((r) => {
            const c = byKey.get(`${p.personId}:${r.id}`);
            if (!c) return ["Does not apply", null];
            return [statusNames[c.status as ComplianceStatus] ?? c.status, day(c.due_on)];
          }),
        ]);
      }
      await job.progress(Math.min(people.length, i + 500), people.length, "people");
    }
    const file: ExportFile = { name: `compliance-${this.today()}`, headers, rows };
    const packed = gzipSync(Buffer.from(JSON.stringify(file))).toString("base64");
    await this.data.system
      .updateTable("jobs")
      .set({
        progress: JSON.stringify({
          done: file.rows.length,
          total: file.rows.length,
          note: "people",
          file: packed,
        }),
      })
      .where("id", "=", job.job.id)
      .execute();
  }

  /** An export job the user asked for: its state and, when done, the file (else null: 404). */
  async exportJob(ctx: TenantContext, userId: string, jobId: number) {
    const job = await this.data.system
      .selectFrom("jobs")
      .select(["id", "status", "progress", "payload", "tenant_id", "last_error"])
      .where("id", "=", jobId)
      .where("name", "=", COMPLIANCE_JOBS.export)
      .executeTakeFirst();
    if (!job || job.tenant_id !== ctx.tenantId || job.payload.userId !== userId) return null;
    const progress = (job.progress ?? {}) as { done?: number; total?: number; file?: string };
    const file =
      job.status === "succeeded" && typeof progress.file === "string"
        ? (JSON.parse(gunzipSync(Buffer.from(progress.file, "base64")).toString("utf8")) as ExportFile)
        : null;
    return {
      id: job.id,
      status: job.status,
      done: progress.done ?? 0,
      total: progress.total ?? null,
      error: job.last_error,
      file,
    };
  }
}
