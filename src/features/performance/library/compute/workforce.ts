import { sql } from "kysely";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantDb } from "../../../../platform/tenancy/data-access.js";
import { type ContractType, coverContractTypes } from "../../../people/reference/domain.js";
import type { MeasureValue } from "../api.js";
import { groupUp, type UnitTree } from "./rollup.js";
import { type FamilyValues, measureValue } from "./values.js";
import { yearBefore } from "./window.js";

/**
 * Permanent, agency, vacancy and turnover rates on any date, by the rules the DfE census applies
 * on 30 September (src/features/workforce/measures/README.md), moved to the date asked:
 * - social workers: assignments in a social work qualified job role;
 * - employed (in post): any contract but agency or locum in force on the date, one record per
 *   person (FTE summed over their roles, at most 1) in the unit of their main assignment (largest
 *   FTE, then the earliest); someone who leaves ON the date is a leaver and not in post;
 * - agency: each agency or locum assignment in force on the date (at most 1 FTE), not de-duplicated;
 * - leavers: each leaving in the 12 months to the date of someone holding an employed social work
 *   assignment on their last day, with the FTE held that day (at most 1) in that day's main unit;
 * - vacancies: each social work post in force (post flagged, or its job role social work
 *   qualified): its FTE less the FTE of its employed holders, never below 0, in the post's unit.
 * A rate is held back when it counts 1 to 4 people: distinct people in each unit (with the units
 * below it), so someone with two placements there counts once.
 */

export interface WorkforceAssignment {
  id: string;
  personId: string;
  postId: string | null;
  orgUnitId: string;
  contractType: ContractType;
  fte: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}
export interface WorkforcePost {
  id: string;
  orgUnitId: string;
  fte: number;
}
export interface WorkforceInputs {
  asAt: IsoDate;
  /** Social work assignments in force on the date or at some time in the 12 months before it. */
  assignments: WorkforceAssignment[];
  /** Leavings dated in the 12 months to the date (and on it). */
  leavings: { personId: string; leftOn: IsoDate }[];
  /** Social work posts in force on the date. */
  posts: WorkforcePost[];
}

/**
 * One counted thing: a person in post, an agency placement, a leaving or a post's vacancy, with
 * whose it is (a vacancy: nobody's) so that people are counted once however many records they have.
 */
export type WorkforceRecord =
  | { kind: "employed" | "agency" | "leaver"; personId: string; orgUnitId: string; fte: number }
  | { kind: "vacancy"; personId: null; orgUnitId: string; fte: number };

const isCover = (t: ContractType): boolean => coverContractTypes.includes(t);
const inForce = (a: { validFrom: IsoDate; validTo: IsoDate | null }, on: IsoDate): boolean =>
  a.validFrom <= on && (a.validTo === null || a.validTo >= on);
const capped = (list: WorkforceAssignment[]): number =>
  Math.min(
    1,
    list.reduce((s, a) => s + a.fte, 0),
  );
const mainOf = (list: WorkforceAssignment[]): WorkforceAssignment | undefined =>
  [...list].sort(
    (a, b) => b.fte - a.fte || a.validFrom.localeCompare(b.validFrom) || a.id.localeCompare(b.id),
  )[0];

/** The records the four measures count, from plain rows (pure). */
export function workforceRecords(inputs: WorkforceInputs): WorkforceRecord[] {
  const { asAt } = inputs;
  const leftOnDate = new Set(inputs.leavings.filter((l) => l.leftOn === asAt).map((l) => l.personId));
  const employedBy = new Map<string, WorkforceAssignment[]>();
  for (const a of inputs.assignments) {
    if (isCover(a.contractType)) continue;
    const list = employedBy.get(a.personId);
    if (list) list.push(a);
    else employedBy.set(a.personId, [a]);
  }
  const out: WorkforceRecord[] = [];
  for (const [personId, list] of employedBy) {
    if (leftOnDate.has(personId)) continue;
    const held = list.filter((a) => inForce(a, asAt));
    const main = mainOf(held);
    if (main) out.push({ kind: "employed", personId, orgUnitId: main.orgUnitId, fte: capped(held) });
  }
  for (const a of inputs.assignments) {
    if (isCover(a.contractType) && inForce(a, asAt))
      out.push({ kind: "agency", personId: a.personId, orgUnitId: a.orgUnitId, fte: Math.min(1, a.fte) });
  }
  for (const l of inputs.leavings) {
    const held = (employedBy.get(l.personId) ?? []).filter((a) => inForce(a, l.leftOn));
    const main = mainOf(held);
    if (main)
      out.push({ kind: "leaver", personId: l.personId, orgUnitId: main.orgUnitId, fte: capped(held) });
  }
  const heldFte = new Map<string, number>();
  for (const a of inputs.assignments) {
    if (a.postId === null || isCover(a.contractType) || !inForce(a, asAt) || leftOnDate.has(a.personId))
      continue;
    heldFte.set(a.postId, (heldFte.get(a.postId) ?? 0) + a.fte);
  }
  for (const p of inputs.posts) {
    const vacancy = Math.max(0, p.fte - (heldFte.get(p.id) ?? 0));
    if (vacancy > 0) out.push({ kind: "vacancy", personId: null, orgUnitId: p.orgUnitId, fte: vacancy });
  }
  return out;
}

/**
 * The four measures from the records counted in one unit (pure). The people a rate counts are
 * distinct people: a person with two agency placements, or in post and on a placement, counts once.
 */
export function workforceValues(records: readonly WorkforceRecord[]): MeasureValue[] {
  let employedFte = 0;
  let agencyFte = 0;
  let leaversFte = 0;
  let vacancyFte = 0;
  /** Employed social workers; and they with agency and locum ones. */
  const employedPeople = new Set<string>();
  const allPeople = new Set<string>();
  for (const r of records) {
    if (r.kind === "employed") {
      employedFte += r.fte;
      employedPeople.add(r.personId);
      allPeople.add(r.personId);
    } else if (r.kind === "agency") {
      agencyFte += r.fte;
      allPeople.add(r.personId);
    } else if (r.kind === "leaver") leaversFte += r.fte;
    else vacancyFte += r.fte;
  }
  const employed = employedPeople.size;
  const people = allPeople.size;
  const allFte = employedFte + agencyFte;
  return [
    measureValue("permanent_social_workers", {
      numerator: employedFte,
      denominator: allFte,
      people,
    }),
    measureValue("agency_rate", { numerator: agencyFte, denominator: allFte, people }),
    measureValue("vacancy_rate", {
      numerator: vacancyFte,
      denominator: vacancyFte + employedFte,
      people: employed,
    }),
    measureValue("turnover_rate", { numerator: leaversFte, denominator: employedFte, people: employed }),
  ];
}

/** The rows the records are made from: three set-based queries whatever the number of people. */
export async function workforceInputs(db: TenantDb, asAt: IsoDate): Promise<WorkforceInputs> {
  const from = yearBefore(asAt);
  const [assignments, leavings, posts] = await Promise.all([
    sql<{
      id: string;
      person_id: string;
      post_id: string | null;
      org_unit_id: string;
      contract_type: ContractType;
      fte: string;
      valid_from: string;
      valid_to: string | null;
    }>`select a.id, a.person_id, a.post_id, a.org_unit_id, a.contract_type, a.fte::text as fte,
        a.valid_from::text as valid_from, a.valid_to::text as valid_to
      from assignments a join job_roles r on r.id = a.job_role_id
      where r.social_work_qualified and a.valid_from <= ${asAt}
        and (a.valid_to is null or a.valid_to >= ${from})`.execute(db),
    sql<{ person_id: string; left_on: string }>`
      select l.person_id, l.left_on::text as left_on from leavings l
      where l.left_on between ${from} and ${asAt}`.execute(db),
    sql<{ id: string; org_unit_id: string; fte: string }>`
      select p.id, p.org_unit_id, p.fte::text as fte
      from posts p join job_roles r on r.id = p.job_role_id
      where (p.social_work_qualified or r.social_work_qualified) and p.valid_from <= ${asAt}
        and (p.valid_to is null or p.valid_to >= ${asAt})`.execute(db),
  ]);
  return {
    asAt,
    assignments: assignments.rows.map((a) => ({
      id: a.id,
      personId: a.person_id,
      postId: a.post_id,
      orgUnitId: a.org_unit_id,
      contractType: a.contract_type,
      fte: Number(a.fte),
      validFrom: a.valid_from,
      validTo: a.valid_to,
    })),
    leavings: leavings.rows.map((l) => ({ personId: l.person_id, leftOn: l.left_on })),
    posts: posts.rows.map((p) => ({ id: p.id, orgUnitId: p.org_unit_id, fte: Number(p.fte) })),
  };
}

/** The family for every unit at once: one read, the records rolled up the tree. */
export async function workforceFamily(db: TenantDb, tree: UnitTree, asAt: IsoDate): Promise<FamilyValues> {
  const records = workforceRecords(await workforceInputs(db, asAt));
  const groups = groupUp(tree, records, (r) => [r.orgUnitId]);
  return (unitId) => workforceValues(groups.get(unitId) ?? []);
}
