import { sql } from "kysely";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantDb } from "../../../../platform/tenancy/data-access.js";
import type { MeasureValue } from "../api.js";
import { groupUp, type UnitTree } from "./rollup.js";
import { countValue, type FamilyValues } from "./values.js";
import { yearBefore } from "./window.js";

/**
 * Students a year: people whose student placement (an assignment on a student contract) started
 * in the 12 months to the date, each counted once however many placements, in the units of those
 * placements.
 */
export interface StudentPlacement {
  personId: string;
  orgUnitId: string;
  startOn: IsoDate;
}

/** Each student once, with the units of their placements that started in the 12 months (pure). */
export function studentsOf(placements: readonly StudentPlacement[], asAt: IsoDate) {
  const from = yearBefore(asAt);
  const byPerson = new Map<string, Set<string>>();
  for (const p of placements) {
    if (p.startOn < from || p.startOn > asAt) continue;
    const units = byPerson.get(p.personId) ?? new Set<string>();
    units.add(p.orgUnitId);
    byPerson.set(p.personId, units);
  }
  return [...byPerson].map(([personId, units]) => ({ personId, unitIds: [...units] }));
}

export function studentsValue(students: readonly unknown[]): MeasureValue {
  return countValue("students_per_year", students.length);
}

export async function studentFamily(db: TenantDb, tree: UnitTree, asAt: IsoDate): Promise<FamilyValues> {
  const rows = await sql<{ person_id: string; org_unit_id: string; valid_from: string }>`
    select a.person_id, a.org_unit_id, a.valid_from::text as valid_from from assignments a
    where a.contract_type = 'student' and a.valid_from between ${yearBefore(asAt)} and ${asAt}`.execute(db);
  const students = studentsOf(
    rows.rows.map((r) => ({ personId: r.person_id, orgUnitId: r.org_unit_id, startOn: r.valid_from })),
    asAt,
  );
  const groups = groupUp(tree, students, (s) => s.unitIds);
  return (unitId) => [studentsValue(groups.get(unitId) ?? [])];
}
