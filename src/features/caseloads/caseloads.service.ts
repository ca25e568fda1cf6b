import { createHash } from "node:crypto";
import type { AccessScope } from "../../platform/auth/principal.js";
import type { Clock } from "../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../platform/dates.js";
import { RuleError } from "../../platform/forms/rule-error.js";
import type { Outbox } from "../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext, TenantDb } from "../../platform/tenancy/data-access.js";
import { TenantCache } from "../../platform/tenancy/tenant-cache.js";
import { formatDate } from "../../platform/views/render.js";
import type { ProtectionService } from "../early-career/dashboard/protection.service.js";
import { peopleScope } from "../people/people-scope.js";
import * as reads from "./caseloads.repository.js";
import { CaseloadFileError, childrenCount, csvDate, parseCaseloadCsv } from "./csv.js";
import { individualCap, overCap, weightedLoad } from "./rules.js";
import type { CaseCategories, SnapshotReportRow, SnapshotSource, TargetKind } from "./schema.js";
import * as snaps from "./snapshots.repository.js";
import * as targets from "./targets.repository.js";

export interface ImportInput {
  filename: string;
  content: Buffer | string;
  trigger: "upload" | "feed";
  /** The date for the whole file when it has no as_at column. */
  asAt?: IsoDate | null;
}

export interface ImportResult {
  snapshotId: string;
  /** The same file was imported before: nothing changed. */
  unchanged: boolean;
}

export interface NewTargetInput {
  kind: TargetKind;
  orgUnitId: string | null;
  jobRoleId: string | null;
  careerLevel: string | null;
  children: number | null;
  percentOfTeam: number | null;
  validFrom: IsoDate;
}

/**
 * Caseloads: the targets in force, snapshots of the children allocated to each worker (a file
 * from the case management system by upload or feed, or typed by a manager), the alerts they
 * raise and the figures read from them. Other features call it through `app.caseloads`.
 */
export class CaseloadService {
  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly protection: ProtectionService,
  ) {
    this.#cache = new TenantCache(clock);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /**
   * The team average target (children) in force on the date for a unit: its own, else the
   * nearest ancestor's, else the council-wide one; null when the council has set none.
   */
  async teamTarget(db: TenantDb, orgUnitId: string, asAt: IsoDate): Promise<number | null> {
    return (await targets.teamTargetsFor(db, [orgUnitId], asAt)).get(orgUnitId) ?? null;
  }

  /** teamTarget for several units in one query. */
  teamTargets(db: TenantDb, orgUnitIds: string[], asAt: IsoDate): Promise<Map<string, number | null>> {
    return targets.teamTargetsFor(db, orgUnitIds, asAt);
  }

  /** The council-wide team average target on a date (the authority's line), or null. */
  async councilTarget(db: TenantDb, asAt: IsoDate): Promise<number | null> {
    const rows = await targets.listTargets(db, asAt);
    const wide = rows.find(
      (t) =>
        t.kind === "team_average" &&
        t.orgUnitId === null &&
        t.validFrom <= asAt &&
        (t.validTo === null || t.validTo >= asAt),
    );
    return wide?.children ?? null;
  }

  /**
   * Each worker's cap on a date (rules.ts individualCap with their main assignment and their
   * team's target), in three queries whatever the number of workers.
   */
  async capsIn(
    db: TenantDb,
    workers: { personId: string; orgUnitId: string; jobRoleId: string | null; careerLevel: string | null }[],
    asAt: IsoDate,
  ): Promise<Map<string, number | null>> {
    const caps = await targets.capTargetsOn(db, asAt);
    const teams = await targets.teamTargetsFor(
      db,
      workers.map((w) => w.orgUnitId),
      asAt,
    );
    return new Map(workers.map((w) => [w.personId, individualCap(caps, w, teams.get(w.orgUnitId) ?? null)]));
  }

  // --- Snapshots -----------------------------------------------------------------------------

  /**
   * Imports the case management system's file (upload or feed), row by row: rows that cannot be
   * read or matched to a worker are reported and the rest kept. The same file again (sha256)
   * changes nothing; a new file for the same date and source replaces that snapshot's entries.
   * All in one transaction, with the alerts and the early career readings.
   */
  async importCsv(ctx: TenantContext, input: ImportInput): Promise<ImportResult> {
    const bytes = typeof input.content === "string" ? Buffer.from(input.content, "utf8") : input.content;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    let parsed: ReturnType<typeof parseCaseloadCsv>;
    try {
      parsed = parseCaseloadCsv(new TextDecoder("utf-8").decode(bytes));
    } catch (err) {
      if (err instanceof CaseloadFileError) throw new RuleError("file", err.message);
      throw err;
    }
    if (!parsed.hasDate && !input.asAt)
      throw new RuleError("as_at-day", "Enter the date of the caseloads, as the file has no as_at column");
    const fileDate =
      input.asAt ?? parsed.rows.map((r) => csvDate(r.asAt)).find((d): d is string => d !== null) ?? null;
    if (!fileDate)
      throw new RuleError("file", "The selected file has no row with a date in the as_at column");
    if (fileDate > this.today())
      throw new RuleError("file", "The date of the caseloads must be today or in the past");
    const source: SnapshotSource = input.trigger === "feed" ? "feed" : "upload";
    const now = this.clock.now();

    return this.data.run(ctx, async (db) => {
      const same = await snaps.snapshotBySha(db, sha256);
      if (same) return { snapshotId: same.id, unchanged: true };
      const existing = await snaps.snapshotFor(db, fileDate, source);
      const snapshotId =
        existing?.id ??
        (await snaps.insertSnapshot(db, {
          asAt: fileDate,
          source,
          filename: input.filename,
          sha256,
          createdBy: ctx.actor.id,
        }));
      if (existing) await snaps.deleteEntries(db, snapshotId);

      const matches = await snaps.matchWorkers(
        db,
        parsed.rows.map((r) => r.workerId),
      );
      const report: SnapshotReportRow[] = [];
      const seen = new Map<string, number>();
      const good: { personId: string; children: number; categories: CaseCategories | null }[] = [];
      for (const r of parsed.rows) {
        const reject = (message: string) => report.push({ row: r.row, outcome: "rejected", message });
        if (r.workerId === "") {
          reject("Worker id is missing");
          continue;
        }
        const personId = matches.get(r.workerId);
        if (!personId) {
          reject(`No worker with the id ${r.workerId}`);
          continue;
        }
        if (parsed.hasDate && !input.asAt) {
          const d = csvDate(r.asAt);
          if (!d) {
            reject("As at date must be a real date, like 2026-10-31 or 31/10/2026");
            continue;
          }
          if (d !== fileDate) {
            reject(
              `As at date must be the file's date (${formatDate(fileDate, false)}): send a file for each date`,
            );
            continue;
          }
        }
        const children = childrenCount(r.children);
        if (children === null) {
          reject("Children must be a whole number from 0 to 500");
          continue;
        }
        const categories: CaseCategories = {};
        let badCategory: string | null = null;
        for (const [name, value] of Object.entries(r.categories)) {
          const n = childrenCount(value);
          if (n === null) badCategory = name;
          else categories[name] = n;
        }
        if (badCategory) {
          reject(`${badCategory} must be a whole number from 0 to 500`);
          continue;
        }
        const earlier = seen.get(personId);
        if (earlier !== undefined) {
          reject(`The same worker is on row ${earlier}`);
          continue;
        }
        seen.set(personId, r.row);
        good.push({ personId, children, categories: Object.keys(categories).length > 0 ? categories : null });
        report.push({ row: r.row, outcome: "added" });
      }
      await this.#applyEntries(db, ctx, snapshotId, fileDate, good);
      await snaps.updateSnapshot(db, snapshotId, {
        filename: input.filename,
        sha256,
        rowsTotal: parsed.rows.length,
        rowsRejected: report.filter((r) => r.outcome === "rejected").length,
        report,
        now,
      });
      return { snapshotId, unchanged: false };
    });
  }

  /**
   * Caseloads already matched to people (a feed that sends person ids, the demo): replaces the
   * entries of the date's snapshot for the source, with the alerts and early career readings.
   */
  async importRows(
    ctx: TenantContext,
    input: {
      asAt: IsoDate;
      source: SnapshotSource;
      filename: string | null;
      rows: { personId: string; children: number; categories: CaseCategories | null }[];
    },
  ): Promise<string> {
    return this.data.run(ctx, async (db) => {
      const existing = await snaps.snapshotFor(db, input.asAt, input.source);
      const snapshotId =
        existing?.id ??
        (await snaps.insertSnapshot(db, {
          asAt: input.asAt,
          source: input.source,
          filename: input.filename,
          sha256: null,
          createdBy: ctx.actor.id,
        }));
      if (existing) await snaps.deleteEntries(db, snapshotId);
      await this.#applyEntries(db, ctx, snapshotId, input.asAt, input.rows);
      await snaps.updateSnapshot(db, snapshotId, {
        rowsTotal: input.rows.length,
        rowsRejected: 0,
        report: input.rows.map((_, i) => ({ row: i + 2, outcome: "added" as const })),
        now: this.clock.now(),
      });
      return snapshotId;
    });
  }

  /**
   * A manager's typed snapshot: the children of each person (in scope) as at a date. Adds to (or
   * corrects) the date's typed snapshot; a blank leaves a person out.
   */
  async recordTyped(
    ctx: TenantContext,
    scope: AccessScope,
    asAt: IsoDate,
    rows: { personId: string; children: number }[],
  ): Promise<string> {
    if (asAt > this.today())
      throw new RuleError("as_at-day", "Date of the caseloads must be today or in the past");
    if (rows.length === 0)
      throw new RuleError("form", "Enter the number of children for at least one person");
    const inScope = await this.data.run(ctx, async (db) => {
      const people = await peopleScope(db, scope, this.today());
      const found = await reads.workers(db, { today: this.today(), unitIds: null, scope: people });
      return new Set(found.map((w) => w.personId));
    });
    const refused = rows.find((r) => !inScope.has(r.personId));
    if (refused) throw new RuleError("form", "Caseloads can be recorded only for people in your teams");
    return this.data.run(ctx, async (db) => {
      const existing = await snaps.snapshotFor(db, asAt, "typed");
      const snapshotId =
        existing?.id ??
        (await snaps.insertSnapshot(db, {
          asAt,
          source: "typed",
          filename: null,
          sha256: null,
          createdBy: ctx.actor.id,
        }));
      await this.#applyEntries(
        db,
        ctx,
        snapshotId,
        asAt,
        rows.map((r) => ({ ...r, categories: null })),
      );
      await snaps.touchSnapshot(db, snapshotId, this.clock.now());
      return snapshotId;
    });
  }

  /**
   * Writes a snapshot's entries with their weighted load, then in the same transaction: an alert
   * for each worker over their cap, one email per line manager per snapshot listing theirs, and
   * the caseloads of NQSWs with an active enrolment to the early career protection.
   */
  async #applyEntries(
    db: TenantDb,
    ctx: TenantContext,
    snapshotId: string,
    asAt: IsoDate,
    rows: { personId: string; children: number; categories: CaseCategories | null }[],
  ): Promise<void> {
    const weights = await targets.weightsOn(db, asAt);
    const entries = await snaps.upsertEntries(
      db,
      snapshotId,
      asAt,
      rows.map((r) => ({ ...r, weighted: weightedLoad(r.children, r.categories, weights) })),
    );
    const placements = await snaps.placementsOn(
      db,
      entries.map((e) => e.personId),
      asAt,
    );
    const caps = await this.capsIn(db, [...placements.values()], asAt);
    const alerts = entries.flatMap((e) => {
      const cap = caps.get(e.personId) ?? null;
      if (cap === null || !overCap(e.children, cap)) return [];
      const placement = placements.get(e.personId);
      return [
        {
          entryId: e.id,
          personId: e.personId,
          managerPersonId: placement?.lineManagerPersonId ?? null,
          asAt,
          children: e.children,
          cap,
        },
      ];
    });
    await snaps.replaceAlerts(
      db,
      entries.map((e) => e.id),
      alerts,
    );
    await this.#emailManagers(db, snapshotId, asAt, alerts, placements);
    await this.protection.recordCaseloadsIn(
      db,
      ctx.actor.id,
      entries.map((e) => ({ personId: e.personId, recordedOn: asAt, caseloadChildren: e.children })),
    );
  }

  /** One email per line manager per snapshot (a file sent again for the date sends no more). */
  async #emailManagers(
    db: TenantDb,
    snapshotId: string,
    asAt: IsoDate,
    alerts: { personId: string; managerPersonId: string | null; children: number; cap: number }[],
    placements: Map<string, snaps.WorkerPlacement>,
  ): Promise<void> {
    const byManager = new Map<string, typeof alerts>();
    for (const a of alerts) {
      if (!a.managerPersonId || a.managerPersonId === a.personId) continue;
      byManager.set(a.managerPersonId, [...(byManager.get(a.managerPersonId) ?? []), a]);
    }
    if (byManager.size === 0) return;
    const reference = (managerId: string) => `caseloads-over-cap:${snapshotId}:${managerId}`;
    const sent = await snaps.sentReferences(db, [...byManager.keys()].map(reference));
    const managers = await snaps.emailsOf(db, [...byManager.keys()]);
    const when = formatDate(asAt, false);
    for (const [managerId, theirs] of byManager) {
      const manager = managers.get(managerId);
      if (!manager?.email || sent.has(reference(managerId))) continue;
      const lines = theirs.map(
        (a) => `- ${placements.get(a.personId)?.name ?? "A worker"}: ${a.children} children (cap ${a.cap})`,
      );
      await this.outbox.enqueue(db, {
        to: manager.email,
        subject: `Caseloads over their cap as at ${when}`,
        body: [
          `Dear ${manager.name},`,
          "",
          `As at ${when}, ${theirs.length === 1 ? "one person you manage holds" : `${theirs.length} people you manage hold`} more children than their caseload cap:`,
          "",
          ...lines,
          "",
          "See the caseload alerts in Workforce Academy: /caseloads/alerts",
        ].join("\n"),
        reference: reference(managerId),
      });
    }
  }

  async snapshots(ctx: TenantContext, page: { limit: number; offset: number }) {
    return this.data.run(ctx, (db) => snaps.listSnapshots(db, page.limit, page.offset));
  }

  async snapshot(ctx: TenantContext, snapshotId: string) {
    return this.data.run(ctx, (db) => snaps.snapshotDetail(db, snapshotId));
  }

  // --- Figures -------------------------------------------------------------------------------

  /**
   * What the caseloads page needs, in one transaction with one check of the council's data
   * version: each unit's own children and case holders' FTE on each of the latest snapshot dates
   * (up to 12), the target line (a unit's team target, or the council-wide one), the targets of
   * the units shown below, and the workers in scope with their latest caseload and cap. Each part
   * is remembered until the council's data changes (the page is read far more than written).
   */
  async overview(
    ctx: TenantContext,
    scope: AccessScope,
    options: { unitIds: string[] | null; targetUnitId: string | null; belowIds: string[] },
  ) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const version = await this.#cache.version(db);
      const remember = <T>(key: string, compute: () => Promise<T>) =>
        this.#cache.getAt(version, ctx.tenantId, key, compute);
      const figures = await remember("unitFigures", () => this.#figures(db));
      const { dates } = figures;
      const line = await remember(`targets:${options.targetUnitId}:${dates.join(",")}`, async () => {
        const out = new Map<IsoDate, number | null>();
        for (const d of dates)
          out.set(
            d,
            options.targetUnitId
              ? await this.teamTarget(db, options.targetUnitId, d)
              : await this.councilTarget(db, d),
          );
        return out;
      });
      const last = dates.at(-1);
      const belowTargets =
        last && options.belowIds.length > 0
          ? await remember(`unitTargets:${last}:${options.belowIds.join(",")}`, () =>
              targets.teamTargetsFor(db, options.belowIds, last),
            )
          : new Map<string, number | null>();
      const workers = await remember(`workers:${today}:${JSON.stringify([scope, options.unitIds])}`, () =>
        this.#workers(db, scope, options.unitIds, today),
      );
      return { ...figures, line, belowTargets, workers };
    });
  }

  /** Each unit's own figures on the latest snapshot dates (see overview). */
  async unitFigures(ctx: TenantContext) {
    return this.data.run(ctx, (db) =>
      this.#cache.get(db, ctx.tenantId, "unitFigures", () => this.#figures(db)),
    );
  }

  async #figures(db: TenantDb) {
    const dates = (await reads.recentDates(db, 12)).reverse();
    return { dates, rows: await reads.unitFigures(db, dates) };
  }

  /** The workers in scope (and in the units) with their latest caseload, cap and over cap. */
  async workers(ctx: TenantContext, scope: AccessScope, unitIds: string[] | null) {
    const today = this.today();
    return this.data.run(ctx, (db) =>
      this.#cache.get(db, ctx.tenantId, `workers:${today}:${JSON.stringify([scope, unitIds])}`, () =>
        this.#workers(db, scope, unitIds, today),
      ),
    );
  }

  async #workers(db: TenantDb, scope: AccessScope, unitIds: string[] | null, today: IsoDate) {
    const people = await peopleScope(db, scope, today);
    const rows = await reads.workers(db, { today, unitIds, scope: people });
    const caps = await this.capsIn(db, rows, today);
    return rows.map((r) => {
      const cap = caps.get(r.personId) ?? null;
      return { ...r, cap, over: r.children !== null && overCap(r.children, cap) };
    });
  }

  async personHistory(ctx: TenantContext, personId: string) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const person = await reads.personName(db, personId);
      if (!person) return null;
      const history = await reads.personHistory(db, personId);
      const placement = (await snaps.placementsOn(db, [personId], today)).get(personId);
      const cap = placement ? ((await this.capsIn(db, [placement], today)).get(personId) ?? null) : null;
      return {
        name: person.name,
        cap,
        history: history.map((h) => ({ ...h, over: overCap(h.children, cap) })),
      };
    });
  }

  async alerts(ctx: TenantContext, scope: AccessScope, since: IsoDate) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const people = await peopleScope(db, scope, today);
      return reads.recentAlerts(db, { since, today, scope: people, limit: 500 });
    });
  }

  // --- Targets and weights ---------------------------------------------------------------------

  async targetsList(ctx: TenantContext) {
    return this.data.run(ctx, (db) => targets.listTargets(db, this.today()));
  }

  /** A new target: one in force with the same kind and subject ends the day before. */
  async addTarget(ctx: TenantContext, input: NewTargetInput): Promise<string> {
    return this.data.run(ctx, async (db) => {
      const t = { ...input, createdBy: ctx.actor.id };
      await targets.endSameTargets(db, t, input.validFrom);
      return targets.insertTarget(db, t);
    });
  }

  async target(ctx: TenantContext, targetId: string) {
    return this.data.run(ctx, (db) => targets.findTarget(db, targetId));
  }

  async endTarget(ctx: TenantContext, targetId: string, on: IsoDate): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const t = await targets.findTarget(db, targetId);
      if (!t) throw new RuleError("form", "Target not found");
      if (on < t.valid_from)
        throw new RuleError("ends_on-day", "End date must be on or after the date the target started");
      await targets.endTarget(db, targetId, on);
    });
  }

  async weightsList(ctx: TenantContext) {
    return this.data.run(ctx, (db) => targets.listWeights(db));
  }

  async addWeight(
    ctx: TenantContext,
    input: { category: string; name: string; weight: number; validFrom: IsoDate },
  ): Promise<string> {
    return this.data.run(ctx, (db) => targets.insertWeight(db, { ...input, createdBy: ctx.actor.id }));
  }

  async weight(ctx: TenantContext, weightId: string) {
    return this.data.run(ctx, (db) => targets.findWeight(db, weightId));
  }

  async endWeight(ctx: TenantContext, weightId: string, on: IsoDate): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const w = await targets.findWeight(db, weightId);
      if (!w) throw new RuleError("form", "Weight not found");
      if (on < w.valid_from)
        throw new RuleError("ends_on-day", "End date must be on or after the date the weight started");
      await targets.endWeight(db, weightId, on);
    });
  }
}
