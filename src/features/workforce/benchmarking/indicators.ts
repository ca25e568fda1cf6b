import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { RuleError } from "../../../platform/forms/rule-error.js";
import { projectRoot } from "../../../platform/paths.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { type FeedReportRow, indicatorColumns } from "../schema.js";
import { IndicatorFileError, type IndicatorRow, parseIndicatorsCsv } from "./indicators-file.js";

/** The repository's copy of the DfE's published file (see reference/README.md). */
export const PUBLISHED_INDICATORS_FILE = path.join(
  projectRoot,
  "src/features/workforce/benchmarking/reference/csww_indicators_2017_to_2025.csv",
);

export interface IndicatorsLoad {
  feedRunId: string;
  /** The same file was loaded before (sha256): nothing changed. */
  sameFile: boolean;
  rowsTotal: number;
  rowsApplied: number;
  rowsUnchanged: number;
  rowsRejected: number;
  report: FeedReportRow[];
}

const BATCH = 400;
const compared = ["area_name", "region_code", "old_la_code", ...indicatorColumns];

/**
 * Loads a published indicators file into dfe_indicators, one row per year, level and place:
 * new rows are added, changed rows updated, the same rows again left alone (batched upserts, one
 * statement per 400 rows). Recorded as a workforce feed run of kind "indicators" with each refused
 * row in its report; the same file again (sha256) is recognised and changes nothing. Runs in the
 * caller's transaction.
 */
export async function loadIndicators(
  db: TenantDb,
  input: { filename: string; content: Buffer | string; trigger: "feed" | "upload"; createdBy: string },
): Promise<IndicatorsLoad> {
  const bytes = typeof input.content === "string" ? Buffer.from(input.content, "utf8") : input.content;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // One load at a time per council: two first visits at once must not both load the file.
  await sql`select pg_advisory_xact_lock(hashtext('dfe_indicators:' || current_setting('app.tenant_id')))`.execute(
    db,
  );
  const same = await db
    .selectFrom("workforce_feed_runs")
    .selectAll()
    .where("kind", "=", "indicators")
    .where("sha256", "=", sha256)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  if (same)
    return {
      feedRunId: same.id,
      sameFile: true,
      rowsTotal: same.rows_total,
      rowsApplied: same.rows_applied,
      rowsUnchanged: same.rows_unchanged,
      rowsRejected: same.rows_rejected,
      report: same.report,
    };

  let parsed: ReturnType<typeof parseIndicatorsCsv>;
  try {
    parsed = parseIndicatorsCsv(new TextDecoder("utf-8").decode(bytes));
  } catch (err) {
    if (err instanceof IndicatorFileError) throw new RuleError("file", err.message);
    throw err;
  }
  const rowsTotal = parsed.rows.length + parsed.refused.length;
  const run = await db
    .insertInto("workforce_feed_runs")
    .values({
      kind: "indicators",
      trigger: input.trigger,
      filename: input.filename.slice(0, 200),
      sha256,
      rows_total: rowsTotal,
      created_by: input.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  let applied = 0;
  for (let i = 0; i < parsed.rows.length; i += BATCH) {
    applied += await upsert(db, parsed.rows.slice(i, i + BATCH), run.id);
  }
  const report: FeedReportRow[] = parsed.refused
    .sort((a, b) => a.row - b.row)
    .map((r) => ({ row: r.row, outcome: "rejected", message: r.message }));
  const result = {
    rowsTotal,
    rowsApplied: applied,
    rowsUnchanged: parsed.rows.length - applied,
    rowsRejected: report.length,
  };
  await db
    .updateTable("workforce_feed_runs")
    .set({
      rows_applied: result.rowsApplied,
      rows_unchanged: result.rowsUnchanged,
      rows_rejected: result.rowsRejected,
      report: JSON.stringify(report),
    })
    .where("id", "=", run.id)
    .execute();
  return { feedRunId: run.id, sameFile: false, ...result, report };
}

/** Adds or updates a batch; returns how many rows were new or changed. */
async function upsert(db: TenantDb, rows: IndicatorRow[], feedRunId: string): Promise<number> {
  if (rows.length === 0) return 0;
  const changed = await db
    .insertInto("dfe_indicators")
    .values(
      rows.map((r) => ({
        time_period: r.time_period,
        geographic_level: r.geographic_level,
        area_code: r.area_code,
        area_name: r.area_name,
        region_code: r.region_code,
        old_la_code: r.old_la_code,
        feed_run_id: feedRunId,
        ...r.values,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "time_period", "geographic_level", "area_code"])
        .doUpdateSet({
          ...Object.fromEntries(
            [...compared, "feed_run_id"].map((c) => [c, sql.ref(`excluded.${c}`)] as const),
          ),
        })
        .where(
          sql<boolean>`(${sql.join(compared.map((c) => sql.ref(`dfe_indicators.${c}`)))}) is distinct from (${sql.join(
            compared.map((c) => sql.ref(`excluded.${c}`)),
          )})`,
        ),
    )
    .returning("id")
    .execute();
  return changed.length;
}

/**
 * The council's indicators, loaded from the repository's copy of the published file the first
 * time anyone opens the benchmarking pages (one transaction). Does nothing once any are loaded.
 */
export async function ensurePublishedIndicators(data: DataAccess, ctx: TenantContext): Promise<void> {
  const any = await data.run(ctx, (db) =>
    db.selectFrom("dfe_indicators").select("id").limit(1).executeTakeFirst(),
  );
  if (any) return;
  const content = await readFile(PUBLISHED_INDICATORS_FILE);
  await data.run(ctx, async (db) => {
    // Another request may have loaded them meanwhile: the lock in loadIndicators orders the two
    // and the second finds the same file.
    await loadIndicators(db, {
      filename: path.basename(PUBLISHED_INDICATORS_FILE),
      content,
      trigger: "feed",
      createdBy: ctx.actor.id,
    });
  });
}

export interface IndicatorsSummary {
  years: number[];
  rows: number;
  runs: {
    id: string;
    filename: string;
    trigger: string;
    createdAt: Date;
    rowsTotal: number;
    rowsApplied: number;
    rowsUnchanged: number;
    rowsRejected: number;
    report: FeedReportRow[];
  }[];
}

/** What is loaded: the years, the number of rows, and the loads (latest first). */
export async function indicatorsSummary(db: TenantDb): Promise<IndicatorsSummary> {
  const years = await db
    .selectFrom("dfe_indicators")
    .select((eb) => ["time_period", eb.fn.countAll<string>().as("n")])
    .groupBy("time_period")
    .orderBy("time_period")
    .execute();
  const runs = await db
    .selectFrom("workforce_feed_runs")
    .selectAll()
    .where("kind", "=", "indicators")
    .orderBy("created_at", "desc")
    .limit(10)
    .execute();
  return {
    years: years.map((y) => y.time_period),
    rows: years.reduce((sum, y) => sum + Number(y.n), 0),
    runs: runs.map((r) => ({
      id: r.id,
      filename: r.filename,
      trigger: r.trigger,
      createdAt: r.created_at,
      rowsTotal: r.rows_total,
      rowsApplied: r.rows_applied,
      rowsUnchanged: r.rows_unchanged,
      rowsRejected: r.rows_rejected,
      report: r.report,
    })),
  };
}
