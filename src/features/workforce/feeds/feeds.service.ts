import { createHash } from "node:crypto";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { FeedReportRow, WorkforceFeedKind } from "../schema.js";
import { applyAbsenceRows } from "./absence.js";
import { applyAgencyRows } from "./agency.js";
import { type FeedColumn, type FeedCsvRow, FeedFileError, readFeedCsv } from "./csv.js";
import { absenceColumns, agencyColumns, stabilityColumns } from "./rows.js";
import * as runs from "./runs.repository.js";
import { applyStabilityRows } from "./stability.js";

export interface FeedFileInput {
  filename: string;
  content: Buffer;
  trigger: "upload" | "feed";
}

export interface FeedImportResult {
  runId: string;
  /** The same file was taken before (sha256): nothing changed and no new run was recorded. */
  duplicate: boolean;
  applied: number;
  unchanged: number;
  rejected: number;
}

/** The three feeds this area takes, by the kind their runs are recorded as. */
export type OwnFeedKind = Extract<WorkforceFeedKind, "agency" | "absence" | "stability">;

/**
 * The workforce feeds: agency placements from the managed service provider, sickness absence
 * from HR and the stability figure from the case management system, by upload or folder. Each
 * file is one transaction, row by row with a report of refused rows; the same file again is
 * recognised by its sha256. Other areas (the bench, the demo) call it through `app.workforceFeeds`.
 */
export class WorkforceFeedService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  importAgency(ctx: TenantContext, input: FeedFileInput): Promise<FeedImportResult> {
    return this.#import(ctx, "agency", input, agencyColumns, (db, rows, runId, present) =>
      applyAgencyRows(db, rows, {
        runId,
        present,
        today: dateInLondon(this.clock.now()),
        now: this.clock.now(),
      }),
    );
  }

  importAbsence(ctx: TenantContext, input: FeedFileInput): Promise<FeedImportResult> {
    return this.#import(ctx, "absence", input, absenceColumns, (db, rows, runId) =>
      applyAbsenceRows(db, rows, runId),
    );
  }

  importStability(ctx: TenantContext, input: FeedFileInput): Promise<FeedImportResult> {
    return this.#import(ctx, "stability", input, stabilityColumns, (db, rows, runId) =>
      applyStabilityRows(db, rows, { runId, actor: ctx.actor.id, now: this.clock.now() }),
    );
  }

  /** Imports a file of one of the three kinds. */
  importFile(ctx: TenantContext, kind: OwnFeedKind, input: FeedFileInput): Promise<FeedImportResult> {
    if (kind === "agency") return this.importAgency(ctx, input);
    if (kind === "absence") return this.importAbsence(ctx, input);
    return this.importStability(ctx, input);
  }

  /** The runs of every kind, newest first. */
  runs(ctx: TenantContext, page: { limit: number; offset: number }) {
    return this.data.run(ctx, (db) => runs.listRuns(db, page));
  }

  run(ctx: TenantContext, id: string) {
    return this.data.run(ctx, (db) => runs.findRun(db, id));
  }

  async #import<K extends string>(
    ctx: TenantContext,
    kind: OwnFeedKind,
    input: FeedFileInput,
    columns: readonly FeedColumn<K>[],
    apply: (
      db: TenantDb,
      rows: FeedCsvRow<K>[],
      runId: string,
      present: Set<string>,
    ) => Promise<FeedReportRow[]>,
  ): Promise<FeedImportResult> {
    const sha256 = createHash("sha256").update(input.content).digest("hex");
    let parsed: ReturnType<typeof readFeedCsv<K>>;
    try {
      parsed = readFeedCsv(input.content, columns);
    } catch (err) {
      if (err instanceof FeedFileError) throw new RuleError("file", err.message);
      throw err;
    }
    return this.data.run(ctx, async (db) => {
      const same = await runs.runBySha(db, kind, sha256);
      if (same) return { runId: same.id, duplicate: true, applied: 0, unchanged: 0, rejected: 0 };
      const runId = await runs.insertRun(db, {
        kind,
        trigger: input.trigger,
        filename: input.filename,
        sha256,
        createdBy: ctx.actor.id,
      });
      const report = await apply(db, parsed.rows, runId, parsed.present as Set<string>);
      const count = (o: FeedReportRow["outcome"]) => report.filter((r) => r.outcome === o).length;
      const counts = {
        total: parsed.rows.length,
        applied: count("applied"),
        unchanged: count("unchanged"),
        rejected: count("rejected"),
      };
      // The report keeps the refused rows: the counts say the rest.
      await runs.finishRun(
        db,
        runId,
        counts,
        report.filter((r) => r.outcome === "rejected"),
      );
      return {
        runId,
        duplicate: false,
        applied: counts.applied,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
      };
    });
  }
}
