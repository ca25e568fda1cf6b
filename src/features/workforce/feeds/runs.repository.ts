import { sql } from "kysely";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { FeedReportRow, WorkforceFeedKind } from "../schema.js";

/** Queries for workforce_feed_runs. Every function takes the caller's transaction. */

export function runBySha(db: TenantDb, kind: WorkforceFeedKind, sha256: string) {
  return db
    .selectFrom("workforce_feed_runs")
    .select("id")
    .where("kind", "=", kind)
    .where("sha256", "=", sha256)
    .orderBy("created_at")
    .executeTakeFirst();
}

export async function insertRun(
  db: TenantDb,
  run: {
    kind: WorkforceFeedKind;
    trigger: "feed" | "upload";
    filename: string;
    sha256: string;
    createdBy: string;
  },
): Promise<string> {
  const row = await db
    .insertInto("workforce_feed_runs")
    .values({
      kind: run.kind,
      trigger: run.trigger,
      filename: run.filename.slice(0, 255),
      sha256: run.sha256,
      created_by: run.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface RunCounts {
  total: number;
  applied: number;
  unchanged: number;
  rejected: number;
}

export async function finishRun(db: TenantDb, id: string, counts: RunCounts, report: FeedReportRow[]) {
  await db
    .updateTable("workforce_feed_runs")
    .set({
      rows_total: counts.total,
      rows_applied: counts.applied,
      rows_unchanged: counts.unchanged,
      rows_rejected: counts.rejected,
      report: JSON.stringify(report),
    })
    .where("id", "=", id)
    .execute();
}

const summaryColumns = [
  "id",
  "kind",
  "trigger",
  "filename",
  "rows_total",
  "rows_applied",
  "rows_unchanged",
  "rows_rejected",
  "created_by",
  "created_at",
] as const;

export async function listRuns(db: TenantDb, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("workforce_feed_runs")
      .select(summaryColumns)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db.selectFrom("workforce_feed_runs").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function findRun(db: TenantDb, id: string) {
  return db
    .selectFrom("workforce_feed_runs")
    .select([...summaryColumns, "sha256", "report"])
    .where("id", "=", id)
    .executeTakeFirst();
}
