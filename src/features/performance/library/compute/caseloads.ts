import { sql } from "kysely";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantDb } from "../../../../platform/tenancy/data-access.js";
import { type UnitFigureRow, unitFigures } from "../../../caseloads/caseloads.repository.js";
import type { MeasureValue } from "../api.js";
import { groupUp, type UnitTree } from "./rollup.js";
import { type FamilyValues, measureValue, noValue } from "./values.js";

/**
 * Average caseload: the caseloads capability's own figures (its `unitFigures` query: children
 * held by case holders on a snapshot date, a worker with two assignments split by FTE, registered
 * social workers only as the DfE counts them) on the latest snapshot date on or before the date,
 * each unit's own figures summed up the tree.
 */

/** The latest caseload snapshot date with any entries on or before the date (null: none). */
export async function snapshotDateOn(db: TenantDb, asAt: IsoDate): Promise<IsoDate | null> {
  const row = await sql<{ as_at: string | null }>`
    select max(s.as_at)::text as as_at from caseload_snapshots s
    where s.as_at <= ${asAt} and exists (select 1 from caseload_entries e where e.snapshot_id = s.id)`.execute(
    db,
  );
  return row.rows[0]?.as_at ?? null;
}

/** The average caseload of the units' rows counted in one unit (pure). */
export function averageCaseload(rows: readonly Pick<UnitFigureRow, "swChildren" | "swFte">[]): MeasureValue {
  let children = 0;
  let fte = 0;
  for (const r of rows) {
    children += r.swChildren;
    fte += r.swFte;
  }
  return measureValue("average_caseload", { numerator: children, denominator: fte, people: 0 });
}

export async function caseloadFamily(
  db: TenantDb,
  tree: UnitTree,
  snapshotOn: IsoDate | null,
): Promise<FamilyValues> {
  if (snapshotOn === null) return () => [noValue("average_caseload")];
  const rows = await unitFigures(db, [snapshotOn]);
  const groups = groupUp(tree, rows, (r) => [r.orgUnitId]);
  return (unitId) => [averageCaseload(groups.get(unitId) ?? [])];
}
