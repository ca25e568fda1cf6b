import { sql } from "kysely";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantDb } from "../../../../platform/tenancy/data-access.js";
import { employedOn, type Spell } from "../../../early-career/dashboard/retention.js";
import type { EnrolmentStatus } from "../../../early-career/schema.js";
import type { MeasureValue } from "../api.js";
import { groupUp, type UnitTree } from "./rollup.js";
import { type FamilyValues, measureValue } from "./values.js";
import { twoYearsBefore, yearBefore } from "./window.js";

/**
 * The ASYE measures from the enrolments (early_career_enrolments: status, start, outcome day),
 * the protection checks (early_career_protection_checks: development time readings) and the
 * caseload snapshots:
 * - in the ASYE on the date: started on or before it and still active, or passed or failed after
 *   it (a withdrawal is not dated in the records, so a withdrawn enrolment never counts);
 * - NQSW caseload: their children in the caseload snapshot the average caseload uses, over the
 *   number of them holding an entry in it, each person once (however many enrolments); held back
 *   when that is 1 to 4 people;
 * - protected time: each one's latest development time reading on or before the date, weighted by
 *   the enrolment's FTE: development FTE over their FTE, each person once (held back at 1 to 4);
 * - completion: passed over passed and failed, outcomes dated in the 12 months to the date;
 * - retention: of those who passed in the 12 months before those, how many hold an assignment on
 *   the date (as the early career dashboard's retention reads "still employed").
 * Each NQSW counts in the units of their assignments on the date (for an outcome, on its day),
 * else the enrolment's unit.
 */

export interface EnrolmentFacts {
  id: string;
  personId: string;
  status: EnrolmentStatus;
  startOn: IsoDate;
  outcomeOn: IsoDate | null;
  fte: number;
  orgUnitId: string | null;
}
export interface Placement extends Spell {
  orgUnitId: string;
}
export interface EarlyCareerInputs {
  asAt: IsoDate;
  enrolments: EnrolmentFacts[];
  /** Each NQSW's assignments (any contract). */
  assignments: Map<string, Placement[]>;
  /** The latest development time reading (percent) on or before the date, by enrolment. */
  developmentPercent: Map<string, number>;
  /** Children held in the snapshot, by person (null: no snapshot on or before the date). */
  children: Map<string, number> | null;
}

export interface NqswRecord {
  personId: string;
  unitIds: string[];
  fte: number;
  children: number | null;
  developmentPercent: number | null;
}
export interface OutcomeRecord {
  unitIds: string[];
  /** Completion: passed; retention: still employed on the date. */
  yes: boolean;
}

export function inAsyeOn(e: Pick<EnrolmentFacts, "status" | "startOn" | "outcomeOn">, on: IsoDate): boolean {
  if (e.startOn > on) return false;
  if (e.status === "active") return true;
  return (e.status === "passed" || e.status === "failed") && e.outcomeOn !== null && e.outcomeOn > on;
}

export function earlyCareerRecords(inputs: EarlyCareerInputs) {
  const { asAt } = inputs;
  const unitsOn = (e: EnrolmentFacts, on: IsoDate): string[] => {
    const held = (inputs.assignments.get(e.personId) ?? []).filter((a) => employedOn([a], on));
    if (held.length > 0) return [...new Set(held.map((a) => a.orgUnitId))];
    return e.orgUnitId ? [e.orgUnitId] : [];
  };
  const nqsws: NqswRecord[] = [];
  const outcomes: OutcomeRecord[] = [];
  const passers: OutcomeRecord[] = [];
  const from = yearBefore(asAt);
  const earliest = twoYearsBefore(asAt);
  for (const e of inputs.enrolments) {
    if (inAsyeOn(e, asAt)) {
      nqsws.push({
        personId: e.personId,
        unitIds: unitsOn(e, asAt),
        fte: e.fte,
        children: inputs.children?.get(e.personId) ?? null,
        developmentPercent: inputs.developmentPercent.get(e.id) ?? null,
      });
    }
    if (e.outcomeOn === null || e.outcomeOn > asAt || (e.status !== "passed" && e.status !== "failed"))
      continue;
    if (e.outcomeOn >= from) outcomes.push({ unitIds: unitsOn(e, e.outcomeOn), yes: e.status === "passed" });
    else if (e.outcomeOn >= earliest && e.status === "passed")
      passers.push({
        unitIds: unitsOn(e, e.outcomeOn),
        yes: employedOn(inputs.assignments.get(e.personId) ?? [], asAt),
      });
  }
  return { nqsws, outcomes, passers };
}

/** NQSW caseload (pure): each NQSW with a caseload counted once, however many enrolments they have. */
export function nqswCaseloadValue(nqsws: readonly NqswRecord[]): MeasureValue {
  const childrenOf = new Map<string, number>();
  for (const n of nqsws) if (n.children !== null) childrenOf.set(n.personId, n.children);
  let children = 0;
  for (const c of childrenOf.values()) children += c;
  return measureValue("nqsw_caseload", {
    numerator: children,
    denominator: childrenOf.size,
    people: childrenOf.size,
  });
}

/**
 * Protected time (pure): each NQSW with a reading counted once, however many enrolments they have:
 * the last in the list (the enrolments come in order of start, so the latest started).
 */
export function protectedTimeValue(nqsws: readonly NqswRecord[]): MeasureValue {
  const byPerson = new Map<string, NqswRecord>();
  for (const n of nqsws) if (n.developmentPercent !== null) byPerson.set(n.personId, n);
  const read = [...byPerson.values()];
  const developmentFte = read.reduce((s, n) => s + ((n.developmentPercent ?? 0) * n.fte) / 100, 0);
  const fte = read.reduce((s, n) => s + n.fte, 0);
  return measureValue("nqsw_protected_time", {
    numerator: developmentFte,
    denominator: fte,
    people: read.length,
  });
}

export function shareValue(
  key: "asye_completion" | "asye_retention",
  records: readonly OutcomeRecord[],
): MeasureValue {
  const yes = records.filter((r) => r.yes).length;
  return measureValue(key, { numerator: yes, denominator: records.length, people: records.length });
}

export async function earlyCareerInputs(
  db: TenantDb,
  asAt: IsoDate,
  snapshotOn: IsoDate | null,
): Promise<EarlyCareerInputs> {
  const earliest = twoYearsBefore(asAt);
  const enrolled = sql`(select e.person_id from early_career_enrolments e where e.start_on <= ${asAt})`;
  const [enrolments, assignments, readings, entries] = await Promise.all([
    sql<{
      id: string;
      person_id: string;
      status: EnrolmentStatus;
      start_on: string;
      outcome_on: string | null;
      fte: string;
      org_unit_id: string | null;
    }>`select e.id, e.person_id, e.status, e.start_on::text as start_on, e.outcome_on::text as outcome_on,
        e.fte::text as fte, e.org_unit_id
      from early_career_enrolments e
      where e.start_on <= ${asAt} and (e.outcome_on is null or e.outcome_on >= ${earliest})
      order by e.start_on, e.id`.execute(db),
    sql<{ person_id: string; org_unit_id: string; valid_from: string; valid_to: string | null }>`
      select a.person_id, a.org_unit_id, a.valid_from::text as valid_from, a.valid_to::text as valid_to
      from assignments a where a.person_id in ${enrolled}`.execute(db),
    sql<{ enrolment_id: string; percent: string }>`
      select distinct on (c.enrolment_id) c.enrolment_id, c.development_time_percent::text as percent
      from early_career_protection_checks c
      where c.recorded_on <= ${asAt} and c.development_time_percent is not null
      order by c.enrolment_id, c.recorded_on desc, c.created_at desc`.execute(db),
    snapshotOn === null
      ? Promise.resolve(null)
      : sql<{ person_id: string; children: number }>`
          select distinct on (e.person_id) e.person_id, e.children
          from caseload_entries e join caseload_snapshots s on s.id = e.snapshot_id
          where e.as_at = ${snapshotOn} and e.person_id in ${enrolled}
          order by e.person_id, s.updated_at desc, s.created_at desc`.execute(db),
  ]);
  const byPerson = new Map<string, Placement[]>();
  for (const a of assignments.rows) {
    const spell = { orgUnitId: a.org_unit_id, validFrom: a.valid_from, validTo: a.valid_to };
    const list = byPerson.get(a.person_id);
    if (list) list.push(spell);
    else byPerson.set(a.person_id, [spell]);
  }
  return {
    asAt,
    enrolments: enrolments.rows.map((e) => ({
      id: e.id,
      personId: e.person_id,
      status: e.status,
      startOn: e.start_on,
      outcomeOn: e.outcome_on,
      fte: Number(e.fte),
      orgUnitId: e.org_unit_id,
    })),
    assignments: byPerson,
    developmentPercent: new Map(readings.rows.map((r) => [r.enrolment_id, Number(r.percent)])),
    children: entries ? new Map(entries.rows.map((r) => [r.person_id, Number(r.children)])) : null,
  };
}

export async function earlyCareerFamily(
  db: TenantDb,
  tree: UnitTree,
  asAt: IsoDate,
  snapshotOn: IsoDate | null,
): Promise<FamilyValues> {
  const { nqsws, outcomes, passers } = earlyCareerRecords(await earlyCareerInputs(db, asAt, snapshotOn));
  const byUnits = (r: { unitIds: string[] }) => r.unitIds;
  const n = groupUp(tree, nqsws, byUnits);
  const o = groupUp(tree, outcomes, byUnits);
  const p = groupUp(tree, passers, byUnits);
  return (unitId) => {
    const mine = n.get(unitId) ?? [];
    return [
      nqswCaseloadValue(mine),
      protectedTimeValue(mine),
      shareValue("asye_completion", o.get(unitId) ?? []),
      shareValue("asye_retention", p.get(unitId) ?? []),
    ];
  };
}
