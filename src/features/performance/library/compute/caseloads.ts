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
 * each unit's own figures summed up the tree. The figure is held back where it counts 1 to 4
 * social workers: the people behind those figures, each counted once in each unit they work in
 * and once in every unit above (`caseHolders`).
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

/** A social worker counted in the average caseload and the units of their assignments. */
export interface CaseHolder {
  personId: string;
  unitIds: string[];
}

/**
 * The social workers `unitFigures` counts in its registered social worker figures on a date (a
 * caseload above 0 in the entry recorded last for the date; a Social Work England number or a
 * social work qualified role in force), with the units of their assignments in force on the date:
 * one set-based query for the whole council.
 */
export async function caseHolders(db: TenantDb, on: IsoDate): Promise<CaseHolder[]> {
  const result = await sql<{ person_id: string; org_unit_id: string }>`
    with ent as (
      select distinct on (e.person_id) e.person_id, e.children
      from caseload_entries e join caseload_snapshots s on s.id = e.snapshot_id
      where e.as_at = ${on}
      order by e.person_id, s.updated_at desc, s.created_at desc
    ), x as (
      select a.person_id, a.org_unit_id,
        (p.swe_number is not null or bool_or(r.social_work_qualified) over (partition by a.person_id)) as sw
      from ent
      join assignments a on a.person_id = ent.person_id and a.valid_from <= ${on}
        and (a.valid_to is null or a.valid_to >= ${on})
      join job_roles r on r.id = a.job_role_id
      join people p on p.id = ent.person_id
      where ent.children > 0
    )
    select distinct person_id, org_unit_id from x where sw`.execute(db);
  const byPerson = new Map<string, string[]>();
  for (const r of result.rows) {
    const units = byPerson.get(r.person_id);
    if (units) units.push(r.org_unit_id);
    else byPerson.set(r.person_id, [r.org_unit_id]);
  }
  return [...byPerson].map(([personId, unitIds]) => ({ personId, unitIds }));
}

/**
 * The average caseload of the units' rows counted in one unit (pure), held back when `people`
 * (the social workers those rows count, each once) is 1 to 4.
 */
export function averageCaseload(
  rows: readonly Pick<UnitFigureRow, "swChildren" | "swFte">[],
  people: number,
): MeasureValue {
  let children = 0;
  let fte = 0;
  for (const r of rows) {
    children += r.swChildren;
    fte += r.swFte;
  }
  return measureValue("average_caseload", { numerator: children, denominator: fte, people });
}

export async function caseloadFamily(
  db: TenantDb,
  tree: UnitTree,
  snapshotOn: IsoDate | null,
): Promise<FamilyValues> {
  if (snapshotOn === null) return () => [noValue("average_caseload")];
  const [rows, holders] = await Promise.all([unitFigures(db, [snapshotOn]), caseHolders(db, snapshotOn)]);
  const groups = groupUp(tree, rows, (r) => [r.orgUnitId]);
  const people = groupUp(tree, holders, (h) => h.unitIds);
  return (unitId) => [averageCaseload(groups.get(unitId) ?? [], people.get(unitId)?.length ?? 0)];
}
