import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { FeedReportRow } from "../schema.js";
import type { FeedCsvRow } from "./csv.js";
import { checkRow, type stabilityColumns, stabilityRow } from "./rows.js";

export type StabilityKey = (typeof stabilityColumns)[number]["key"];

/**
 * Applies the case management system's stability figures row by row, in the caller's
 * transaction: one figure per census year and team (a blank team code: the whole authority); the
 * same year and team again replaces it, or is unchanged when the figures are the same.
 */
export async function applyStabilityRows(
  db: TenantDb,
  rows: FeedCsvRow<StabilityKey>[],
  c: { runId: string; actor: string; now: Date },
): Promise<FeedReportRow[]> {
  const [units, held] = await Promise.all([
    db.selectFrom("org_units").select(["id", "code"]).execute(),
    db
      .selectFrom("stability_figures")
      .select(["id", "census_year", "org_unit_id", "children", "children_three_plus"])
      .execute(),
  ]);
  const unitIds = new Map(units.map((u) => [u.code, u.id]));
  const key = (year: number, unitId: string | null) => `${year}|${unitId ?? ""}`;
  const figures = new Map(held.map((h) => [key(h.census_year, h.org_unit_id), h]));
  const seen = new Map<string, number>();
  const report: FeedReportRow[] = [];
  for (const r of rows) {
    const check = checkRow(stabilityRow, r.cells);
    if (!check.ok) {
      report.push({ row: r.row, outcome: "rejected", message: check.message });
      continue;
    }
    const d = check.data;
    const unitId = d.team_code === null ? null : unitIds.get(d.team_code);
    if (unitId === undefined) {
      report.push({ row: r.row, outcome: "rejected", message: `No team has the code ${d.team_code}` });
      continue;
    }
    const k = key(d.census_year, unitId);
    const earlier = seen.get(k);
    if (earlier !== undefined) {
      report.push({
        row: r.row,
        outcome: "rejected",
        message: `The same year and team are on row ${earlier}`,
      });
      continue;
    }
    seen.set(k, r.row);
    const current = figures.get(k);
    if (current && current.children === d.children && current.children_three_plus === d.three_plus) {
      report.push({ row: r.row, outcome: "unchanged" });
      continue;
    }
    const values = {
      children: d.children,
      children_three_plus: d.three_plus,
      feed_run_id: c.runId,
      recorded_by: c.actor,
      recorded_at: c.now,
    };
    if (current) {
      await db.updateTable("stability_figures").set(values).where("id", "=", current.id).execute();
    } else {
      await db
        .insertInto("stability_figures")
        .values({ ...values, census_year: d.census_year, org_unit_id: unitId })
        .execute();
    }
    report.push({ row: r.row, outcome: "applied" });
  }
  return report;
}
